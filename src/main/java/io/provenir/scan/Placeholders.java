package io.provenir.scan;

import java.util.regex.Pattern;

/**
 * The typed placeholders Provenir writes in place of sensitive values ({@code [EMAIL]},
 * {@code [SECRET:AWS_ACCESS_KEY]}) and their recognition, so that masked text is never re-detected.
 */
public final class Placeholders {

  /**
   * {@code [TYPE]}, {@code [SECRET:TYPE]} and numbered or keyed forms such as {@code [EMAIL_1]};
   * group 1 the type, with a number after it.
   */
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\[(?:SECRET:)?([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)(?:_[0-9a-f]{1,16})?\\]");

  private Placeholders() {}

  /** The placeholder for a PII value of {@code type}: {@code [TYPE]}. */
  public static String pii(String type) {
    return "[" + type + "]";
  }

  /** The placeholder for a secret of {@code type}: {@code [SECRET:TYPE]}. */
  public static String secret(String type) {
    return "[SECRET:" + type + "]";
  }

  /**
   * The placeholders of the given types already present in {@code text}, as sorted,
   * non-overlapping start/end pairs ({@code [s0, e0, s1, e1, ...]}); empty when the text has no
   * {@code [}. One pass over the text. Only known types count: {@code [AKIA...]} is a key
   * someone put in brackets, not a placeholder.
   */
  static int[] spans(String text, java.util.Set<String> types) {
    if (text.indexOf('[') < 0) {
      return new int[0];
    }
    // PLACEHOLDER.find(), tried only at '[' (every match starts with one).
    java.util.stream.IntStream.Builder spans = java.util.stream.IntStream.builder();
    Text.findWhere(PLACEHOLDER, text, from -> text.indexOf('[', from), m -> {
      if (isType(m.group(1), types)) {
        spans.add(m.start()).add(m.end());
      }
    });
    return spans.build().toArray();
  }

  /** Whether {@code name} is one of {@code types}, or one with {@code _<number>} after it. */
  private static boolean isType(String name, java.util.Set<String> types) {
    if (types.contains(name)) {
      return true;
    }
    int u = name.lastIndexOf('_');
    if (u <= 0 || u == name.length() - 1) {
      return false;
    }
    for (int i = u + 1; i < name.length(); i++) {
      if (name.charAt(i) < '0' || name.charAt(i) > '9') {
        return false;
      }
    }
    return types.contains(name.substring(0, u));
  }

  /** Whether [start, end) overlaps one of {@code spans} (as {@link #spans} returns them). */
  static boolean overlaps(int[] spans, int start, int end) {
    // The last placeholder starting before end is the only one that can reach into [start, end)
    // without another one starting inside it; any placeholder starting inside overlaps too.
    int lo = 0;
    int hi = spans.length / 2 - 1;
    int last = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (spans[2 * mid] < end) {
        last = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return last >= 0 && spans[2 * last + 1] > start;
  }
}
