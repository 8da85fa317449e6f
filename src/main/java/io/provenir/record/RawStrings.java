package io.provenir.record;

/** Positions inside a JSON string literal as written in UTF-8, escapes included. */
final class RawStrings {

  private RawStrings() {}

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
    int max = 0;
    for (int u : utf16) {
      max = Math.max(max, u);
    }
    int pos = quote + 1;
    int unit = 0;
    while (true) {
      for (int k = 0; k < utf16.length; k++) {
        if (utf16[k] == unit) {
          result[k] = pos;
        }
      }
      if (unit >= max) {
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
