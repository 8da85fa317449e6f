package io.provenir.secrets;

import io.provenir.scan.Category;
import io.provenir.scan.Detector;
import io.provenir.scan.RegexDetector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Factory of the secret detectors, by type name. */
public final class SecretDetectors {

  private SecretDetectors() {}

  /** Every secret detector. */
  public static List<Detector> all() {
    return forTypes(SecretType.names());
  }

  /**
   * The detectors for the named types.
   *
   * @throws IllegalArgumentException naming the unknown type and the allowed ones
   */
  public static List<Detector> forTypes(Collection<String> types) {
    List<Detector> detectors = new ArrayList<>();
    for (String name : types) {
      detectors.add(create(parse(name)));
    }
    return detectors;
  }

  public static SecretType parse(String name) {
    for (SecretType t : SecretType.values()) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown secret type '" + name + "' (allowed: "
        + String.join(", ", SecretType.names()) + ")");
  }

  private static Detector create(SecretType type) {
    return switch (type) {
      case AWS_ACCESS_KEY -> awsAccessKey();
      case GITHUB_TOKEN -> gitHubToken();
      case BEARER_TOKEN -> bearerToken();
      case HIGH_ENTROPY -> new HighEntropyDetector();
    };
  }

  /** AWS access key ids: a 4-char resource prefix and 16 base32 chars. */
  static Detector awsAccessKey() {
    return RegexDetector.builder(SecretType.AWS_ACCESS_KEY.name(), Category.SECRET)
        .id("aws-access-key-id")
        .priority(90)
        .pattern("(?<![A-Za-z0-9/+])(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA"
            + "|APKA|AROA)[A-Z2-7]{16}(?![A-Za-z0-9/+])")
        .preFilter(t -> t.indexOf('A') >= 0 && (t.contains("AKIA") || t.contains("ASIA")
            || t.contains("A3T") || t.contains("AGPA") || t.contains("AIDA") || t.contains("AROA")
            || t.contains("AIPA") || t.contains("ANPA") || t.contains("ANVA") || t.contains("ABIA")
            || t.contains("ACCA") || t.contains("APKA")))
        .validator((t, s, e) -> !Allowlist.isPlaceholder(t, s, e))
        .build();
  }

  /** GitHub tokens: classic ({@code ghp_ gho_ ghu_ ghs_ ghr_}) and fine-grained PATs. */
  static Detector gitHubToken() {
    return RegexDetector.builder(SecretType.GITHUB_TOKEN.name(), Category.SECRET)
        .id("github-token")
        .priority(90)
        .pattern("(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}"
            + "|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])")
        .preFilter(t -> t.contains("gh") || t.contains("github_pat_"))
        .validator((t, s, e) -> !Allowlist.isPlaceholder(t, s, e))
        .build();
  }

  /** The token after {@code Bearer}, when it is long and random enough to be a credential. */
  static Detector bearerToken() {
    return RegexDetector.builder(SecretType.BEARER_TOKEN.name(), Category.SECRET)
        .id("bearer-token")
        .priority(70)
        .pattern("(?<![A-Za-z0-9])[Bb]earer[ \\t]+([A-Za-z0-9\\-._~+/]{16,4096}=*)"
            + "(?![A-Za-z0-9\\-._~+/=])")
        .group(1)
        .preFilter(t -> t.contains("earer"))
        .validator((t, s, e) -> e - s >= 20 && hasDigitAndLetter(t, s, e)
            && Entropy.shannon(t, s, e) >= 3.0 && !Allowlist.isPlaceholder(t, s, e))
        .build();
  }

  private static boolean hasDigitAndLetter(String t, int s, int e) {
    boolean digit = false;
    boolean letter = false;
    for (int i = s; i < e; i++) {
      char c = t.charAt(i);
      digit |= c >= '0' && c <= '9';
      letter |= Character.isLetter(c);
    }
    return digit && letter;
  }
}
