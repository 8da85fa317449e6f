package io.provenir.record;

import io.provenir.scan.Category;
import io.provenir.scan.Detection;
import io.provenir.scan.Placeholders;
import io.provenir.scan.TextScanner;
import java.util.List;

/**
 * Redacts plain text that could not be parsed as a record (a dead-letter line): every secret
 * becomes {@code [SECRET:TYPE]} and every PII value {@code [TYPE]}; then the text is cut to a
 * maximum length without leaving a fragment of a token, or of a number written in groups, at
 * the cut. The line is scanned with its JSON escapes undone ({@code \u0040}, {@code \/},
 * {@code \"}), as a parsed record's strings are, so that an escape cannot hide a value; what is
 * redacted is the escaped text that spells it. Thread-safe.
 */
public final class TextRedactor {

  private final TextScanner scanner;

  public TextRedactor(TextScanner scanner) {
    this.scanner = scanner;
  }

  /** Whether {@code text} holds a secret or PII value (such an id must not name a record). */
  public boolean holdsFinding(String text) {
    return !scanner.scan(text).isEmpty();
  }

  /** The redacted, truncated text and whether it was truncated. */
  /** The redacted text, whether it was cut, and the types of the secrets it held. */
  public record Result(String text, boolean truncated, List<String> secretTypes) {}

  /**
   * @param text the line as text
   * @param maxChars the most chars to keep
   * @param textIsPrefix whether {@code text} is only the start of a longer line, so that its last
   *     token may be cut
   */
  public Result redact(String text, int maxChars, boolean textIsPrefix) {
    int[] rawAt = text.indexOf('\\') >= 0 ? new int[text.length() + 1] : null;
    String decoded = rawAt == null ? text : unescape(text, rawAt);
    List<Detection> ds = scanner.scan(decoded);
    List<String> secrets = new java.util.ArrayList<>();
    for (Detection d : ds) {
      if (d.category() == Category.SECRET) {
        secrets.add(d.type());
      }
    }
    String redacted = text;
    int[] placeholderEnds = new int[ds.size()];
    if (!ds.isEmpty()) {
      StringBuilder sb = new StringBuilder(text.length());
      int pos = 0;
      int k = 0;
      for (Detection d : ds) {
        int start = rawAt == null ? d.start() : rawAt[d.start()];
        if (start < pos) {
          continue; // cannot happen: detections are sorted and apart
        }
        sb.append(text, pos, start);
        sb.append(d.category() == Category.SECRET
            ? Placeholders.secret(d.type())
            : Placeholders.pii(d.type()));
        placeholderEnds[k++] = sb.length();
        pos = rawAt == null ? d.end() : rawAt[d.end()];
      }
      sb.append(text, pos, text.length());
      redacted = sb.toString();
      placeholderEnds = java.util.Arrays.copyOf(placeholderEnds, k);
    }
    if (redacted.length() <= maxChars && !textIsPrefix) {
      return new Result(redacted, false, secrets);
    }
    return new Result(cut(redacted, Math.min(maxChars, redacted.length()), textIsPrefix,
        placeholderEnds), true, secrets);
  }

  /**
   * {@code text} with its JSON string escapes undone ({@code \" \\ \/ \b \f \n \r \t
   * \}{@code uXXXX}; any other backslash is kept); {@code rawAt[i]} is where the decoded char
   * {@code i} starts in {@code text}, and {@code rawAt[length]} is {@code text}'s length.
   */
  static String unescape(String text, int[] rawAt) {
    StringBuilder sb = new StringBuilder(text.length());
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      int width = 1;
      if (c == '\\' && i + 1 < n) {
        char e = text.charAt(i + 1);
        int simple = "\"\\/bfnrt".indexOf(e);
        if (simple >= 0) {
          c = "\"\\/\b\f\n\r\t".charAt(simple);
          width = 2;
        } else if (e == 'u' && i + 6 <= n && isHex(text, i + 2, i + 6)) {
          c = (char) Integer.parseInt(text, i + 2, i + 6, 16);
          width = 6;
        }
      }
      rawAt[sb.length()] = i;
      sb.append(c);
      i += width;
    }
    rawAt[sb.length()] = n;
    return sb.toString();
  }

  private static boolean isHex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The first {@code maxChars} of {@code s} (all of it, when {@code s} is only the start of a
   * longer line: its end is a cut too), cut back to a boundary no value can span, so that the cut
   * never leaves the beginning of a value too long to be recognised whole: a blank, an unescaped
   * double quote (in a JSON line, where strings begin and end), or the end of a placeholder
   * ({@code placeholderEnds}, ascending). A secret may hold any other punctuation, or be spelled
   * with JSON escapes. Then the groups of digits before the cut go too ({@code 4539 5787 6362 },
   * {@code (415) 555}): the start of a card, phone or SSN number written with spaces that the cut
   * left too short to be recognised.
   */
  static String cut(String s, int maxChars, boolean sIsPrefix, int[] placeholderEnds) {
    int end = Math.min(s.length(), maxChars);
    if (end > 0 && end < s.length() && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    if (end == s.length() && !sIsPrefix) {
      return s;
    }
    int placeholderEnd = 0;
    for (int e : placeholderEnds) {
      if (e <= end) {
        placeholderEnd = e;
      }
    }
    if (end < s.length() && isBoundary(s, end) || end == placeholderEnd) {
      // the cut is at a boundary: the value before it ended there
    } else {
      while (end > placeholderEnd && !isBoundary(s, end - 1)) {
        end--;
      }
    }
    while (true) { // number groups before the cut, each after blanks
      int g = end;
      while (g > placeholderEnd && Character.isWhitespace(s.charAt(g - 1))) {
        g--;
      }
      int t = g;
      boolean digit = false;
      while (t > placeholderEnd && isNumberChar(s.charAt(t - 1))) {
        t--;
        digit |= Character.isDigit(s.charAt(t));
      }
      // digits glued to a word (abc-123) are not a number in groups
      if (!digit || t > 0 && (Character.isLetterOrDigit(s.charAt(t - 1)) || s.charAt(t - 1) == '_')) {
        break;
      }
      end = t;
    }
    return s.substring(0, end);
  }

  /** Whether s[i] is a blank or a double quote that no backslash escapes. */
  private static boolean isBoundary(String s, int i) {
    char c = s.charAt(i);
    if (Character.isWhitespace(c)) {
      return true;
    }
    if (c != '"') {
      return false;
    }
    int backslashes = 0;
    while (i - backslashes > 0 && s.charAt(i - backslashes - 1) == '\\') {
      backslashes++;
    }
    return backslashes % 2 == 0;
  }

  /** What a number written in groups is made of: digits, and {@code - . ( ) + /}. */
  private static boolean isNumberChar(char c) {
    return c >= '0' && c <= '9' || c == '-' || c == '.' || c == '(' || c == ')' || c == '+'
        || c == '/';
  }
}
