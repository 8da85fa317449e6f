package io.provenir.pii;

import java.util.Arrays;
import java.util.Locale;

/** How a PII value is replaced when masking. */
public enum MaskOperator {
  /** A typed placeholder: {@code [EMAIL]}. */
  REPLACE,
  /** Removed: the value becomes the empty string. */
  REDACT,
  /** Letters and digits replaced by a mask character except the last few: {@code **** 1111}. */
  MASK,
  /** The salted SHA-256 (HMAC) of the normalised value, 64 hex digits: stable within a salt. */
  HASH,
  /**
   * An instance-preserving placeholder: {@code [EMAIL_1]}, {@code [EMAIL_2]} by first appearance
   * in a record, or, with a key, {@code [EMAIL_<8 hex of a keyed HMAC>]}, stable everywhere.
   */
  PSEUDONYMIZE;

  public String specName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static String allowed() {
    return String.join(", ", Arrays.stream(values()).map(MaskOperator::specName).toList());
  }

  /** The operator named {@code name} (case-insensitive), or null. */
  public static MaskOperator fromName(String name) {
    for (MaskOperator o : values()) {
      if (o.specName().equalsIgnoreCase(name)) {
        return o;
      }
    }
    return null;
  }
}
