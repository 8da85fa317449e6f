package io.provenir.scan;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A detector made of a compiled pattern, a cheap pre-filter and an optional validator of the matched
 * value. The match span is capture group {@code group} (0 for the whole match).
 *
 * <p>Patterns must be written without nested unbounded quantifiers, so matching stays linear.
 */
public final class RegexDetector extends BaseDetector {

  private final Pattern pattern;
  private final int group;
  private final Predicate<String> preFilter;
  private final Validator validator;
  private final MatchStarts starts;

  /** Decides whether a candidate match is real, given the whole text and the span. */
  @FunctionalInterface
  public interface Validator {
    boolean isValid(String text, int start, int end);
  }

  private RegexDetector(Builder b) {
    super(b.type, b.category,
        b.id == null ? b.type.toLowerCase(java.util.Locale.ROOT) : b.id, b.priority, b.keywords);
    this.pattern = Objects.requireNonNull(b.pattern, "pattern");
    this.group = b.group;
    this.preFilter = b.preFilter == null ? t -> true : b.preFilter;
    this.validator = b.validator == null ? (t, s, e) -> true : b.validator;
    this.starts = b.starts;
  }

  public static Builder builder(String type, Category category) {
    return new Builder(type, category);
  }

  public Pattern pattern() {
    return pattern;
  }

  @Override
  public boolean mayMatch(String text) {
    return preFilter.test(text);
  }

  @Override
  public void find(String text, List<Detection> out) {
    Text.findAll(pattern, text, starts, m -> add(text, m, out));
  }

  private void add(String text, Matcher m, List<Detection> out) {
    int s = m.start(group);
    int e = m.end(group);
    if (s >= 0 && e > s && validator.isValid(text, s, e)) {
      out.add(detection(s, e));
    }
  }

  /** Builder; {@code type}, {@code category} and {@code pattern} are required. */
  public static final class Builder {
    private final String type;
    private final Category category;
    private String id;
    private int priority = 50;
    private Pattern pattern;
    private int group;
    private Predicate<String> preFilter;
    private Validator validator;
    private List<String> keywords = List.of();
    private MatchStarts starts;

    private Builder(String type, Category category) {
      this.type = type;
      this.category = category;
    }

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    public Builder pattern(String regex) {
      this.pattern = Pattern.compile(regex);
      return this;
    }

    public Builder pattern(Pattern pattern) {
      this.pattern = pattern;
      return this;
    }

    public Builder group(int group) {
      this.group = group;
      return this;
    }

    public Builder preFilter(Predicate<String> preFilter) {
      this.preFilter = preFilter;
      return this;
    }

    public Builder validator(Validator validator) {
      this.validator = validator;
      return this;
    }

    /**
     * ASCII keywords that all occur (ignoring case) in any string the pattern can match: asked of
     * the scanner's one pass over the string before the pre-filter runs.
     */
    public Builder keywords(String... keywords) {
      this.keywords = List.of(keywords);
      return this;
    }

    /** Where a match can start (see {@link MatchStarts}); by default every position. */
    public Builder starts(MatchStarts starts) {
      this.starts = starts;
      return this;
    }

    public RegexDetector build() {
      return new RegexDetector(this);
    }
  }
}
