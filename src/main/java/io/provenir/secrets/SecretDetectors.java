package io.provenir.secrets;

import io.provenir.scan.Category;
import io.provenir.scan.Detector;
import io.provenir.scan.RegexDetector;
import io.provenir.scan.Text;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Factory of the secret detectors, by type name: the provider rules of {@link SecretRules} (run
 * by one {@link RuleSetDetector} behind a one-pass keyword filter), bearer tokens, curl
 * credentials, Kubernetes secrets, secret-named assignments ({@code PASSWORD},
 * {@code GENERIC_SECRET}) and random-looking strings in key-like context ({@code HIGH_ENTROPY}).
 */
public final class SecretDetectors {

  private SecretDetectors() {}

  private static final List<String> OTHER_TYPES = List.of("BEARER_TOKEN", "CURL_CREDENTIALS",
      "KUBERNETES_SECRET", "PRIVATE_KEY", "PASSWORD", "GENERIC_SECRET", "HIGH_ENTROPY");
  private static final List<String> TYPES = collectTypes();

  private static List<String> collectTypes() {
    Set<String> t = new TreeSet<>();
    SecretRules.all().forEach(r -> t.add(r.type()));
    t.addAll(OTHER_TYPES);
    return List.copyOf(t);
  }

  /** Every secret type, sorted. */
  public static List<String> types() {
    return TYPES;
  }

  /** Every secret detector. */
  public static List<Detector> all() {
    return forTypes(TYPES);
  }

  /**
   * The detectors for the named types.
   *
   * @throws IllegalArgumentException naming the unknown type and the allowed ones
   */
  public static List<Detector> forTypes(Collection<String> types) {
    Set<String> wanted = new TreeSet<>();
    for (String name : types) {
      wanted.add(parse(name));
    }
    List<Detector> detectors = new ArrayList<>();
    List<SecretRule> rules = SecretRules.all().stream()
        .filter(r -> wanted.contains(r.type())).toList();
    if (!rules.isEmpty()) {
      detectors.add(new RuleSetDetector(rules));
    }
    if (wanted.contains("BEARER_TOKEN")) {
      detectors.add(bearerToken());
    }
    if (wanted.contains("PRIVATE_KEY")) {
      detectors.add(new PrivateKeyDetector());
    }
    if (wanted.contains("CURL_CREDENTIALS")) {
      detectors.add(new CurlCredentialsDetector());
    }
    if (wanted.contains("KUBERNETES_SECRET")) {
      detectors.add(new KubernetesSecretDetector());
    }
    if (wanted.contains("PASSWORD") || wanted.contains("GENERIC_SECRET")) {
      detectors.add(new KeywordAssignmentDetector(wanted.contains("PASSWORD"),
          wanted.contains("GENERIC_SECRET")));
    }
    if (wanted.contains("HIGH_ENTROPY")) {
      detectors.add(new HighEntropyDetector());
    }
    return detectors;
  }

  /** {@code name} if it is a secret type; throws naming the allowed values otherwise. */
  public static String parse(String name) {
    if (TYPES.contains(name)) {
      return name;
    }
    throw new IllegalArgumentException("unknown secret type '" + name + "' (allowed: "
        + String.join(", ", TYPES) + ")");
  }

  /** The token after {@code Bearer}, when it is long and random enough to be a credential. */
  /** Where the bearer pattern can start: {@code [Bb]earer} not after an ASCII letter or digit. */
  static int bearerStart(String t, int from) {
    for (int i = t.indexOf("earer", from + 1); i > 0; i = t.indexOf("earer", i + 1)) {
      char b = t.charAt(i - 1);
      if ((b == 'B' || b == 'b') && (i == 1 || !Text.isAsciiAlnum(t.charAt(i - 2)))) {
        return i - 1;
      }
    }
    return -1;
  }

  static Detector bearerToken() {
    return RegexDetector.builder("BEARER_TOKEN", Category.SECRET)
        .id("bearer-token")
        .priority(70)
        .pattern("(?<![A-Za-z0-9])[Bb]earer[ \\t]+([A-Za-z0-9\\-._~+/]{16,4096}=*)"
            + "(?![A-Za-z0-9\\-._~+/=])")
        .group(1)
        .keywords("bearer")
        .preFilter(t -> t.contains("earer"))
        .starts(SecretDetectors::bearerStart)
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
