package io.provenir.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines ({@code \n}, with a preceding {@code \r} dropped), tracking the
 * byte offset where each line starts. A line longer than {@code maxLineBytes} is not held in
 * memory: its first {@code prefixBytes} bytes are kept and the rest skipped, and it is marked
 * oversize (the CR of a CRLF ending is not counted). A UTF-8 byte-order mark at offset 0, or
 * starting a line inside the stream, is skipped. Not thread-safe.
 */
public final class LineReader {


  private static final int BUFFER = 64 * 1024;

  private final InputStream in;
  private final long maxLineBytes;
  private final int prefixBytes;
  private final byte[] buf = new byte[BUFFER];
  private int bufPos;
  private int bufLen;
  private long position; // offset of buf[bufPos] in the stream
  private boolean eof;

  private byte[] line = new byte[256];
  private int lineLen;
  private long lineLength;
  private long lineOffset;
  private boolean oversize;

  /**
   * @param in the stream, positioned at {@code startOffset}
   * @param startOffset the offset of the stream's first byte in the file
   * @param maxLineBytes longer lines are marked oversize and not buffered whole
   * @param prefixBytes how much of an oversize line to keep
   */
  public LineReader(InputStream in, long startOffset, long maxLineBytes, int prefixBytes)
      throws IOException {
    this.in = in;
    this.position = startOffset;
    this.maxLineBytes = maxLineBytes;
    this.prefixBytes = (int) Math.min(prefixBytes, maxLineBytes);
    if (startOffset == 0) {
      skipBom();
    }
  }

  private void skipBom() throws IOException {
    if (fill() && bufLen - bufPos >= 3 && (buf[bufPos] & 0xFF) == 0xEF
        && (buf[bufPos + 1] & 0xFF) == 0xBB && (buf[bufPos + 2] & 0xFF) == 0xBF) {
      bufPos += 3;
      position += 3;
    }
  }

  /** Whether buffered bytes are available, reading more if needed. */
  private boolean fill() throws IOException {
    if (bufPos < bufLen) {
      return true;
    }
    if (eof) {
      return false;
    }
    // Fill as much of the buffer as the stream gives in one go; at least one byte or EOF.
    int n = in.read(buf, 0, buf.length);
    while (n == 0) {
      n = in.read(buf, 0, buf.length);
    }
    if (n < 0) {
      eof = true;
      bufPos = bufLen = 0;
      return false;
    }
    bufPos = 0;
    bufLen = n;
    return true;
  }

  /**
   * Skips to just after the next {@code \n}. Used when a range starts inside the file: positioned
   * at range start - 1, this lands on the first line that starts within the range.
   *
   * @return false if the stream ended first
   */
  public boolean skipPastNewline() throws IOException {
    while (fill()) {
      int nl = indexOf(buf, bufPos, bufLen, (byte) '\n');
      if (nl >= 0) {
        position += nl + 1 - bufPos;
        bufPos = nl + 1;
        return true;
      }
      position += bufLen - bufPos;
      bufPos = bufLen;
    }
    return false;
  }

  /**
   * Skips whole lines while the next one starts before {@code target}; used to resume a line-numbered
   * read at a line start found earlier. Positioned at a line start, this lands on the first line
   * that starts at or after {@code target}.
   *
   * @return how many lines were skipped (blank ones included; at the end of the stream, not
   *     counting an unterminated last line, after which there is no line to number)
   */
  public long skipLinesBefore(long target) throws IOException {
    long skipped = 0;
    while (position < target && fill()) {
      int nl = indexOf(buf, bufPos, bufLen, (byte) '\n');
      if (nl < 0) {
        position += bufLen - bufPos;
        bufPos = bufLen;
        continue;
      }
      position += nl + 1 - bufPos;
      bufPos = nl + 1;
      skipped++;
    }
    return skipped;
  }

  /** The offset of the next byte to be read. */
  public long position() {
    return position;
  }

  /** Reads the next line; false at end of stream. */
  public boolean next() throws IOException {
    if (!fill()) {
      return false;
    }
    lineOffset = position;
    lineLen = 0;
    lineLength = 0;
    oversize = false;
    lastByteWasCr = false;
    while (fill()) {
      int nl = indexOf(buf, bufPos, bufLen, (byte) '\n');
      int end = nl >= 0 ? nl : bufLen;
      append(buf, bufPos, end - bufPos);
      position += end - bufPos;
      bufPos = end;
      if (nl >= 0) {
        bufPos++;
        position++;
        break;
      }
    }
    if (lineLength > 0 && lastByteWasCr) {
      lineLength--; // the \r of a CRLF terminator
      if (!oversize) {
        lineLen--;
      }
    }
    if (!oversize && lineLength > maxLineBytes) {
      // one byte over: held for a CR that turned out not to end the line
      oversize = true;
      lineLen = Math.min(lineLen, prefixBytes);
    }
    if (lineLen >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB
        && (line[2] & 0xFF) == 0xBF) {
      // A byte-order mark starting a line inside the file (files joined with cat): dropped as
      // at the file's start, or the line would go out with it and no JSON reader would take it.
      System.arraycopy(line, 3, line, 0, lineLen - 3);
      lineLen -= 3;
      lineLength -= 3;
    }
    return true;
  }

  private boolean lastByteWasCr;

  private void append(byte[] src, int off, int len) {
    if (len == 0) {
      return;
    }
    lineLength += len;
    lastByteWasCr = src[off + len - 1] == '\r';
    if (oversize) {
      return;
    }
    // One byte of slack: a CR right after the limit may be the CRLF terminator, not counted.
    if (lineLength - 1 > maxLineBytes) {
      oversize = true;
      int keep = Math.max(0, Math.min(len, prefixBytes - lineLen));
      ensure(lineLen + keep);
      System.arraycopy(src, off, line, lineLen, keep);
      lineLen += keep;
      if (lineLen > prefixBytes) {
        lineLen = prefixBytes;
      }
      return;
    }
    ensure(lineLen + len);
    System.arraycopy(src, off, line, lineLen, len);
    lineLen += len;
  }

  private void ensure(int cap) {
    if (cap > line.length) {
      line = Arrays.copyOf(line, Math.max(cap, line.length * 2));
    }
  }

  /**
   * The first {@code v} in b[from, to), or -1: eight bytes at a time (a word holds {@code v} where
   * {@code x - 0x01..01} borrows out of a byte that was zero in {@code x = word ^ v..v}; the
   * lowest such byte is always a true one), then byte by byte for the tail.
   */
  static int indexOf(byte[] b, int from, int to, byte v) {
    long pattern = Words.repeat(v);
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long found = Words.equalBytes(Words.get(b, i), pattern);
      if (found != 0) {
        return i + Words.firstFlagged(found);
      }
    }
    for (; i < to; i++) {
      if (b[i] == v) {
        return i;
      }
    }
    return -1;
  }

  /** The current line's offset in the file. */
  public long offset() {
    return lineOffset;
  }

  /** A copy of the current line's bytes (only the prefix when {@link #oversize()}). */
  public byte[] bytes() {
    return Arrays.copyOf(line, lineLen);
  }

  /** The current line's full length in bytes, without its terminator. */
  public long length() {
    return lineLength;
  }

  public boolean oversize() {
    return oversize;
  }

  /** Whether the current line is empty or only spaces, tabs and carriage returns. */
  public boolean blank() {
    if (oversize) {
      return false;
    }
    for (int i = 0; i < lineLen; i++) {
      byte c = line[i];
      if (c != ' ' && c != '\t' && c != '\r') {
        return false;
      }
    }
    return true;
  }
}
