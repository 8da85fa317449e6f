package io.provenir.record;

/**
 * Converts between UTF-16 indexes (Java) and code-point indexes (Python, the output contract) in one
 * string. Free when the string has no surrogate pairs, which is almost always.
 */
final class CodePoints {

  private final String text;
  private final boolean hasSurrogates;

  private CodePoints(String text, boolean hasSurrogates) {
    this.text = text;
    this.hasSurrogates = hasSurrogates;
  }

  static CodePoints of(String text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      if (Character.isSurrogate(text.charAt(i))) {
        return new CodePoints(text, true);
      }
    }
    return new CodePoints(text, false);
  }

  int toCodePoint(int utf16Index) {
    return hasSurrogates ? text.codePointCount(0, utf16Index) : utf16Index;
  }

  int toUtf16(int codePointIndex) {
    return hasSurrogates ? text.offsetByCodePoints(0, codePointIndex) : codePointIndex;
  }
}
