package io.provenir.pii;

import io.provenir.scan.Category;
import io.provenir.scan.Detection;
import io.provenir.scan.BaseDetector;
import io.provenir.scan.Text;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers: North American numbers written with separators or parentheses ({@code (415)
 * 555-0132}, {@code 415.555.0132}, {@code +1-202-555-0143}) and international numbers with a
 * {@code +} country code ({@code +44 20 7946 0958}) of 8 to 15 digits in all (E.164). Bare digit
 * runs are not phones: arithmetic, dates, prices and ids stay untouched.
 */
public final class PhoneDetector extends BaseDetector {

  /** NANP: optional +1, area code and exchange starting 2-9, separators required. */
  private static final Pattern NANP = Pattern.compile(
      "(?<![\\w+.-])(?:\\+?1[ .-]?)?(?:\\([2-9]\\d{2}\\)[ .-]?|[2-9]\\d{2}[ .-])[2-9]\\d{2}[ .-]\\d{4}"
          + "(?![\\w-]|\\.\\d)");

  /** +CC then 2 to 6 groups of digits separated by a space, dot or dash, optional parentheses. */
  private static final Pattern INTERNATIONAL = Pattern.compile(
      "(?<![\\w+])\\+[2-9]\\d{0,2}(?:[ .-]?\\(?\\d{1,5}\\)?){1,6}(?![\\w-]|\\.\\d)");

  public PhoneDetector() {
    super(PiiType.PHONE.name(), Category.PII, "phone", 40);
  }

  @Override
  public boolean mayMatch(String text) {
    return Text.hasDigits(text, 7);
  }

  @Override
  public void find(String text, List<Detection> out) {
    Matcher m = NANP.matcher(text);
    while (m.find()) {
      out.add(detection(m.start(), m.end()));
    }
    if (text.indexOf('+') >= 0) {
      m = INTERNATIONAL.matcher(text);
      while (m.find()) {
        int digits = Text.digitsOf(text, m.start(), m.end()).length();
        if (digits >= 8 && digits <= 15 && balancedParens(text, m.start(), m.end())) {
          out.add(detection(m.start(), m.end()));
        }
      }
    }
  }

  private static boolean balancedParens(String text, int start, int end) {
    int depth = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth < 0) {
        return false;
      }
    }
    return depth == 0;
  }
}
