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
public record JsonlLine(SourceRef ref, byte[] bytes, long length, boolean oversize) {

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonlLine l && ref.equals(l.ref) && length == l.length
        && oversize == l.oversize && java.util.Arrays.equals(bytes, l.bytes);
  }

  @Override
  public int hashCode() {
    return 31 * ref.hashCode() + java.util.Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    // Never the content: a line may hold PII or secrets.
    return "JsonlLine{" + ref.locator() + ", " + length + " bytes" + (oversize ? ", oversize" : "")
        + "}";
  }
}
