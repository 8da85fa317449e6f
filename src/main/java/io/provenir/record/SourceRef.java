package io.provenir.record;

/**
 * Where an input line came from.
 *
 * @param source the file, relative to the launch directory when under it, else its full path or URI
 * @param line the 1-based line number, or 0 when unknown (a range of a split file)
 * @param offset the byte offset of the line's first byte in the (decompressed) file
 */
public record SourceRef(String source, long line, long offset) {

  /** {@code <source>:<line>} when the line number is known, else {@code <source>@<offset>}. */
  public String locator() {
    return line > 0 ? source + ":" + line : source + "@" + offset;
  }
}
