package io.provenir.secrets;

import java.util.Locale;

/**
 * Values that look like secrets but are documented examples or placeholders: AWS's
 * {@code AKIAIOSFODNN7EXAMPLE} and {@code ...EXAMPLEKEY}, {@code <your-key>}, {@code xxxx},
 * {@code ${VAR}},
 * {@code ${{ secrets.X }}}, and Provenir's own {@code [SECRET:TYPE]}.
 */
public final class Allowlist {

  private Allowlist() {}

  /** Whether text[start, end) is a documented example or a placeholder rather than a secret. */
  public static boolean isPlaceholder(String text, int start, int end) {
    String v = text.substring(start, end);
    String lower = v.toLowerCase(Locale.ROOT);
    if (lower.endsWith("example") || lower.endsWith("examplekey") || lower.contains("xxxx")
        || lower.contains("your")
        || lower.contains("placeholder") || lower.contains("redacted") || lower.contains("changeme")
        || lower.contains("dummy")) {
      return true;
    }
    if (v.startsWith("${") || v.startsWith("<") || v.startsWith("{{") || v.startsWith("[SECRET:")) {
      return true;
    }
    return isRepetitive(v);
  }

  /** A value made of very few distinct characters (e.g. {@code AAAAAAAAAAAAAAAA}). */
  private static boolean isRepetitive(String v) {
    return io.provenir.scan.Text.distinctChars(v, 4) <= 3;
  }
}
