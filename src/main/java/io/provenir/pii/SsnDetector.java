package io.provenir.pii;

import io.provenir.scan.Category;
import io.provenir.scan.Detection;
import io.provenir.scan.BaseDetector;
import io.provenir.scan.Text;
import io.provenir.scan.TextProfile;
import java.util.List;
import java.util.regex.Pattern;

/**
 * US Social Security numbers: {@code 123-45-6789}, {@code 123 45 6789} and {@code 123.45.6789}
 * anywhere, and the
 * undelimited {@code 123456789} only after a context word ({@code SSN}, {@code social security}).
 * Never issued numbers are rejected: area 000, 666 and 900-999, group 00, serial 0000.
 */
public final class SsnDetector extends BaseDetector {

  private static final Pattern DELIMITED =
      Pattern.compile("(?<![\\w.-])(\\d{3})([- .])(\\d{2})\\2(\\d{4})(?![\\w-]|\\.\\d)");
  private static final Pattern UNDELIMITED = Pattern.compile("(?<![\\w.-])(\\d{9})(?![\\w-]|\\.\\d)");
  private static final int CONTEXT_CHARS = 40;

  public SsnDetector() {
    super(PiiType.SSN.name(), Category.PII, "us-ssn", 60);
  }

  @Override
  public boolean mayMatch(String text) {
    return Text.hasDigits(text, 9);
  }

  @Override
  public boolean usesProfile() {
    return true;
  }

  @Override
  public boolean mayMatch(String text, TextProfile p) {
    return p.digits() >= 9 && p.digitsInOneRun() >= 9;
  }

  @Override
  public void find(String text, List<Detection> out) {
    // Each pattern tried only where it can start: at a digit run of its shape (a match starts
    // where its look-behind allows, so at the start of a run, and takes the whole run). Most
    // strings with nine digits have a run of neither shape (dates, times, amounts, ids): one walk.
    // No run of either shape starts before the first one, so both walks start there; and none
    // starts before the first run of digits and number punctuation that holds nine digits.
    int run = TextProfile.nextDigitRun(text, 0, 9);
    if (run < 0) {
      return;
    }
    int first = runStart(text, run, DELIMITED_SHAPE | UNDELIMITED_SHAPE);
    if (first < 0) {
      return;
    }
    Text.findWhere(DELIMITED, text, from -> runStart(text, Math.max(from, first),
        DELIMITED_SHAPE), m -> {
      if (isValid(m.group(1), m.group(3), m.group(4))) {
        out.add(detection(m.start(), m.end()));
      }
    });
    Text.findWhere(UNDELIMITED, text, from -> runStart(text, Math.max(from, first),
        UNDELIMITED_SHAPE), m -> {
      String d = m.group(1);
      if (isValid(d.substring(0, 3), d.substring(3, 5), d.substring(5))
          && hasContext(text, m.start())) {
        out.add(detection(m.start(), m.end()));
      }
    });
  }

  static final int DELIMITED_SHAPE = 1;
  static final int UNDELIMITED_SHAPE = 2;

  /**
   * The start of the first digit run at or after {@code from} (a run that starts there, not one
   * already under way) of {@code shape}, or -1: {@link #DELIMITED_SHAPE}, three digits, a
   * delimiter, two digits and the same delimiter; {@link #UNDELIMITED_SHAPE}, exactly nine digits.
   */
  static int runStart(String text, int from, int shape) {
    int len = text.length();
    int i = from;
    if (i > 0 && i < len && Text.isAsciiDigit(text.charAt(i - 1))) {
      while (i < len && Text.isAsciiDigit(text.charAt(i))) {
        i++; // inside a run: the pattern's look-behind refuses its rest
      }
    }
    while (i < len) {
      if (!Text.isAsciiDigit(text.charAt(i))) {
        i++;
        continue;
      }
      int j = i;
      while (j < len && Text.isAsciiDigit(text.charAt(j))) {
        j++;
      }
      if ((shapeOf(text, i, j) & shape) != 0) {
        return i;
      }
      i = j;
    }
    return -1;
  }

  /** The shape of the digit run text[i, j). */
  private static int shapeOf(String text, int i, int j) {
    int run = j - i;
    if (run == 9) {
      return UNDELIMITED_SHAPE;
    }
    if (run == 3 && j + 3 < text.length()) {
      char d = text.charAt(j);
      if ((d == '-' || d == ' ' || d == '.') && Text.isAsciiDigit(text.charAt(j + 1))
          && Text.isAsciiDigit(text.charAt(j + 2)) && text.charAt(j + 3) == d) {
        return DELIMITED_SHAPE;
      }
    }
    return 0;
  }

  /** Whether area, group and serial form a number that can have been issued. */
  public static boolean isValid(String area, String group, String serial) {
    int a = Integer.parseInt(area);
    return a != 0 && a != 666 && a < 900
        && Integer.parseInt(group) != 0
        && Integer.parseInt(serial) != 0;
  }

  private static boolean hasContext(String text, int start) {
    return Text.containsWord(text, start - CONTEXT_CHARS, start,
        "ssn", "ssns", "social security", "social", "ss#", "ssn#", "taxpayer");
  }
}
