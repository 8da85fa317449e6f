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
    Matcher m = DELIMITED.matcher(text);
    while (m.find()) {
      if (isValid(m.group(1), m.group(3), m.group(4))) {
        out.add(detection(m.start(), m.end()));
      }
    }
    m = UNDELIMITED.matcher(text);
    while (m.find()) {
      String d = m.group(1);
      if (isValid(d.substring(0, 3), d.substring(3, 5), d.substring(5))
          && hasContext(text, m.start())) {
        out.add(detection(m.start(), m.end()));
      }
    }
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
