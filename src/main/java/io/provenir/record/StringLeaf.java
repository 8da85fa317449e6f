package io.provenir.record;

/**
 * A string in a record: a value, or an object key; or an integer long enough to be a card number
 * ({@link #number}), which is scanned as its literal text.
 *
 * @param pointer its RFC 6901 JSON Pointer, e.g. {@code /messages/0/content}; for a key, the
 *     pointer of the member it names
 * @param text the decoded string, or a number's literal as written (sign included)
 * @param rawStart the byte offset of its opening quote in the record's raw UTF-8 line; for a
 *     number, of its first char
 * @param inKey whether the string is an object key rather than a value
 * @param number whether this is an integer rather than a string (see {@link #number(String,
 *     String, int)})
 */
public record StringLeaf(String pointer, String text, int rawStart, boolean inKey,
    boolean number) {

  /**
   * The fewest and most digits of an integer that is a leaf: the lengths of card numbers. Shorter
   * and longer integers (counts, prices, timestamps, ids) are not scanned.
   */
  public static final int MIN_NUMBER_DIGITS = 13;
  public static final int MAX_NUMBER_DIGITS = 19;

  /** A string value, or an object key. */
  public StringLeaf(String pointer, String text, int rawStart, boolean inKey) {
    this(pointer, text, rawStart, inKey, false);
  }

  /** A string value. */
  public StringLeaf(String pointer, String text, int rawStart) {
    this(pointer, text, rawStart, false, false);
  }

  /**
   * An integer value written as {@code literal} at {@code rawStart}: only integers of {@value
   * #MIN_NUMBER_DIGITS} to {@value #MAX_NUMBER_DIGITS} digits are leaves ({@link
   * #isScannedNumber}).
   */
  public static StringLeaf number(String pointer, String literal, int rawStart) {
    return new StringLeaf(pointer, literal, rawStart, false, true);
  }

  /**
   * Whether the number literal in {@code b[from, to)} is a leaf: an integer, an optional minus
   * and {@value #MIN_NUMBER_DIGITS} to {@value #MAX_NUMBER_DIGITS} digits, written without a
   * fraction or with one of zeros only ({@code 4539578763621486.0}: how Python writes an integer
   * held as a float, as a column with gaps is), and without an exponent.
   */
  static boolean isScannedNumber(byte[] b, int from, int to) {
    int start = from + (b[from] == '-' ? 1 : 0);
    int i = start;
    while (i < to && b[i] >= '0' && b[i] <= '9') {
      i++;
    }
    if (i - start < MIN_NUMBER_DIGITS || i - start > MAX_NUMBER_DIGITS) {
      return false;
    }
    if (i == to) {
      return true;
    }
    if (b[i] != '.' || i + 1 == to) {
      return false;
    }
    for (i++; i < to; i++) {
      if (b[i] != '0') {
        return false;
      }
    }
    return true;
  }
}
