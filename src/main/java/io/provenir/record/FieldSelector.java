package io.provenir.record;

import java.io.Serializable;
import java.util.List;

/**
 * Which string leaves to scan: all of them when no pointers are given; otherwise the leaves at or
 * under one of the pointers. A {@code *} segment matches any one key or array index, so
 * {@code /messages/*}{@code /content} selects every message's content.
 */
public final class FieldSelector implements Serializable {

  private static final long serialVersionUID = 1L;
  private final List<String[]> patterns;
  /** A pointer never selected (the record id when every string is), or null. */
  private final String except;

  private FieldSelector(List<String> pointers) {
    this.patterns = pointers.stream().map(FieldSelector::segments).toList();
    this.except = null;
  }

  private FieldSelector(List<String[]> patterns, String except) {
    this.patterns = patterns;
    this.except = except;
  }

  /**
   * This selector, but when it selects every string, not the record id's ({@code idField}: a field
   * name or JSON Pointer): a record's id names the record, it is not its content (decontamination
   * compared {@code "train-17"} with benchmark questions). Fields selected by name are kept as
   * given; a null or empty id field changes nothing.
   */
  public FieldSelector exceptRecordId(String idField) {
    String idPointer = JsonPointers.fromFieldOrPointer(idField);
    return idPointer == null || !selectsAll() ? this : new FieldSelector(patterns, idPointer);
  }

  public static FieldSelector all() {
    return new FieldSelector(List.of());
  }

  /**
   * Selects leaves at or under any of {@code pointers}.
   *
   * @throws IllegalArgumentException when a pointer does not start with {@code /}
   */
  public static FieldSelector of(List<String> pointers) {
    for (String p : pointers) {
      if (p == null || !p.startsWith("/")) {
        throw new IllegalArgumentException(
            "'" + p + "' is not a JSON Pointer (it must start with '/', e.g. /messages/*/content)");
      }
    }
    return new FieldSelector(pointers);
  }

  public boolean selectsAll() {
    return patterns.isEmpty();
  }

  public boolean matches(String pointer) {
    if (patterns.isEmpty()) {
      return except == null || !except.equals(pointer);
    }
    String[] segs = segments(pointer);
    for (String[] p : patterns) {
      if (p.length <= segs.length && prefixMatches(p, segs)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a selected leaf may lie at or under {@code pointer}: it is selected, or it is a
   * prefix of a selecting pattern ({@code /users/jane} of {@code /users/*}{@code /phone}).
   */
  public boolean mayLeadTo(String pointer) {
    if (matches(pointer)) {
      return true;
    }
    String[] segs = segments(pointer);
    for (String[] p : patterns) {
      if (segs.length < p.length && prefixMatches(segs.length, p, segs)) {
        return true;
      }
    }
    return false;
  }

  private static boolean prefixMatches(int length, String[] pattern, String[] segs) {
    for (int i = 0; i < length; i++) {
      if (!pattern[i].equals("*") && !pattern[i].equals(segs[i])) {
        return false;
      }
    }
    return true;
  }

  private static boolean prefixMatches(String[] pattern, String[] segs) {
    for (int i = 0; i < pattern.length; i++) {
      if (!pattern[i].equals("*") && !pattern[i].equals(segs[i])) {
        return false;
      }
    }
    return true;
  }

  private static String[] segments(String pointer) {
    if (pointer.isEmpty() || pointer.equals("/")) {
      return pointer.isEmpty() ? new String[0] : new String[] {""};
    }
    return pointer.substring(1).split("/", -1);
  }
}
