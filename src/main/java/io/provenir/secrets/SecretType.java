package io.provenir.secrets;

import io.provenir.scan.Placeholders;
import java.util.Arrays;
import java.util.List;

/** The secret types Provenir detects. */
public enum SecretType {
  AWS_ACCESS_KEY,
  GITHUB_TOKEN,
  BEARER_TOKEN,
  HIGH_ENTROPY;

  /** The placeholder that replaces a secret of this type: {@code [SECRET:TYPE]}. */
  public String placeholder() {
    return Placeholders.secret(name());
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(Enum::name).toList();
  }
}
