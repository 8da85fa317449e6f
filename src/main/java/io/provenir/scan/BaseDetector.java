package io.provenir.scan;

import java.util.Objects;

/** The identity every detector carries: type, category, id and priority. */
public abstract class BaseDetector implements Detector {

  private final String type;
  private final Category category;
  private final String id;
  private final int priority;

  protected BaseDetector(String type, Category category, String id, int priority) {
    this.type = Objects.requireNonNull(type, "type");
    this.category = Objects.requireNonNull(category, "category");
    this.id = Objects.requireNonNull(id, "id");
    this.priority = priority;
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
