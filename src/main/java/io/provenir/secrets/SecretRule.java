package io.provenir.secrets;

import io.provenir.scan.MatchStarts;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One provider rule: keywords for the one-pass pre-filter (at least one must occur, case
 * insensitive), a pattern whose group {@code group} is the secret, a minimum Shannon entropy of
 * the secret, and an optional extra check. Every rule also refuses allowlisted values (documented
 * examples and placeholders, see {@link Allowlist}).
 *
 * @param type the finding type, e.g. {@code SLACK_TOKEN}
 * @param id a stable rule id, e.g. {@code slack-bot-token}
 * @param keywords lower-case ASCII strings, one of which must occur for the rule to run
 * @param pattern the compiled pattern (bounded quantifiers only)
 * @param group the capture group of the secret (0 for the whole match)
 * @param minEntropy the least Shannon entropy (bits per char) of the secret
 * @param check an extra check on the secret, or null
 * @param priority between overlapping matches of equal length: higher wins
 * @param minRun the least length of the string's longest token run for the rule to run (0: any)
 * @param starts where a match can start, or null: the pattern is tried at every position
 */
public record SecretRule(String type, String id, List<String> keywords, Pattern pattern, int group,
    double minEntropy, Check check, int priority, int minRun, MatchStarts starts) {

  /** An extra check of a candidate secret text[start, end). */
  @FunctionalInterface
  public interface Check {
    boolean test(String text, int start, int end);
  }

  /** A rule without a minimum token run, its pattern tried everywhere. */
  public SecretRule(String type, String id, List<String> keywords, Pattern pattern, int group,
      double minEntropy, Check check, int priority) {
    this(type, id, keywords, pattern, group, minEntropy, check, priority, 0, null);
  }

  /**
   * This rule, tried only on strings holding a run of at least {@code n} token characters
   * ({@code [A-Za-z0-9_-]}): a cheap second pre-filter for rules whose keyword is common in prose
   * (a dot, {@code s.}, {@code sk}) but whose value is a long token.
   */
  public SecretRule withMinRun(int n) {
    return new SecretRule(type, id, keywords, pattern, group, minEntropy, check, priority, n,
        starts);
  }

  /**
   * This rule, its pattern tried only where {@code s} says a match can start: for rules whose
   * keyword is common in prose, so that the pattern does not run at every position of a string.
   */
  public SecretRule withStarts(MatchStarts s) {
    return new SecretRule(type, id, keywords, pattern, group, minEntropy, check, priority, minRun,
        s);
  }

  public SecretRule {
    Objects.requireNonNull(type, "type");
    keywords = keywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
    if (keywords.isEmpty()) {
      throw new IllegalArgumentException(id + ": a rule needs at least one keyword");
    }
  }

  /** Whether text[start, end) passes this rule's checks. */
  boolean accepts(String text, int start, int end) {
    return !Allowlist.isPlaceholder(text, start, end)
        && (minEntropy <= 0 || Entropy.shannon(text, start, end) >= minEntropy)
        && (check == null || check.test(text, start, end));
  }
}
