package io.provenir.record;

import io.provenir.scan.Category;
import io.provenir.scan.Detection;
import io.provenir.scan.Placeholders;
import io.provenir.scan.TextScanner;
import java.util.List;

/**
 * Redacts plain text that could not be parsed as a record (a dead-letter line): every secret
 * becomes {@code [SECRET:TYPE]} and every PII value {@code [TYPE]}; then the text is cut to a
 * maximum length without leaving a fragment of a token at the cut. Thread-safe.
 */
public final class TextRedactor {

  private final TextScanner scanner;

  public TextRedactor(TextScanner scanner) {
    this.scanner = scanner;
  }

  /** The redacted, truncated text and whether it was truncated. */
  public record Result(String text, boolean truncated) {}

  /**
   * @param text the line as text
   * @param maxChars the most chars to keep
   * @param textIsPrefix whether {@code text} is only the start of a longer line, so that its last
   *     token may be cut
   */
  public Result redact(String text, int maxChars, boolean textIsPrefix) {
    List<Detection> ds = scanner.scan(text);
    String redacted = text;
    if (!ds.isEmpty()) {
      StringBuilder sb = new StringBuilder(text.length());
      int pos = 0;
      for (Detection d : ds) {
        sb.append(text, pos, d.start());
        sb.append(d.category() == Category.SECRET
            ? Placeholders.secret(d.type())
            : Placeholders.pii(d.type()));
        pos = d.end();
      }
      sb.append(text, pos, text.length());
      redacted = sb.toString();
    }
    if (redacted.length() <= maxChars && !textIsPrefix) {
      return new Result(redacted, false);
    }
    return new Result(cutAtTokenBoundary(redacted + (textIsPrefix ? "x" : ""),
        Math.min(maxChars, redacted.length())), true);
  }

  /**
   * The first {@code maxChars} chars, minus any trailing run of token chars, so that the cut never
   * leaves the beginning of a value that was too long to be recognised whole.
   */
  static String cutAtTokenBoundary(String s, int maxChars) {
    int end = Math.min(s.length(), maxChars);
    if (end > 0 && end < s.length() && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    if (end < s.length() && isTokenChar(s.charAt(end))) {
      while (end > 0 && isTokenChar(s.charAt(end - 1))) {
        end--;
      }
    }
    return s.substring(0, end);
  }

  private static boolean isTokenChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '+' || c == '/' || c == '='
        || c == '.' || c == '~' || c == '@' || c == ':' || c == '%';
  }
}
