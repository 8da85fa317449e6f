package io.provenir.record;

/**
 * A string in a record: a value, or an object key.
 *
 * @param pointer its RFC 6901 JSON Pointer, e.g. {@code /messages/0/content}; for a key, the
 *     pointer of the member it names
 * @param text the decoded string
 * @param rawStart the byte offset of its opening quote in the record's raw UTF-8 line
 * @param inKey whether the string is an object key rather than a value
 */
public record StringLeaf(String pointer, String text, int rawStart, boolean inKey) {

  /** A string value. */
  public StringLeaf(String pointer, String text, int rawStart) {
    this(pointer, text, rawStart, false);
  }
}
