package io.provenir.record;

import java.util.Arrays;

/**
 * Converts between UTF-16 indexes (Java) and code-point indexes (Python, the output contract) in one
 * string. Free when the string has no surrogate pairs, which is almost always; otherwise a binary
 * search over where the string's pairs are, so that a long string with many findings is not walked
 * from its start for each (a 10 MB string with an emoji in it and 20,000 findings took minutes).
 */
final class CodePoints {

  private static final int[] NONE = new int[0];

  /** The UTF-16 index of each surrogate pair's high surrogate, in order. */
  private final int[] pairs;

  private CodePoints(int[] pairs) {
    this.pairs = pairs;
  }

  static CodePoints of(String text) {
    int n = text.length();
    if (text.codePointCount(0, n) == n) {
      return new CodePoints(NONE); // no pairs (a lone surrogate counts as a code point)
    }
    // Read in chunks: charAt on a string of two-byte chars costs several times a char array's
    // load, and this walks 10 MB strings.
    char[] chunk = new char[Math.min(n, 8192) + 1];
    int[] pairs = new int[8];
    int count = 0;
    for (int from = 0; from < n - 1; from += chunk.length - 1) {
      int to = Math.min(n, from + chunk.length); // one char more than the step: a pair's low half
      text.getChars(from, to, chunk, 0);
      for (int i = 0, m = Math.min(to - from - 1, chunk.length - 1); i < m; i++) {
        if (Character.isHighSurrogate(chunk[i]) && Character.isLowSurrogate(chunk[i + 1])) {
          if (count == pairs.length) {
            pairs = Arrays.copyOf(pairs, count * 2);
          }
          pairs[count++] = from + i++;
        }
      }
    }
    return new CodePoints(Arrays.copyOf(pairs, count));
  }

  /** As {@code text.codePointCount(0, utf16Index)}. */
  int toCodePoint(int utf16Index) {
    // The pairs wholly before the index (high surrogate below index - 1) count one code point for
    // their two chars; a high surrogate just before the index, its pair cut, counts as one alone.
    return pairs.length == 0 ? utf16Index : utf16Index - countBelow(utf16Index - 1, 0);
  }

  /** As {@code text.offsetByCodePoints(0, codePointIndex)}. */
  int toUtf16(int codePointIndex) {
    // Pair j starts at code point pairs[j] - j; each that starts before the index adds a char.
    return pairs.length == 0 ? codePointIndex : codePointIndex + countBelow(codePointIndex, 1);
  }

  /**
   * How many pairs j have {@code pairs[j] - perIndex * j < value} (increasing in j for
   * {@code perIndex} 0 or 1, pairs being at least two chars apart): a binary search.
   */
  private int countBelow(int value, int perIndex) {
    int lo = 0;
    int hi = pairs.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (pairs[mid] - perIndex * mid < value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
