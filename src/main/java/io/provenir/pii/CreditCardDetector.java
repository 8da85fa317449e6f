package io.provenir.pii;

import io.provenir.scan.BaseDetector;
import io.provenir.scan.Category;
import io.provenir.scan.Detection;
import io.provenir.scan.Text;
import io.provenir.scan.TextProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * Payment card numbers: 13-19 digits, plain or in groups of four (the last one to four digits) or
 * the 4-6-5 and 4-6-4 layouts, joined by one kind of separator (space or dash), Luhn-valid, with
 * the prefix and length of a known issuer (Visa, Mastercard, American Express, Discover, Diners
 * Club, JCB, UnionPay, Maestro, Dankort, Mir, UATP).
 *
 * <p>Digit groups are scanned by hand (no regex): a card is a whole group of 13-19 digits or a
 * sequence of whole groups, never part of a longer unseparated digit run, so ids and other long
 * numbers are not cut into cards. Several cards separated by spaces are each found.
 */
public final class CreditCardDetector extends BaseDetector {

  private static final int MAX_GROUPS = 5;

  public CreditCardDetector() {
    super(PiiType.CREDIT_CARD.name(), Category.PII, "credit-card", 60);
  }

  @Override
  public boolean readsNumbers() {
    return true;
  }

  @Override
  public boolean mayMatch(String text) {
    return Text.hasDigits(text, 13);
  }

  @Override
  public boolean usesProfile() {
    return true;
  }

  @Override
  public boolean mayMatch(String text, TextProfile p) {
    return p.digits() >= 13 && p.digitsInOneRun() >= 13;
  }

  @Override
  public void find(String text, List<Detection> out) {
    // A card lies in one run of digits and number punctuation with 13 digits or more: only such
    // runs are walked (the groups read below never leave the run they start in).
    for (int s = TextProfile.nextDigitRun(text, 0, 13); s >= 0; ) {
      int e = TextProfile.digitRunEnd(text, s);
      findInRun(text, s, e, out);
      s = TextProfile.nextDigitRun(text, e, 13);
    }
  }

  private void findInRun(String text, int from, int to, List<Detection> out) {
    int len = text.length();
    int i = from;
    while (i < to) {
      if (!Text.isAsciiDigit(text.charAt(i)) || isGlued(text, i)) {
        i++;
        continue;
      }
      int chainEnd = chainEnd(text, i);
      if (chainEnd < 0) { // fewer than 13 digits: no card (most digit runs; nothing allocated)
        i = -chainEnd;
        continue;
      }
      // groups: [start, end) of digit runs joined by single separators
      List<int[]> groups = new ArrayList<>();
      List<Character> seps = new ArrayList<>();
      int j = i;
      while (true) {
        int s = j;
        while (j < len && Text.isAsciiDigit(text.charAt(j))) {
          j++;
        }
        groups.add(new int[] {s, j});
        if (j + 1 < len && (text.charAt(j) == ' ' || text.charAt(j) == '-')
            && Text.isAsciiDigit(text.charAt(j + 1))) {
          seps.add(text.charAt(j));
          j++;
        } else {
          break;
        }
      }
      if (!(j < len && (Character.isLetter(text.charAt(j)) || text.charAt(j) == '_'))) {
        findInGroups(text, groups, seps, out);
      }
      i = j;
    }
  }

  /**
   * The end of the digit runs joined by single separators that start at {@code i} (where
   * {@link #find} stops reading them), negated when they hold fewer than 13 digits.
   */
  private static int chainEnd(String text, int i) {
    int len = text.length();
    int j = i;
    int digits = 0;
    while (true) {
      while (j < len && Text.isAsciiDigit(text.charAt(j))) {
        j++;
        digits++;
      }
      if (j + 1 < len && (text.charAt(j) == ' ' || text.charAt(j) == '-')
          && Text.isAsciiDigit(text.charAt(j + 1))) {
        j++;
      } else {
        return digits >= 13 ? j : -j;
      }
    }
  }

  /** A digit run glued to a word, an id or a decimal is not a card. */
  private static boolean isGlued(String text, int i) {
    if (i == 0) {
      return false;
    }
    char p = text.charAt(i - 1);
    return Character.isLetterOrDigit(p) || p == '_' || p == '.' || p == '/'
        || (p == '-' || p == ' ') && i >= 2 && Text.isAsciiDigit(text.charAt(i - 2));
  }

  private void findInGroups(String text, List<int[]> groups, List<Character> seps,
      List<Detection> out) {
    int g = 0;
    while (g < groups.size()) {
      int best = -1;
      int digits = 0;
      for (int k = g; k < groups.size() && k - g < MAX_GROUPS; k++) {
        if (k > g && seps.get(k - 1) != seps.get(g)) {
          break; // one separator kind per card
        }
        digits += groups.get(k)[1] - groups.get(k)[0];
        if (digits > 19) {
          break;
        }
        if (digits >= 13 && plausibleGrouping(groups, g, k)) {
          String d = Text.digitsOf(text, groups.get(g)[0], groups.get(k)[1]);
          if (isKnownIssuer(d) && Luhn.isValid(d)) {
            best = k;
          }
        }
      }
      if (best >= 0) {
        out.add(detection(groups.get(g)[0], groups.get(best)[1]));
        g = best + 1;
      } else {
        g++;
      }
    }
  }

  /**
   * How cards are written: one group; groups of four, the last one to four digits
   * ({@code 4111 1111 1111 1111}, {@code 4222 2222 2222 2}, 19 digits as 4-4-4-4-3); or the
   * American Express and Diners Club layouts 4-6-5 and 4-6-4. Rows of three-digit numbers in a
   * table are not cards, though one in about thirty stretches of five holds a Luhn-valid number
   * with an issuer's prefix.
   */
  static boolean plausibleGrouping(List<int[]> groups, int from, int to) {
    if (from == to) {
      return true;
    }
    int count = to - from + 1;
    if (count == 3 && len(groups, from) == 4 && len(groups, from + 1) == 6
        && (len(groups, to) == 5 || len(groups, to) == 4)) {
      return true;
    }
    for (int k = from; k < to; k++) {
      if (len(groups, k) != 4) {
        return false;
      }
    }
    return len(groups, to) <= 4;
  }

  private static int len(List<int[]> groups, int k) {
    return groups.get(k)[1] - groups.get(k)[0];
  }

  /** Whether the number has the prefix and length of a known card issuer. */
  public static boolean isKnownIssuer(String d) {
    int len = d.length();
    int p2 = Integer.parseInt(d.substring(0, 2));
    int p3 = Integer.parseInt(d.substring(0, 3));
    int p4 = Integer.parseInt(d.substring(0, 4));
    int p6 = Integer.parseInt(d.substring(0, 6));
    if (d.charAt(0) == '4') {
      return len == 13 || len == 16 || len == 19; // Visa (and Visa-branded Dankort)
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
    if (p4 == 5019) {
      return len == 16; // Dankort
    }
    if (p4 == 5018 || p4 == 5020 || p4 == 5038 || p4 == 5893 || p4 == 6304 || p4 == 6759
        || (p4 >= 6761 && p4 <= 6763)) {
      return len >= 13 && len <= 19; // Maestro
    }
    if (d.charAt(0) == '1') {
      return len == 15; // UATP (airline cards)
    }
    return false;
  }
}
