package io.provenir.scan;

/** Small character-level helpers shared by detectors. All are allocation-free. */
public final class Text {

  private Text() {}

  /** Whether text has at least {@code n} ASCII digits. */
  public static boolean hasDigits(String text, int n) {
    int count = 0;
    for (int i = 0, len = text.length(); i < len; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9' && ++count >= n) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code pattern.matcher(text).find()}, but tried only at positions where {@code canStart}
   * holds; {@code canStart} must hold wherever a match can begin, so the matches are exactly
   * find()'s, found with fewer attempts where starts are rare (and no matcher made where there
   * are none). Calls {@code onMatch} with the matcher positioned on each match. Lookarounds see
   * past the tried position as find() would (transparent, non-anchoring bounds).
   */
  public static void findWhere(java.util.regex.Pattern pattern, String text,
      java.util.function.IntPredicate canStart,
      java.util.function.Consumer<java.util.regex.Matcher> onMatch) {
    int length = text.length();
    java.util.regex.Matcher m = null;
    for (int at = 0; at < length; ) {
      if (!canStart.test(at)) {
        at++;
        continue;
      }
      if (m == null) {
        m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
      }
      m.region(at, length);
      if (!m.lookingAt()) {
        at++;
        continue;
      }
      onMatch.accept(m);
      at = m.end() > at ? m.end() : at + 1;
    }
  }

  public static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** {@link #isAsciiDigit} of a code point or char value (for {@code String.chars()}). */
  public static boolean isAsciiDigitCode(int c) {
    return c >= '0' && c <= '9';
  }

  public static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  public static boolean isAsciiAlnum(char c) {
    return isAsciiDigit(c) || isAsciiLetter(c);
  }

  /** Whether a word char (letter, digit, underscore, any script) is at index {@code i}. */
  public static boolean isWordCharAt(String text, int i) {
    if (i < 0 || i >= text.length()) {
      return false;
    }
    char c = text.charAt(i);
    return c == '_' || Character.isLetterOrDigit(c);
  }

  /**
   * Whether one of {@code words} (lower case) occurs as a word in text[from, to), ignoring case.
   * Word boundaries: the character before and after is not a letter or digit.
   */
  public static boolean containsWord(String text, int from, int to, String... words) {
    from = Math.max(0, from);
    to = Math.min(text.length(), to);
    for (String w : words) {
      int wl = w.length();
      for (int i = from; i + wl <= to; i++) {
        if (text.regionMatches(true, i, w, 0, wl)
            && !Character.isLetterOrDigit(i > 0 ? text.charAt(i - 1) : ' ')
            && !Character.isLetterOrDigit(i + wl < text.length() ? text.charAt(i + wl) : ' ')) {
          return true;
        }
      }
    }
    return false;
  }

  /** text[start, end) with every char that is not an ASCII digit removed. */
  public static String digitsOf(String text, int start, int end) {
    StringBuilder sb = new StringBuilder(end - start);
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (isAsciiDigit(c)) {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
