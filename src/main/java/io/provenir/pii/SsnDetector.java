package io.provenir.pii;

import io.provenir.scan.Category;
import io.provenir.scan.Detection;
import io.provenir.scan.BaseDetector;
import io.provenir.scan.Text;
import io.provenir.scan.TextProfile;
import java.util.List;
import java.util.regex.Matcher;
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
    return p.digits() >= 9;
  }

  @Override
  public void find(String text, List<Detection> out) {
    int shapes = shapes(text);
    if (shapes == 0) {
      return;
    }
    Matcher m = DELIMITED.matcher(text);
    while ((shapes & DELIMITED_SHAPE) != 0 && m.find()) {
      if (isValid(m.group(1), m.group(3), m.group(4))) {
        out.add(detection(m.start(), m.end()));
      }
    }
    m = UNDELIMITED.matcher(text);
    while ((shapes & UNDELIMITED_SHAPE) != 0 && m.find()) {
      String d = m.group(1);
      if (isValid(d.substring(0, 3), d.substring(3, 5), d.substring(5))
          && hasContext(text, m.start())) {
        out.add(detection(m.start(), m.end()));
      }
    }
  }

  private static final int DELIMITED_SHAPE = 1;
  private static final int UNDELIMITED_SHAPE = 2;

  /**
   * One pass over the digit runs: {@link #DELIMITED_SHAPE} when a 3-digit run is followed by a
   * delimiter and a 2-digit run, {@link #UNDELIMITED_SHAPE} when a run has exactly 9 digits. The
   * regexes, which decide, run only when their shape is there.
   */
  static int shapes(String text) {
    int shapes = 0;
    int len = text.length();
    int i = 0;
    while (i < len) {
      if (!Text.isAsciiDigit(text.charAt(i))) {
        i++;
        continue;
      }
      int j = i;
      while (j < len && Text.isAsciiDigit(text.charAt(j))) {
        j++;
      }
      int run = j - i;
      if (run == 9) {
        shapes |= UNDELIMITED_SHAPE;
      } else if (run == 3 && j + 3 < len) {
        char d = text.charAt(j);
        if ((d == '-' || d == ' ' || d == '.') && Text.isAsciiDigit(text.charAt(j + 1))
            && Text.isAsciiDigit(text.charAt(j + 2)) && text.charAt(j + 3) == d) {
          shapes |= DELIMITED_SHAPE;
        }
      }
      i = j;
    }
    return shapes;
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
