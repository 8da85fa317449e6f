package io.provenir.scan;

import java.util.List;
import java.util.Objects;

/**
 * The identity every detector carries: type, category, id and priority; and optionally keywords
 * that must all occur (ignoring case) before {@link #mayMatch(String)} is even asked.
 */
public abstract class BaseDetector implements Detector {

  private final String type;
  private final Category category;
  private final String id;
  private final int priority;
  private final List<String> requiredKeywords;

  protected BaseDetector(String type, Category category, String id, int priority) {
    this(type, category, id, priority, List.of());
  }

  /**
   * @param requiredKeywords ASCII keywords that all occur, ignoring case, in any string this
   *     detector can match: answered from the scanner's one pass before {@link #mayMatch(String)}
   *     runs its exact (for example case-sensitive) check
   */
  protected BaseDetector(String type, Category category, String id, int priority,
      List<String> requiredKeywords) {
    this.type = Objects.requireNonNull(type, "type");
    this.category = Objects.requireNonNull(category, "category");
    this.id = Objects.requireNonNull(id, "id");
    this.priority = priority;
    this.requiredKeywords = List.copyOf(requiredKeywords);
  }

  @Override
  public List<String> keywords() {
    return requiredKeywords;
  }

  @Override
  public boolean usesProfile() {
    return !requiredKeywords.isEmpty();
  }

  @Override
  public boolean mayMatch(String text, TextProfile profile) {
    if (profile != null) {
      for (int i = 0; i < requiredKeywords.size(); i++) {
        if (!profile.keyword(i)) {
          return false;
        }
      }
    }
    return mayMatch(text);
  }

  @Override
  public final String type() {
    return type;
  }

  @Override
  public final Category category() {
    return category;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final int priority() {
    return priority;
  }

  /** A detection of this detector's type over text[start, end). */
  protected final Detection detection(int start, int end) {
    return new Detection(type, category, start, end, id, priority);
  }
}
