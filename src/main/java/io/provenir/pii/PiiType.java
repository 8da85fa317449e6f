package io.provenir.pii;

import io.provenir.scan.Placeholders;
import java.util.Arrays;
import java.util.List;

/** The PII types Provenir detects. */
public enum PiiType {
  EMAIL,
  PHONE,
  SSN,
  CREDIT_CARD,
  IP_ADDRESS;

  /** The placeholder that replaces a value of this type when masking, e.g. {@code [EMAIL]}. */
  public String placeholder() {
    return Placeholders.pii(name());
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(Enum::name).toList();
  }
}
