package io.provenir.pii;

import io.provenir.scan.Category;
import io.provenir.scan.Detection;
import io.provenir.scan.BaseDetector;
import io.provenir.scan.Text;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payment card numbers: 13-19 digits, plain or grouped with one kind of separator (space or dash),
 * Luhn-valid, with the prefix and length of a known issuer (Visa, Mastercard, American Express,
 * Discover, Diners Club, JCB, UnionPay, Maestro, Mir).
 */
public final class CreditCardDetector extends BaseDetector {

  private static final Pattern CANDIDATE =
      Pattern.compile("(?<![\\w.-])(?<!\\d[ -])\\d(?:[ -]?\\d){12,18}(?![\\w-]|[ .-]\\d)");

  public CreditCardDetector() {
    super(PiiType.CREDIT_CARD.name(), Category.PII, "credit-card", 60);
  }

  @Override
  public boolean mayMatch(String text) {
    return Text.hasDigits(text, 13);
  }

  @Override
  public void find(String text, List<Detection> out) {
    Matcher m = CANDIDATE.matcher(text);
    while (m.find()) {
      if (isPlausibleGrouping(text, m.start(), m.end())) {
        String digits = Text.digitsOf(text, m.start(), m.end());
        if (isKnownIssuer(digits) && Luhn.isValid(digits)) {
          out.add(detection(m.start(), m.end()));
        }
      }
    }
  }

  /** One separator kind throughout, and groups of 3 to 6 digits (or a single group). */
  private static boolean isPlausibleGrouping(String text, int start, int end) {
    char sep = 0;
    int group = 0;
    int groups = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (Text.isAsciiDigit(c)) {
        group++;
        continue;
      }
      if (sep == 0) {
        sep = c;
      } else if (c != sep) {
        return false;
      }
      if (group < 3 || group > 6) {
        return false;
      }
      groups++;
      group = 0;
    }
    return groups == 0 || (group >= 1 && group <= 6);
  }

  /** Whether the number has the prefix and length of a known card issuer. */
  public static boolean isKnownIssuer(String d) {
    int len = d.length();
    int p2 = Integer.parseInt(d.substring(0, 2));
    int p3 = Integer.parseInt(d.substring(0, 3));
    int p4 = Integer.parseInt(d.substring(0, 4));
    int p6 = Integer.parseInt(d.substring(0, 6));
    if (d.charAt(0) == '4') {
      return len == 13 || len == 16 || len == 19; // Visa
    }
    if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) {
      return len == 16; // Mastercard
    }
    if (p2 == 34 || p2 == 37) {
      return len == 15; // American Express
    }
    if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 || (p6 >= 622126 && p6 <= 622925)) {
      return len >= 16 && len <= 19; // Discover
    }
    if ((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39) {
      return len >= 14 && len <= 19; // Diners Club
    }
    if (p4 >= 3528 && p4 <= 3589) {
      return len >= 16 && len <= 19; // JCB
    }
    if (p2 == 62) {
      return len >= 16 && len <= 19; // UnionPay
    }
    if (p4 >= 2200 && p4 <= 2204) {
      return len == 16; // Mir
    }
    if (p4 == 5018 || p4 == 5020 || p4 == 5038 || p4 == 5893 || p4 == 6304 || p4 == 6759
        || (p4 >= 6761 && p4 <= 6763)) {
      return len >= 13 && len <= 19; // Maestro
    }
    return false;
  }
}
