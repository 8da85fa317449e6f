package io.provenir.io;

import java.io.EOFException;
import java.io.IOException;
import java.util.zip.ZipException;

/**
 * An input file that could not be read to its end: a truncated or corrupt compressed file, or one
 * that went away while it was read. Its message names the file and the last line read, for the
 * user (the exception it wraps says what the stream said: often only {@code EOFException}).
 */
public final class InputReadException extends IOException {

  public InputReadException(String file, long linesRead, IOException cause) {
    super("cannot read " + file + (linesRead > 0 ? " after line " + linesRead : "") + ": "
        + describe(cause), cause);
  }

  private static String describe(IOException e) {
    if (e instanceof EOFException) {
      return "it ends early (a truncated or corrupt compressed file?)";
    }
    String what = e instanceof ZipException ? "corrupt compressed data" : e.getClass().getSimpleName();
    return e.getMessage() == null ? what : what + " (" + e.getMessage() + ")";
  }
}
