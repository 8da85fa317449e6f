package io.provenir.secrets;

import io.provenir.scan.Category;
import io.provenir.scan.Detection;
import io.provenir.scan.Detector;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Runs many {@link SecretRule}s over a string: one Aho-Corasick pass finds which rules' keywords
 * occur, then only those rules' patterns run. Immutable and thread-safe.
 */
public final class RuleSetDetector implements Detector {

  private final List<SecretRule> rules;
  private final KeywordIndex index;

  public RuleSetDetector(List<SecretRule> rules) {
    this.rules = List.copyOf(rules);
    List<List<String>> kw = new ArrayList<>();
    for (SecretRule r : rules) {
      kw.add(r.keywords());
    }
    this.index = new KeywordIndex(kw);
  }

  public List<SecretRule> rules() {
    return rules;
  }

  /** Several types: the rule's type is on each detection. */
  @Override
  public String type() {
    return "SECRET";
  }

  @Override
  public Category category() {
    return Category.SECRET;
  }

  @Override
  public String id() {
    return "secret-rules";
  }

  @Override
  public boolean mayMatch(String text) {
    return true; // the keyword pass in find() is the pre-filter
  }

  @Override
  public void find(String text, List<Detection> out) {
    boolean[] candidates = index.match(text);
    if (candidates == null) {
      return;
    }
    int longestRun = -1;
    for (int r = 0; r < candidates.length; r++) {
      if (!candidates[r]) {
        continue;
      }
      SecretRule rule = rules.get(r);
      if (rule.minRun() > 0) {
        if (longestRun < 0) {
          longestRun = longestTokenRun(text);
        }
        if (longestRun < rule.minRun()) {
          continue;
        }
      }
      Matcher m = rule.pattern().matcher(text);
      while (m.find()) {
        int s = m.start(rule.group());
        int e = m.end(rule.group());
        if (s >= 0 && e > s && rule.accepts(text, s, e)) {
          out.add(new Detection(rule.type(), Category.SECRET, s, e, rule.id(), rule.priority()));
        }
      }
    }
  }

  /** The length of the longest run of {@code [A-Za-z0-9_-]} in {@code text}. */
  static int longestTokenRun(String text) {
    int best = 0;
    int run = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
          || c == '-') {
        if (++run > best) {
          best = run;
        }
      } else {
        run = 0;
      }
    }
    return best;
  }
}
