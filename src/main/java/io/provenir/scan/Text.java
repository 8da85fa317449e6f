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
   * {@code pattern.matcher(text).find()}, but tried only at the positions {@code nextStart}
   * gives: {@code nextStart.applyAsInt(from)} is the first position at or after {@code from}
   * where a match can begin, or -1 when there is none. As long as it never skips a position where
   * a match can begin, the matches are exactly find()'s, found with fewer attempts where starts
   * are rare (and no matcher made where there are none); the caller's own loop finds the next
   * start, one call per candidate rather than one per char. Calls {@code onMatch} with the matcher
   * positioned on each match. Lookarounds see past the tried position as find() would
   * (transparent, non-anchoring bounds).
   */
  public static void findWhere(java.util.regex.Pattern pattern, String text,
      java.util.function.IntUnaryOperator nextStart,
      java.util.function.Consumer<java.util.regex.Matcher> onMatch) {
    int length = text.length();
    java.util.regex.Matcher m = null;
    int at = nextStart.applyAsInt(0);
    while (at >= 0 && at < length) {
      if (m == null) {
        m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
      }
      m.region(at, length);
      if (m.lookingAt()) {
        onMatch.accept(m);
        at = nextStart.applyAsInt(m.end() > at ? m.end() : at + 1);
      } else {
        at = nextStart.applyAsInt(at + 1);
      }
    }
  }

  /**
   * Every match of {@code pattern} in {@code text}, as {@code find()} finds them: with {@code
   * starts}, tried only where it says a match can begin ({@link #findWhere}); without (null), at
   * every position.
   */
  public static void findAll(java.util.regex.Pattern pattern, String text, MatchStarts starts,
      java.util.function.Consumer<java.util.regex.Matcher> onMatch) {
    if (starts != null) {
      findWhere(pattern, text, from -> starts.next(text, from), onMatch);
      return;
    }
    java.util.regex.Matcher m = pattern.matcher(text);
    while (m.find()) {
      onMatch.accept(m);
    }
  }

  /** {@code [A-Za-z0-9_.]}: what look-behinds such as {@code (?<![\w.])} refuse. */
  public static boolean isAsciiWordCharOrDot(char c) {
    return c == '.' || c == '_' || isAsciiAlnum(c);
  }

  public static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  public static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /**
   * How many distinct chars {@code s} holds, counting stops at {@code atMost}: the same as
   * {@code min(s.chars().distinct().count(), atMost)} without a stream and a boxed hash set (a
   * tenth of the scan of text packed with keyword assignments, where every value is checked).
   */
  public static int distinctChars(CharSequence s, int atMost) {
    char[] seen = new char[atMost];
    int n = 0;
    next:
    for (int i = 0, len = s.length(); i < len && n < atMost; i++) {
      char c = s.charAt(i);
      for (int k = 0; k < n; k++) {
        if (seen[k] == c) {
          continue next;
        }
      }
      seen[n++] = c;
    }
    return n;
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
    // Only where a word can start (not after a letter or digit) are the words compared.
    for (int i = from; i < to; i++) {
      if (Character.isLetterOrDigit(i > 0 ? text.charAt(i - 1) : ' ')) {
        continue;
      }
      char c = text.charAt(i);
      for (String w : words) {
        int wl = w.length();
        char w0 = w.charAt(0);
        if (c < 128 && w0 >= 'a' && w0 <= 'z' && (c | 0x20) != w0) {
          continue; // an ASCII char equals a lower-case ASCII letter ignoring case only so
        }
        if (i + wl <= to && text.regionMatches(true, i, w, 0, wl)
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
