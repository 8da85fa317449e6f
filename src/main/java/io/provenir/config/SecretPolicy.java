package io.provenir.config;

import java.util.Arrays;
import java.util.Locale;

/** What happens to a record that holds a secret. In every case the secret value is redacted. */
public enum SecretPolicy {
  /** Hold the record back in quarantine/ (default). */
  QUARANTINE,
  /** Quarantine, write every output and the report, then exit with code 3. */
  FAIL,
  /** Only report: the record goes to clean/ with the secret replaced by [SECRET:TYPE]. */
  REPORT;

  public String specName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static String allowed() {
    return String.join(", ", Arrays.stream(values()).map(SecretPolicy::specName).toList());
  }

  /** The policy named {@code name} (case-insensitive), or null. */
  public static SecretPolicy fromName(String name) {
    for (SecretPolicy p : values()) {
      if (p.specName().equalsIgnoreCase(name)) {
        return p;
      }
    }
    return null;
  }
}
