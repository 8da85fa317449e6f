package io.provenir.scan;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The typed placeholders Provenir writes in place of sensitive values ({@code [EMAIL]},
 * {@code [SECRET:AWS_ACCESS_KEY]}) and their recognition, so that masked text is never re-detected.
 */
public final class Placeholders {

  /** {@code [TYPE]}, {@code [SECRET:TYPE]} and numbered or keyed forms such as {@code [EMAIL_1]}. */
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\[(?:SECRET:)?[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*(?:_[0-9a-f]{1,16})?\\]");

  private Placeholders() {}

  /** The placeholder for a PII value of {@code type}: {@code [TYPE]}. */
  public static String pii(String type) {
    return "[" + type + "]";
  }

  /** The placeholder for a secret of {@code type}: {@code [SECRET:TYPE]}. */
  public static String secret(String type) {
    return "[SECRET:" + type + "]";
  }

  /** Whether [start, end) of text overlaps a placeholder already present in the text. */
  static boolean overlapsPlaceholder(String text, int start, int end) {
    int from = Math.max(0, text.lastIndexOf('[', start));
    if (text.indexOf('[', from) < 0) {
      return false;
    }
    Matcher m = PLACEHOLDER.matcher(text);
    m.region(from, text.length());
    while (m.find()) {
      if (m.start() >= end) {
        return false;
      }
      if (m.end() > start) {
        return true;
      }
    }
    return false;
  }
}
