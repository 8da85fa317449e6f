package io.provenir.record;

/** Positions inside a JSON string literal as written in UTF-8, escapes included. */
final class RawStrings {

  private RawStrings() {}

  private static final long QUOTES = io.provenir.io.Words.repeat((byte) '"');
  private static final long BACKSLASHES = io.provenir.io.Words.repeat((byte) '\\');

  /**
   * Whether raw[from, to) is inside the line and holds no quote, backslash or non-ASCII byte:
   * eight bytes at a time.
   */
  private static boolean plainUpTo(byte[] raw, int from, int to) {
    if (to > raw.length) {
      return false;
    }
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = io.provenir.io.Words.get(raw, i);
      if ((x & io.provenir.io.Words.HIGH_BITS) != 0
          || (io.provenir.io.Words.equalBytes(x, QUOTES)
              | io.provenir.io.Words.equalBytes(x, BACKSLASHES)) != 0) {
        return false;
      }
    }
    for (; i < to; i++) {
      byte b = raw[i];
      if (b < 0 || b == '"' || b == '\\') {
        return false;
      }
    }
    return true;
  }

  /**
   * Maps UTF-16 indexes of a decoded JSON string to byte offsets in its raw literal.
   *
   * @param raw the line
   * @param quote the byte offset of the literal's opening quote
   * @param utf16 indexes into the decoded string (any order)
   * @return for each index, the byte offset in {@code raw} where that char's encoding starts (the
   *     closing quote for the string's length)
   */
  static int[] bytePositions(byte[] raw, int quote, int[] utf16) {
    int[] result = new int[utf16.length];
    if (utf16.length == 0) {
      return result;
    }
    int last = 0;
    for (int u : utf16) {
      last = Math.max(last, u);
    }
    if (plainUpTo(raw, quote + 1, quote + 1 + last)) {
      // The common case: ASCII without escapes up to the last position, a byte per char.
      for (int k = 0; k < utf16.length; k++) {
        result[k] = quote + 1 + utf16[k];
      }
      return result;
    }
    // Visit the requested positions in order while walking the string once: linear in the
    // string plus k log k, not string length times k (a long string can hold many findings).
    long[] order = new long[utf16.length]; // position, then index, in one sortable long
    for (int k = 0; k < order.length; k++) {
      order[k] = (long) utf16[k] << 32 | k;
    }
    java.util.Arrays.sort(order);
    int next = 0;
    int pos = quote + 1;
    int unit = 0;
    while (true) {
      while (next < order.length && (int) (order[next] >>> 32) <= unit) {
        if ((int) (order[next] >>> 32) == unit) {
          result[(int) order[next]] = pos;
        }
        next++;
      }
      if (next == order.length) {
        return result;
      }
      int b = raw[pos] & 0xFF;
      if (b == '"') {
        throw new IllegalArgumentException("index past the end of the string");
      }
      if (b == '\\') {
        pos += raw[pos + 1] == 'u' ? 6 : 2;
        unit++;
      } else if (b < 0x80) {
        pos++;
        unit++;
      } else if (b < 0xE0) {
        pos += 2;
        unit++;
      } else if (b < 0xF0) {
        pos += 3;
        unit++;
      } else {
        pos += 4;
        unit += 2; // a supplementary code point is a surrogate pair in UTF-16
      }
    }
  }

  /** The JSON string-literal body of {@code s} (no quotes). */
  static String jsonEscape(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String rep = null;
      if (c == '"') {
        rep = "\\\"";
      } else if (c == '\\') {
        rep = "\\\\";
      } else if (c < 0x20) {
        rep = String.format("\\u%04x", (int) c);
      }
      if (rep != null) {
        if (sb == null) {
          sb = new StringBuilder(s.length() + 8).append(s, 0, i);
        }
        sb.append(rep);
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? s : sb.toString();
  }
}
