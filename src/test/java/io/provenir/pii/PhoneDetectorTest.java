package io.provenir.pii;

import static io.provenir.pii.DetectorAssertions.matches;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

import org.junit.Test;

public class PhoneDetectorTest {

  private final PhoneDetector d = new PhoneDetector();

  @Test
  public void findsNorthAmericanFormats() {
    assertThat(matches(d, "Call (415) 555-0132 or 415.555.0133, fax 415-555-0134."),
        contains("(415) 555-0132", "415.555.0133", "415-555-0134"));
    assertThat(matches(d, "Office: +1-202-555-0143; cell +1 202 555 0144"),
        contains("+1-202-555-0143", "+1 202 555 0144"));
  }

  @Test
  public void aRunTheNorthAmericanPatternMatchedWholeIsNotAskedAgain() {
    // One detection each, not a second one from libphonenumber for the same span (the resolved
    // findings are the same either way; the second question was half of a phone list's cost).
    for (String n : new String[] {"(415) 555-0132", "415.555.0133", "+1-202-555-0143"}) {
      java.util.List<io.provenir.scan.Detection> raw = new java.util.ArrayList<>();
      d.find("Call " + n + " today", raw);
      assertThat(n, raw.size(), org.hamcrest.Matchers.is(1));
    }
    // A longer run still goes to libphonenumber: the second number is found there.
    assertThat(matches(d, "call 415-555-0132 0209 7946"),
        contains("415-555-0132", "0209 7946"));
  }

  /**
   * A log line's timestamp (an ISO date and the hour, one run of digits and punctuation before
   * the colon) is no phone number, and libphonenumber is not asked about it: it found a valid
   * number in four plans for every line, ten questions that the grouping check then refused.
   * A number after a date in the same run is still found.
   */
  @Test
  public void aTimestampsDateIsNotPartOfAPhoneNumber() {
    assertThat(matches(d, "2024-06-05 12:41:03 INFO GET /api/v1/items/77777869 200 8780 ms"),
        empty());
    assertThat(matches(d, "2024/06/05 23:59:59.123 done"), empty());
    assertThat(matches(d, "seen 2024-06-05 020 7946 0958 and 2024.06.05 (415) 555-0132"),
        contains("020 7946 0958", "(415) 555-0132"));
    assertThat(PhoneDetector.dateIn("2024-06-05 12"), org.hamcrest.Matchers.is(10L));
    assertThat(PhoneDetector.dateIn("1999/1/2 415"), org.hamcrest.Matchers.is(8L));
    assertThat(PhoneDetector.dateIn("12345 2024-05-06)"), org.hamcrest.Matchers.is(6L << 32 | 16));
    // not a date: month 13, mixed separators, a year out of range, a longer day, inside a group
    for (String no : new String[] {"2024-13-05 12", "2024-06/05 12", "3024-06-05 12",
        "2024-06-051 2", "202-406-0512 1", "12024-06-05 1"}) {
      assertThat(no, PhoneDetector.dateIn(no), org.hamcrest.Matchers.is(-1L));
    }
    // a number before a date in the same run is found too; a changelog's build number is not
    assertThat(matches(d, "call 020 7946 0958 2024-06-05"), contains("020 7946 0958"));
    assertThat(matches(d, "1.2.3 (build 12345 2024-05-06)"), empty());
  }

  /** Dates written day and month first, and lists of printed decimals, are no phone numbers. */
  @Test
  public void usAndEuropeanDatesAndDecimalListsAreNotPhones() {
    assertThat(PhoneDetector.dateIn("3/14/2021 5"), org.hamcrest.Matchers.is(9L));
    assertThat(PhoneDetector.dateIn("415 14.03.2021"), org.hamcrest.Matchers.is(4L << 32 | 14));
    for (String no : new String[] {"13/14/2021 5", "3/14-2021 5", "3/14/2121 5",
        "3/14/20215 1"}) {
      assertThat(no, PhoneDetector.dateIn(no), org.hamcrest.Matchers.is(-1L));
    }
    assertThat(matches(d, "seen 14.03.2021 020 7946 0958 at 3/14/2021 5:07 PM"),
        contains("020 7946 0958"));
    assertThat(PhoneDetector.isDecimalList("9.82421 8.72408"), org.hamcrest.Matchers.is(true));
    for (String no : new String[] {"9.82421", "1.645 505.2107", "9.82421  8.72408",
        "9.82421 8.72408 7", "9.82421 8.7.2408", "9.82421 .72408"}) {
      assertThat(no, PhoneDetector.isDecimalList(no), org.hamcrest.Matchers.is(false));
    }
    assertThat(matches(d, "vector 9.82421 8.72408 3.45678 0.91180 7.39899"), empty());
  }

  /**
   * Only real IPv4 addresses are kept from libphonenumber: a Turkish mobile number written with
   * dots has the same shape (a Presidio case), and was lost while every such shape was.
   */
  @Test
  public void anIpv4ShapedNumberWithAnOctetOver255IsStillAskedAbout() {
    PhoneDetector turkey = new PhoneDetector(java.util.List.of("TR"));
    assertThat(matches(turkey, "532.123.45.67"), contains("532.123.45.67"));
    assertThat(PhoneDetector.isIpv4Address("192.168.10.200"), org.hamcrest.Matchers.is(true));
    assertThat(PhoneDetector.isIpv4Address("532.123.45.67"), org.hamcrest.Matchers.is(false));
    assertThat(matches(d, "host 192.168.10.200 is up"), empty());
  }

  /** Numbers grouped in thousands are not asked about: accept() refuses them anyway. */
  /** {@link PhoneDetector#isPhoneShaped} on the whole of {@code text}. */
  private static boolean shaped(String text) {
    return PhoneDetector.isPhoneShaped(text, 0, text.length(), text);
  }

  @Test
  public void pastTheBudgetARunIsJudgedByItsLayout() {
    // International: a calling code and a possible length for it.
    assertThat(shaped("+44 20 7946 0958"), org.hamcrest.Matchers.is(true));
    assertThat(shaped("+90 532 123 45 67"), org.hamcrest.Matchers.is(true));
    assertThat(shaped("0044 20 7946 0958"), org.hamcrest.Matchers.is(true));
    assertThat(shaped("+44 20 79"), org.hamcrest.Matchers.is(false)); // too short for the UK
    assertThat(shaped("+999 1234 5678"), org.hamcrest.Matchers.is(false)); // no such code
    assertThat(shaped("+020 7946 0958"), org.hamcrest.Matchers.is(false)); // no code starts 0
    // National: a trunk prefix, 9 to 12 digits, three groups or parentheses, one separator kind.
    for (String yes : new String[] {"030 555 12345", "0171-555-1234", "(030) 555 1234",
        "020.7946.0958", "0 532 123 45 67"}) {
      assertThat(yes, shaped(yes), org.hamcrest.Matchers.is(true));
    }
    for (String no : new String[] {"0.1234 0.5678 0.9012", "030 5551", "0305551234",
        "48213 9382 291", "030 555 12345 678", "0171 555.1234"}) {
      assertThat(no, shaped(no), org.hamcrest.Matchers.is(false));
    }
    // After a phone word any run of 7 to 13 digits; arithmetic never.
    String t = "call me: 532 1234567";
    assertThat(PhoneDetector.isPhoneShaped(t, 9, t.length(), "532 1234567"),
        org.hamcrest.Matchers.is(true));
    t = "total = 030 555 12345";
    assertThat(PhoneDetector.isPhoneShaped(t, 8, t.length(), "030 555 12345"),
        org.hamcrest.Matchers.is(false));
  }

  @Test
  public void aRangeOfYearsIsNoPhoneNumber() {
    for (String yes : new String[] {"(1879-1955", "1914-1918", "(2001-2001"}) {
      assertThat(yes, PhoneDetector.isYearRange(yes), org.hamcrest.Matchers.is(true));
    }
    for (String no : new String[] {"(1955-1879", "(0201-5550", "(2100-2101", "(1914-19180",
        "(1914 1918", "((1914-1918", "1914-191"}) {
      assertThat(no, PhoneDetector.isYearRange(no), org.hamcrest.Matchers.is(false));
    }
    assertThat(matches(d, "Albert Einstein (1879-1955), quoted in 1950"), empty());
  }

  @Test
  public void numbersGroupedInThousandsAreNotPhones() {
    assertThat(matches(d, "from 456 789 123 units, 1 234 567 more"), empty());
  }

  @Test
  public void findsInternationalNumbersWithCountryCode() {
    assertThat(matches(d, "London +44 20 7946 0958, Paris +33 1 42 68 53 00."),
        contains("+44 20 7946 0958", "+33 1 42 68 53 00"));
  }

  @Test
  public void ignoresBareDigitRunsDatesPricesAndArithmetic() {
    assertThat(matches(d, "Order 4155550132 shipped; total 1234567 units."), empty());
    assertThat(matches(d, "2024-05-17 and 12/05/2024 at 10:30"), empty());
    assertThat(matches(d, "It costs $1,299.99 or 1 299 999 yen."), empty());
    assertThat(matches(d, "7 * 24 * 60 = 10080 and 123 + 456 = 579"), empty());
    assertThat(matches(d, "+12"), empty());
  }

  @Test
  public void cardLayoutsAndIsbnsAreOtherNumbersEvenAfterAPhoneWord() {
    assertThat(PhoneDetector.isOtherNumberShape("978-4-309-12772-9"), org.hamcrest.Matchers.is(true));
    assertThat(PhoneDetector.isOtherNumberShape("978 0 306 40615 7"), org.hamcrest.Matchers.is(true));
    // a wrong check digit or another prefix is not an ISBN
    assertThat(PhoneDetector.isOtherNumberShape("978-4-309-12772-8"), org.hamcrest.Matchers.is(false));
    assertThat(PhoneDetector.isOtherNumberShape("977-4-309-12772-9"), org.hamcrest.Matchers.is(false));
    assertThat(PhoneDetector.isOtherNumberShape("3771-718733-69890"), org.hamcrest.Matchers.is(true));
    assertThat(PhoneDetector.isOtherNumberShape("3056 930902 5904"), org.hamcrest.Matchers.is(true));
    assertThat(PhoneDetector.isOtherNumberShape("4111 1111 1111 1111"), org.hamcrest.Matchers.is(true));
    assertThat(PhoneDetector.isOtherNumberShape("020 7946 0958"), org.hamcrest.Matchers.is(false));
    assertThat(PhoneDetector.isOtherNumberShape("(415) 555-0132"), org.hamcrest.Matchers.is(false));
    assertThat(matches(d, "Call me at 978-4-309-12772-9 or 3771-718733-69890"), empty());
    assertThat(matches(d, "Call me at 020 7946 0958"), contains("020 7946 0958"));
  }

  @Test
  public void rejectsNumbersValidNowhere() {
    assertThat(matches(d, "ref 115-555-0132"), empty());
    assertThat(matches(d, "ref 123 456 7890"), empty());
  }

  @Test
  public void nationalNumbersNeedAGroupingOrAPhoneWord() {
    assertThat(matches(d, "London office 020 7946 0958"), contains("020 7946 0958"));
    assertThat(matches(d, "My Israeli number is 09-7625400"), contains("09-7625400"));
    assertThat(matches(d, "invoice 09-7625400"), empty());
    assertThat(matches(d, "try these phones 052 5552606 074-7111234"),
        contains("052 5552606", "074-7111234"));
  }

  @Test
  public void bareDigitsNeedAPhoneWordOrAWholeField() {
    assertThat(matches(d, "my phone number is 4258829090"), contains("4258829090"));
    assertThat(matches(d, "4258829090"), contains("4258829090"));
    assertThat(matches(d, "order number 4258829090 shipped"), empty());
    assertThat(matches(d, "id 4258829090 shipped"), empty());
  }

  @Test
  public void arithmeticDatesAndSsnShapesAreNotPhones() {
    assertThat(matches(d, "so 3000-2920 = 80 and 1800 - 1170 = 630, 3000/1000=3"), empty());
    assertThat(matches(d, "Form ID 061-00-4893 was archived."), empty());
    assertThat(matches(d, "the 2024-05-17 release, $4000-3500 back"), empty());
  }

  @Test
  public void regionsDecideWhatANationalNumberIs() {
    PhoneDetector tr = new PhoneDetector(java.util.List.of("TR"));
    assertThat(matches(tr, "ref 532 123 45 67"), contains("532 123 45 67"));
    PhoneDetector us = new PhoneDetector(java.util.List.of("US"));
    assertThat(matches(us, "ref 532 123 45 67"), empty());
  }

  /**
   * The North American matcher does not ask libphonenumber whether a match is a possible number:
   * its shape makes every match one. Each area code with random exchanges and lines, with and
   * without the leading 1 (digits as the detector would hand them over).
   */
  @Test
  public void everyNorthAmericanShapedNumberIsAPossibleUsNumber() {
    com.google.i18n.phonenumbers.PhoneNumberUtil util =
        com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance();
    java.util.Random rnd = new java.util.Random(3);
    for (int area = 200; area <= 999; area++) {
      for (int k = 0; k < 12; k++) {
        String number = String.format("%03d%03d%04d", area, 200 + rnd.nextInt(800),
            rnd.nextInt(10_000));
        assertThat(number, util.isPossibleNumber(number, "US"), org.hamcrest.Matchers.is(true));
        assertThat(number, util.isPossibleNumber("1" + number, "US"),
            org.hamcrest.Matchers.is(true));
      }
    }
    assertThat(matches(d, "call +1 (212) 555-0143 now"), contains("+1 (212) 555-0143"));
  }

  /** The North American pattern as a regular expression: what {@code nanpAt} implements. */
  private static final java.util.regex.Pattern NANP = java.util.regex.Pattern.compile(
      "(?<![\\w+.-])(?:\\+?1[ .-]?)?(?:\\([2-9]\\d{2}\\)[ .-]?|[2-9]\\d{2}([ .-]))[2-9]\\d{2}"
          + "([ .-])\\d{4}(?![\\w-]|\\.\\d)");

  @Test
  public void theHandWrittenNorthAmericanMatcherIsTheRegex() {
    // Every position of strings made of the pattern's own pieces (digits 0-9, 1 and +1 prefixes,
    // parentheses, the three separators and what its look-arounds refuse), against lookingAt().
    java.util.Random rnd = new java.util.Random(20261127);
    String[] pieces = {"1", "+1", "+", "(", ")", " ", ".", "-", "_", "x", "2", "0", "5", "9",
        "415", "555", "0132", "(415)", "202", "12", "4", ".5", "  ", "+1 ", "1-"};
    String[][] shaped = {
      {"", "", "1", "+1", "1 ", "+1-", "+1.", "+", "x", "_", ".", "-", "2"},
      {"(415)", "(415) ", "(415)-", "415", "415", "415", "(115)", "115", "41", "(41)", "(415"},
      {" ", ".", "-", "", "  ", " ", "-"},
      {"555", "555", "555", "155", "55", "5555", "055"},
      {" ", ".", "-", "", "-", "."},
      {"0132", "0132", "0132", "013", "01325", "0x32"},
      {"", "", " ", "x", "-", ".5", ".", ". ", "_", ")", "1"}};
    int matched = 0;
    for (int n = 0; n < 100_000; n++) {
      StringBuilder sb = new StringBuilder();
      for (int k = rnd.nextInt(4); k >= 0; k--) {
        sb.append(pieces[rnd.nextInt(pieces.length)]);
      }
      if (n % 4 != 0) { // a number-like sequence, most pieces of the pattern's shape
        sb.append(n % 2 == 0 ? " " : "");
        for (String[] part : shaped) {
          sb.append(part[rnd.nextInt(part.length)]);
        }
      }
      for (int k = rnd.nextInt(3); k > 0; k--) {
        sb.append(pieces[rnd.nextInt(pieces.length)]);
      }
      String t = sb.toString();
      java.util.regex.Matcher m =
          NANP.matcher(t).useTransparentBounds(true).useAnchoringBounds(false);
      for (int p = 0; p <= t.length(); p++) {
        m.region(p, t.length());
        int want = -1;
        if (m.lookingAt()) {
          boolean agree = m.group(1) == null || m.group(1).equals(m.group(2));
          want = m.end() << 1 | (agree ? 1 : 0);
          matched++;
        }
        assertThat("at " + p + " of '" + t + "'", PhoneDetector.nanpAt(t, p),
            org.hamcrest.Matchers.is(want));
      }
    }
    assertThat("the strings match often enough to test", matched,
        org.hamcrest.Matchers.greaterThan(1_000));
  }

  /** {@code isOtherNumberShape} as first written, with a regex split: the test's oracle. */
  private static boolean otherNumberShapeBySplit(String run) {
    String[] groups = run.trim().split("[ -]+");
    int n = groups.length;
    if (n < 3) {
      return false;
    }
    for (String g : groups) {
      if (g.isEmpty() || !g.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return false;
      }
    }
    if (java.util.Arrays.stream(groups).allMatch(g -> g.length() == 4)) {
      return true;
    }
    if (n == 3 && groups[0].length() == 4 && groups[1].length() == 6
        && (groups[2].length() == 5 || groups[2].length() == 4)) {
      return true;
    }
    String digits = String.join("", groups);
    return n == 5 && (groups[0].equals("978") || groups[0].equals("979")) && digits.length() == 13
        && (10 - java.util.stream.IntStream.range(0, 12)
            .map(i -> (digits.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3)).sum() % 10) % 10
            == digits.charAt(12) - '0';
  }

  @Test
  public void otherNumberShapesAreTheGroupsBetweenSpacesAndDashes() {
    java.util.Random rnd = new java.util.Random(7);
    String[] pieces = {"4111", "1111", "3782", "822463", "10005", "1000", "978", "979", "0", "3",
        "16", "148410", "9", "12", " ", "-", "  ", " - ", ".", "(", "+", "a"};
    int shaped = 0;
    for (int n = 0; n < 200_000; n++) {
      StringBuilder sb = new StringBuilder();
      for (int k = rnd.nextInt(9); k >= 0; k--) {
        sb.append(pieces[rnd.nextInt(pieces.length)]);
        if (rnd.nextInt(3) > 0) {
          sb.append(rnd.nextBoolean() ? " " : "-");
        }
      }
      String run = sb.toString();
      boolean want = otherNumberShapeBySplit(run);
      shaped += want ? 1 : 0;
      assertThat("'" + run + "'", PhoneDetector.isOtherNumberShape(run),
          org.hamcrest.Matchers.is(want));
    }
    assertThat(PhoneDetector.isOtherNumberShape("978-0-306-40615-7"), org.hamcrest.Matchers.is(true));
    assertThat("shapes occur often enough to test", shaped, org.hamcrest.Matchers.greaterThan(200));
  }

  /** The phone-word search by indexOf answers as Text.containsWord on lower-case ASCII windows. */
  @Test
  public void phoneWordsByIndexOfAreTheWordSearch() {
    java.util.Random rnd = new java.util.Random(27);
    String[] glue = {" ", "", "x", "1", "-", ":", "\n", "s", "my ", "2"};
    int found = 0;
    for (int n = 0; n < 50_000; n++) {
      StringBuilder sb = new StringBuilder();
      for (int k = rnd.nextInt(5); k >= 0; k--) {
        sb.append(glue[rnd.nextInt(glue.length)]);
        String w = PhoneDetector.PHONE_WORDS[rnd.nextInt(PhoneDetector.PHONE_WORDS.length)];
        sb.append(rnd.nextInt(3) == 0 ? w.substring(0, rnd.nextInt(w.length() + 1)) : w);
      }
      String window = sb.toString();
      if (!window.chars().allMatch(c -> c < 128)) {
        continue;
      }
      boolean want = io.provenir.scan.Text.containsWord(window, 0, window.length(),
          PhoneDetector.PHONE_WORDS);
      found += want ? 1 : 0;
      assertThat(window, PhoneDetector.containsLowerCaseWord(window, PhoneDetector.PHONE_WORDS),
          org.hamcrest.Matchers.is(want));
    }
    assertThat(found, org.hamcrest.Matchers.greaterThan(5_000));
  }
}
