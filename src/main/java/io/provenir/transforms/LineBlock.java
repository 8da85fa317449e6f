package io.provenir.transforms;

import io.provenir.record.JsonlLine;
import java.util.List;

/**
 * A block of consecutive lines of one file, as {@link ReadJsonl} reads them: the non-blank lines
 * and the counts the report needs (all lines, blank lines, bytes).
 *
 * @param source the file's name in outputs
 * @param lines the non-blank lines, in order
 * @param lineCount every line read into this block, blank ones included
 * @param blankLines blank lines among them
 * @param bytes bytes read, line terminators included
 */
public record LineBlock(String source, List<JsonlLine> lines, long lineCount, long blankLines,
    long bytes) {

  public LineBlock {
    lines = List.copyOf(lines);
  }

  @Override
  public String toString() {
    // Never the content.
    return "LineBlock{" + source + ", " + lineCount + " lines, " + bytes + " bytes}";
  }
}
