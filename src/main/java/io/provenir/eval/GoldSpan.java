package io.provenir.eval;

/**
 * A labelled value in a case's text.
 *
 * @param type e.g. {@code EMAIL}
 * @param start first code point
 * @param end one past the last code point
 * @param weak optional: neither a miss nor a find of it counts
 */
public record GoldSpan(String type, int start, int end, boolean weak) {

  boolean overlaps(int s, int e) {
    return start < e && s < end;
  }
}
