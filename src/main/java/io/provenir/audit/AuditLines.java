package io.provenir.audit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The lines of an audit file, streamed: each with its number, its text, whether it ended with a
 * newline (only a crash can leave a last line without one) and the event it holds, or why it holds
 * none. Never loads the whole file.
 */
public final class AuditLines implements Iterable<AuditLines.Line>, AutoCloseable {

  /**
   * One line.
   *
   * @param number 1-based
   * @param text the line without its newline
   * @param terminated whether a newline followed it
   * @param event the event, or null
   * @param problem why there is no event, or null
   */
  public record Line(long number, String text, boolean terminated, AuditEvent event,
      String problem) {}

  private final InputStream in;
  private boolean iterated;

  private AuditLines(InputStream in) {
    this.in = in;
  }

  public static AuditLines open(Path file) throws IOException {
    return new AuditLines(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
  }

  @Override
  public Iterator<Line> iterator() {
    if (iterated) {
      throw new IllegalStateException("AuditLines can be iterated once");
    }
    iterated = true;
    return new Iterator<>() {
      private Line next = advance();
      private long number;

      private Line advance() {
        try {
          ByteArrayOutputStream buf = new ByteArrayOutputStream(512);
          int b;
          while ((b = in.read()) >= 0 && b != '\n') {
            buf.write(b);
          }
          if (b < 0 && buf.size() == 0) {
            return null;
          }
          number++;
          String text = buf.toString(StandardCharsets.UTF_8);
          AuditEvent e = null;
          String problem = null;
          try {
            e = AuditEvent.parse(text);
          } catch (IllegalArgumentException x) {
            problem = x.getMessage();
          }
          return new Line(number, text, b == '\n', e, problem);
        } catch (IOException x) {
          throw new UncheckedIOException(x);
        }
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Line next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        Line l = next;
        next = advance();
        return l;
      }
    };
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
