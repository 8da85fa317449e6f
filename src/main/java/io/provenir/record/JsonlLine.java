package io.provenir.record;

/**
 * One non-blank input line as read, before parsing.
 *
 * @param ref where it came from
 * @param bytes the line's UTF-8 bytes without the line terminator; only a prefix when
 *     {@code oversize}
 * @param length the full length of the line in bytes
 * @param oversize whether the line was longer than the configured maximum record size
 */
public record JsonlLine(SourceRef ref, byte[] bytes, long length, boolean oversize) {}
