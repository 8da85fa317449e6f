package io.provenir.record;

/**
 * A string value inside a record.
 *
 * @param pointer its RFC 6901 JSON Pointer, e.g. {@code /messages/0/content}
 * @param text the decoded string
 * @param rawStart the byte offset of its opening quote in the record's raw UTF-8 line
 */
public record StringLeaf(String pointer, String text, int rawStart) {}
