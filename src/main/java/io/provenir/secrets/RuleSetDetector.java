package io.provenir.secrets;

import io.provenir.scan.Category;
import io.provenir.scan.Detection;
import io.provenir.scan.BaseDetector;
import io.provenir.scan.KeywordIndex;
import io.provenir.scan.Text;
import io.provenir.scan.TextProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Runs many {@link SecretRule}s over a string: one Aho-Corasick pass finds which rules' keywords
 * occur (the scanner's profile pass, or this detector's own when called alone), then only those
 * rules' patterns run. Immutable and thread-safe.
 */
public final class RuleSetDetector extends BaseDetector {
  // Type SECRET: several types, the rule's type is on each detection.

  private final List<SecretRule> rules;
  /** Every rule's keywords, rule after rule. */
  private final List<String> keywords;
  /** keyword id -> the rule it belongs to. */
  private final int[] ruleOf;
  private final KeywordIndex index;

  public RuleSetDetector(List<SecretRule> rules) {
    super("SECRET", Category.SECRET, "secret-rules", 50);
    this.rules = List.copyOf(rules);
    List<String> kw = new ArrayList<>();
    List<Integer> owner = new ArrayList<>();
    for (int r = 0; r < this.rules.size(); r++) {
      for (String k : this.rules.get(r).keywords()) {
        kw.add(k);
        owner.add(r);
      }
    }
    this.keywords = List.copyOf(kw);
    this.ruleOf = owner.stream().mapToInt(Integer::intValue).toArray();
    this.index = new KeywordIndex(keywords);
  }

  public List<SecretRule> rules() {
    return rules;
  }

  @Override
  public List<String> types() {
    return rules.stream().map(SecretRule::type).distinct().toList();
  }

  @Override
  public boolean mayMatch(String text) {
    return true; // the keyword pass in find() is the pre-filter
  }

  @Override
  public List<String> keywords() {
    return keywords;
  }

  @Override
  public boolean usesProfile() {
    return true;
  }

  @Override
  public boolean mayMatch(String text, TextProfile profile) {
    return profile.anyKeyword(0, ruleOf.length);
  }

  @Override
  public void find(String text, List<Detection> out) {
    find(text, TextProfile.of(text, index), out);
  }

  @Override
  public void find(String text, TextProfile profile, List<Detection> out) {
    // Keyword ids run rule after rule, so the rules whose keywords occur come in rule order, each
    // rule's keywords one after another: each candidate rule once, nothing allocated.
    int longestRun = profile.longestTokenRun();
    int last = -1;
    for (int k = profile.nextKeyword(0, ruleOf.length); k >= 0;
        k = profile.nextKeyword(k + 1, ruleOf.length)) {
      int r = ruleOf[k];
      if (r == last) {
        continue;
      }
      last = r;
      SecretRule rule = rules.get(r);
      if (longestRun < rule.minRun()) {
        continue;
      }
      Text.findAll(rule.pattern(), text, rule.starts(), m -> add(rule, text, m, out));
    }
  }

  private static void add(SecretRule rule, String text, Matcher m, List<Detection> out) {
    int s = m.start(rule.group());
    int e = m.end(rule.group());
    if (s >= 0 && e > s && rule.accepts(text, s, e)) {
      out.add(new Detection(rule.type(), Category.SECRET, s, e, rule.id(), rule.priority()));
    }
  }
}
