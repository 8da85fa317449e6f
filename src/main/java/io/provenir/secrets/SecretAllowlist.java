package io.provenir.secrets;

import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The user's allowlist: patterns of values that are not secrets (test keys of a sandbox, say) and
 * fingerprints of findings reviewed and accepted (a baseline, as established secret scanners
 * keep). A found secret that matches either is dropped: not quarantined, not redacted, counted as
 * allowed in the report. Immutable and serializable.
 */
public final class SecretAllowlist implements Serializable {

  private static final long serialVersionUID = 1L;

  private final List<String> patterns;
  private final Set<String> fingerprints;
  private transient List<Pattern> compiled;

  private SecretAllowlist(List<String> patterns, Set<String> fingerprints) {
    this.patterns = List.copyOf(patterns);
    this.fingerprints = Set.copyOf(fingerprints);
  }

  public static SecretAllowlist none() {
    return new SecretAllowlist(List.of(), Set.of());
  }

  /**
   * @param patterns Java regular expressions, searched for in each found value
   * @param fingerprints fingerprints as written in findings/
   * @throws IllegalArgumentException naming a pattern that does not compile
   */
  public static SecretAllowlist of(List<String> patterns, List<String> fingerprints) {
    for (int i = 0; i < patterns.size(); i++) {
      try {
        Pattern.compile(patterns.get(i));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("pattern " + i + " does not compile: "
            + e.getDescription());
      }
    }
    return new SecretAllowlist(patterns, Set.copyOf(fingerprints));
  }

  public boolean isEmpty() {
    return patterns.isEmpty() && fingerprints.isEmpty();
  }

  /** Whether a secret with this value and fingerprint is allowed. */
  public boolean allows(String value, String fingerprint) {
    if (fingerprint != null && fingerprints.contains(fingerprint)) {
      return true;
    }
    if (compiled == null) {
      compiled = patterns.stream().map(Pattern::compile).toList();
    }
    for (Pattern p : compiled) {
      if (p.matcher(value).find()) {
        return true;
      }
    }
    return false;
  }
}
