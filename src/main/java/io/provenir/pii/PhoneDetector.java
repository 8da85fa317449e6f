package io.provenir.pii;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;
import io.provenir.scan.BaseDetector;
import io.provenir.scan.Category;
import io.provenir.scan.Detection;
import io.provenir.scan.ScanBudget;
import io.provenir.scan.Text;
import io.provenir.scan.TextProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Phone numbers, validated with Google's libphonenumber.
 *
 * <ul>
 *   <li>North American numbers written the North American way ({@code (415) 555-0132},
 *       {@code 415.555.0132}, {@code +1-202-555-0143}): area code and exchange start with 2-9,
 *       one separator kind (a shape every number of which libphonenumber deems possible).
 *   <li>International numbers with a {@code +} country code ({@code +44 20 7946 0958}): of a
 *       possible length for that country's numbering plan.
 *   <li>National numbers ({@code 020 7946 0958}, {@code 09-7625400}): valid in one of the
 *       configured regions, and either written in three or more groups (or with parentheses) in
 *       that region's grouping, or after a phone word ({@code phone}, {@code call}, {@code tel},
 *       {@code mobile}, {@code my number}, ...).
 *   <li>Bare digit runs ({@code 4258829090}) only after a phone word, or when the whole string is
 *       the number (a form field), so that ids, amounts and arithmetic are not phones.
 * </ul>
 *
 * Never phones: dates, numbers grouped in thousands, SSN-shaped {@code 123-45-6789}, card-like
 * runs of 4-digit groups and the 4-6-5 and 4-6-4 card layouts, hyphenated ISBN-13s, and numbers
 * next to {@code =}, an operator or a currency sign.
 */
public final class PhoneDetector extends BaseDetector {

  /** Presidio's default regions: the numbering plans national numbers are checked against. */
  public static final List<String> DEFAULT_REGIONS =
      List.of("US", "GB", "CA", "DE", "FR", "IL", "IN", "BR", "JP", "CN");

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  /** libphonenumber logs missing optional metadata through java.util.logging; keep it quiet. */
  private static final Logger LIBPHONENUMBER_LOG = quietLibphonenumber();

  private static final Pattern DATE = Pattern.compile(
      "\\d{4}([-./ ])\\d{1,2}\\1\\d{1,2}|\\d{1,2}([-./ ])\\d{1,2}\\2\\d{2,4}");
  private static final Pattern SSN_SHAPED = Pattern.compile("\\d{3}-\\d{2}-\\d{4}");
  private static final Pattern IPV4_SHAPED = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
  private static final Pattern THOUSANDS = Pattern.compile("\\d{1,3}(?:([ .,'])\\d{3})(?:\\1\\d{3})*");
  static final String[] PHONE_WORDS = {
    "phone", "phones", "telephone", "tel", "mobile", "mob", "cell", "cellphone", "call", "calls",
    "called", "fax", "whatsapp", "sms", "text", "dial", "ring", "contact", "hotline", "landline",
    "reach", "ph", "cep", "gsm", "telefon", "telefono", "teléfono", "téléphone", "numara",
    "numéro", "número", "nummer", "rufnummer", "handy", "móvil", "celular", "portable"
  };
  /** Words that make a following "number" an identifier rather than a phone number. */
  private static final java.util.Set<String> ID_WORDS = java.util.Set.of("order", "account",
      "tracking", "invoice", "reference", "ref", "serial", "case", "ticket", "card", "id",
      "model", "part", "version", "policy", "customer", "confirmation", "booking", "flight",
      "security", "registration", "license", "licence", "item", "product", "batch", "lot",
      "routing", "transaction", "member", "employee", "student", "patient", "claim", "random",
      "prime", "even", "odd", "whole", "large", "small", "total", "page", "issue", "build",
      "port", "the", "a", "this", "that", "any", "which", "what");
  private static final int CONTEXT_CHARS = 40;
  private static final int MAX_RUN_DIGITS = 20;

  private final List<String> regions;

  public PhoneDetector() {
    this(DEFAULT_REGIONS);
  }

  /**
   * @param regions ISO 3166 region codes whose numbering plans national numbers are checked
   *     against (first match wins)
   */
  public PhoneDetector(List<String> regions) {
    super(PiiType.PHONE.name(), Category.PII, "phone", 40);
    this.regions = List.copyOf(regions);
  }

  /** Whether libphonenumber knows {@code region} (e.g. {@code GB}; {@code UK} is not a code). */
  public static boolean isSupportedRegion(String region) {
    return UTIL.getSupportedRegions().contains(region);
  }

  @Override
  public boolean mayMatch(String text) {
    return Text.hasDigits(text, 7);
  }

  @Override
  public boolean usesProfile() {
    return true;
  }

  @Override
  public boolean mayMatch(String text, TextProfile p) {
    return p.digits() >= 7 && p.digitsInOneRun() >= 7;
  }

  @Override
  public void find(String text, List<Detection> out) {
    // Every match holds seven digits or more (ten for the North American pattern) in one run of
    // digits and number punctuation, and never reaches outside it: only such runs are walked (a
    // string gets here for one of them, most of its chars are prose).
    int[] runs = null;
    int r = 0;
    for (int s = TextProfile.nextDigitRun(text, 0, 7); s >= 0; ) {
      int e = TextProfile.digitRunEnd(text, s);
      if (runs == null) {
        runs = new int[4];
      } else if (r == runs.length) {
        runs = java.util.Arrays.copyOf(runs, 2 * r);
      }
      runs[r++] = s;
      runs[r++] = e;
      s = TextProfile.nextDigitRun(text, e, 7);
    }
    // North American numbers written the North American way (see nanpAt), tried only where a
    // match can start: a digit, '+' or '(' not preceded by what its look-behind refuses (so not
    // inside a number or word), with ten digits close by.
    int nanp = out.size(); // the next North American match (they are in order) not yet passed
    for (int q = 0; q < r; q += 2) {
      int to = runs[q + 1];
      if (digitCount(text, runs[q], to) < 10) {
        continue; // a North American match holds ten digits, all in its run
      }
      int at = nanpStart(text, runs[q], to);
      while (at >= 0) {
        int m = nanpAt(text, at);
        if (m < 0) {
          at = nanpStart(text, at + 1, to);
          continue;
        }
        int end = m >>> 1;
        // The shape fixes the length (ten digits, or eleven with a leading 1), and every number
        // of that shape is a possible US number to libphonenumber (PhoneDetectorTest checks each
        // area code): asking it cost 1.6 % of the scan and never said no.
        if ((m & 1) != 0) {
          out.add(detection(at, end));
        }
        at = nanpStart(text, end, to);
      }
    }
    int nanpEnd = out.size(); // the matches below add libphonenumber's after them
    int len = text.length();
    ScanBudget budget = null; // looked up when first needed: most strings here ask nothing
    for (int q = 0; q < r; q += 2) {
      int i = runs[q];
      int to = runs[q + 1];
      while (i < to) {
        char c = text.charAt(i);
        if (!(Text.isAsciiDigit(c) || c == '+' || c == '(') || startsInsideToken(text, i)) {
          i++;
          continue;
        }
        int end = runEnd(text, i);
        while (nanp < nanpEnd && out.get(nanp).start() < i) {
          nanp++;
        }
        boolean foundWhole = nanp < nanpEnd && out.get(nanp).start() == i
            && out.get(nanp).end() == end;
        if (end > i && !foundWhole && !(end < len && Character.isLetterOrDigit(text.charAt(end)))
            && !isArithmetic(text, i, end)) {
          // A run the North American pattern matched whole is one number, found already:
          // whatever libphonenumber finds in it lies inside that match and would lose to it.
          budget = candidates(text, i, end, out, true, budget);
        }
        i = Math.max(end, i + 1);
      }
    }
  }

  /**
   * Where the North American pattern matches at {@code p}, as the regular expression
   * <pre>{@code
   * (?<![\w+.-])(?:\+?1[ .-]?)?(?:\([2-9]\d{2}\)[ .-]?|[2-9]\d{2}([ .-]))[2-9]\d{2}([ .-])\d{4}(?![\w-]|\.\d)
   * }</pre>
   * would with {@code lookingAt()} at {@code p} (transparent bounds): optional +1, area code and
   * exchange starting 2-9, separators required. Written out by hand, with the alternatives tried
   * in the order the regex backtracks through them (every match a regex finds here is the first
   * alternative that succeeds): no matcher per string, where most strings with ten digits close
   * together are dates, times and ids. Returns -1 for no match, else the match's end shifted left
   * by one, with bit 0 set when the area code's separator (group 1) is absent or the same as the
   * exchange's (group 2). {@code PhoneDetectorTest} checks it against the regex.
   */
  static int nanpAt(String t, int p) {
    int n = t.length();
    if (p > 0 && isNanpGlue(t.charAt(p - 1))) {
      return -1;
    }
    if (p >= n) {
      return -1;
    }
    char c = t.charAt(p);
    int r;
    if (c == '+' && p + 1 < n && t.charAt(p + 1) == '1') {
      if (p + 2 < n && isNanpSeparator(t.charAt(p + 2)) && (r = nanpBody(t, p + 3)) >= 0) {
        return r;
      }
      if ((r = nanpBody(t, p + 2)) >= 0) {
        return r;
      }
    } else if (c == '1') {
      if (p + 1 < n && isNanpSeparator(t.charAt(p + 1)) && (r = nanpBody(t, p + 2)) >= 0) {
        return r;
      }
      if ((r = nanpBody(t, p + 1)) >= 0) {
        return r;
      }
    }
    return nanpBody(t, p);
  }

  /** The area code and the rest at {@code q}, as {@link #nanpAt} returns them. */
  private static int nanpBody(String t, int q) {
    int n = t.length();
    if (q + 4 < n && t.charAt(q) == '(' && isDigit2to9(t.charAt(q + 1))
        && Text.isAsciiDigit(t.charAt(q + 2)) && Text.isAsciiDigit(t.charAt(q + 3))
        && t.charAt(q + 4) == ')') {
      int r = q + 5;
      int e;
      if (r < n && isNanpSeparator(t.charAt(r)) && (e = nanpRest(t, r + 1)) >= 0) {
        return e << 1 | 1;
      }
      if ((e = nanpRest(t, r)) >= 0) {
        return e << 1 | 1;
      }
    }
    if (q + 3 < n && isDigit2to9(t.charAt(q)) && Text.isAsciiDigit(t.charAt(q + 1))
        && Text.isAsciiDigit(t.charAt(q + 2)) && isNanpSeparator(t.charAt(q + 3))) {
      int e = nanpRest(t, q + 4);
      if (e >= 0) {
        return e << 1 | (t.charAt(q + 3) == t.charAt(e - 5) ? 1 : 0);
      }
    }
    return -1;
  }

  /** {@code [2-9]\d{2}[ .-]\d{4}} at {@code r} and the look-ahead after it: its end, or -1. */
  private static int nanpRest(String t, int r) {
    int n = t.length();
    int e = r + 8;
    if (e > n || !isDigit2to9(t.charAt(r)) || !Text.isAsciiDigit(t.charAt(r + 1))
        || !Text.isAsciiDigit(t.charAt(r + 2)) || !isNanpSeparator(t.charAt(r + 3))) {
      return -1;
    }
    for (int k = r + 4; k < e; k++) {
      if (!Text.isAsciiDigit(t.charAt(k))) {
        return -1;
      }
    }
    if (e < n) {
      char a = t.charAt(e);
      if (Text.isAsciiAlnum(a) || a == '_' || a == '-'
          || a == '.' && e + 1 < n && Text.isAsciiDigit(t.charAt(e + 1))) {
        return -1;
      }
    }
    return e;
  }

  private static boolean isNanpSeparator(char c) {
    return c == ' ' || c == '.' || c == '-';
  }

  /** What the North American pattern's look-behind refuses before a match: {@code [\w+.-]}. */
  private static boolean isNanpGlue(char c) {
    return Text.isAsciiAlnum(c) || c == '_' || c == '+' || c == '.' || c == '-';
  }

  private static boolean isDigit2to9(char c) {
    return c >= '2' && c <= '9';
  }

  /**
   * The longest NANP match: {@code +1}, a separator, {@code (ddd)}, a separator, {@code ddd}, a
   * separator and {@code dddd}; it holds at least ten digits.
   */
  private static final int NANP_MAX = 17;

  /**
   * The first position in [from, to) where NANP can match, or -1: its look-behind
   * allows a start there, and the next {@value #NANP_MAX} chars of the run (which ends at
   * {@code to}: a match never leaves it) hold ten digits (prose's years, counts and prices do
   * not, and the regex is not tried on them).
   */
  private static int nanpStart(String text, int from, int to) {
    for (int at = from; at < to; at++) {
      char c = text.charAt(at);
      if (c >= '1' && c <= '9' || c == '+' || c == '(') {
        char p = at > 0 ? text.charAt(at - 1) : ' ';
        if (!isNanpGlue(p) && tenDigitsWithin(text, at, Math.min(to, at + NANP_MAX))) {
          return at;
        }
      }
    }
    return -1;
  }

  private static boolean tenDigitsWithin(String text, int from, int to) {
    int digits = 0;
    for (int i = from; i < to; i++) {
      if (Text.isAsciiDigit(text.charAt(i)) && ++digits == 10) {
        return true;
      }
    }
    return false;
  }

  /**
   * Where the first date in {@code run} lies, as {@code start << 32 | end}, or -1: an ISO date
   * ({@code 2024-06-05}, {@code 2024/06/05} or {@code 2024.06.05}: a four-digit year from 1900 to
   * 2099, a month and a day) or a day and month in either order before such a year
   * ({@code 3/14/2021}, {@code 14.03.2021}, {@code 14-03-2021}), one separator kind, between
   * non-digits. Logs, changelogs and forms write a date next to other numbers in one run of
   * digits and number punctuation (a timestamp's hour before its colon, a build number before the
   * date), which libphonenumber reads as a valid number in several plans before the grouping
   * check refuses it: ten questions a line.
   */
  static long dateIn(String run) {
    for (int at = 0, n = run.length(); at + 8 <= n; at++) { // 8: the shortest date, 2024-1-2
      if (at > 0 && Text.isAsciiDigit(run.charAt(at - 1))) {
        continue; // not the start of a digit group
      }
      int end = Math.max(isoDateAt(run, at), yearLastDateAt(run, at));
      if (end > 0) {
        return (long) at << 32 | end;
      }
    }
    return -1;
  }

  /**
   * The end of a date written day and month (either order, one of them at most 12) then a
   * four-digit year from 1900 to 2099, starting at {@code at} and followed by a non-digit, or 0.
   */
  private static int yearLastDateAt(String run, int at) {
    int n = run.length();
    int first = upToTwoDigits(run, at);
    int i = at + (first >>> 8);
    if (i == at || i >= n) {
      return 0;
    }
    char sep = run.charAt(i);
    if (sep != '-' && sep != '/' && sep != '.') {
      return 0;
    }
    int second = upToTwoDigits(run, ++i);
    int a = first & 0xFF;
    int b = second & 0xFF;
    i += second >>> 8;
    if (second >>> 8 == 0 || i >= n || run.charAt(i) != sep || a < 1 || b < 1 || a > 31
        || b > 31 || a > 12 && b > 12 || !isYear(run, ++i)) {
      return 0;
    }
    return i + 4;
  }

  /**
   * Whether {@code run} is two or more decimal numbers separated by single spaces, one of them
   * with five digits or more before or after its dot ({@code 9.82421 8.72408}: digits, one dot,
   * digits, each): measurements, printed vectors.
   * Without a phone word before it nobody means a phone number so, and libphonenumber spent ten
   * questions on every pair.
   */
  static boolean isDecimalList(String run) {
    int n = run.length();
    int i = 0;
    int parts = 0;
    int longest = 0; // digits in the longest group
    while (i < n) {
      parts++;
      int s = i;
      while (i < n && Text.isAsciiDigit(run.charAt(i))) {
        i++;
      }
      if (i == s || i >= n || run.charAt(i) != '.') {
        return false;
      }
      int f = ++i;
      while (i < n && Text.isAsciiDigit(run.charAt(i))) {
        i++;
      }
      if (i == f) {
        return false;
      }
      longest = Math.max(longest, Math.max(f - 1 - s, i - f));
      if (i < n) {
        if (run.charAt(i) != ' ' || i + 1 == n) {
          return false;
        }
        i++;
      }
    }
    // One alone (0486.1438) may be a number written with a dot, and so may groups of up to four
    // digits (1.645 505.2107); printed fractions are longer.
    return parts >= 2 && longest >= 5;
  }

  /** The end of an ISO date starting at {@code at} and followed by a non-digit, or 0. */
  private static int isoDateAt(String run, int at) {
    int n = run.length();
    if (!isYear(run, at) || at + 8 > n) {
      return 0;
    }
    char sep = run.charAt(at + 4);
    if (sep != '-' && sep != '/' && sep != '.') {
      return 0;
    }
    int month = upToTwoDigits(run, at + 5);
    int i = at + 5 + (month >>> 8);
    if (month >>> 8 == 0 || (month & 0xFF) < 1 || (month & 0xFF) > 12 || i >= n
        || run.charAt(i) != sep) {
      return 0;
    }
    int day = upToTwoDigits(run, ++i);
    i += day >>> 8;
    if (day >>> 8 == 0 || (day & 0xFF) < 1 || (day & 0xFF) > 31
        || i < n && Text.isAsciiDigit(run.charAt(i))) {
      return 0;
    }
    return i;
  }

  /**
   * The value of the one or two ASCII digits at {@code run[at]} in the low 8 bits and how many
   * were read above them (at most two; a third is left to the caller); 0 when none.
   */
  private static int upToTwoDigits(String run, int at) {
    int value = 0;
    int i = at;
    for (; i < at + 2 && i < run.length() && Text.isAsciiDigit(run.charAt(i)); i++) {
      value = value * 10 + run.charAt(i) - '0';
    }
    return (i - at) << 8 | value;
  }

  /** Whether a year from 1900 to 2099 stands at {@code run[at]}, not followed by a digit. */
  private static boolean isYear(String run, int at) {
    int n = run.length();
    return at + 4 <= n && (run.startsWith("19", at) || run.startsWith("20", at))
        && Text.isAsciiDigit(run.charAt(at + 2)) && Text.isAsciiDigit(run.charAt(at + 3))
        && !(at + 4 < n && Text.isAsciiDigit(run.charAt(at + 4)));
  }

  /**
   * Whether {@code run} is a range of years, {@code 1914-1918} or {@code (1856-1950} (the run
   * stops at its last digit): two years from 1000 to 2099, the second not before the first.
   * With the parenthesis, a quotation's dates (its author's life) went to libphonenumber in all
   * ten regions: nine in ten of its questions on the generated corpus, none ever a number.
   */
  static boolean isYearRange(String run) {
    int at = run.startsWith("(") ? 1 : 0;
    if (run.length() != at + 9 || run.charAt(at + 4) != '-') {
      return false;
    }
    int from = fourDigits(run, at);
    int to = fourDigits(run, at + 5);
    return from >= 1000 && from <= 2099 && to >= from && to <= 2099;
  }

  /** The value of the four ASCII digits at {@code run[at]}, or -1. */
  private static int fourDigits(String run, int at) {
    int value = 0;
    for (int i = at; i < at + 4; i++) {
      char c = run.charAt(i);
      if (!Text.isAsciiDigit(c)) {
        return -1;
      }
      value = value * 10 + c - '0';
    }
    return value;
  }

  /**
   * Whether {@code run} is an IPv4 address: four dotted groups of up to three digits, each at most
   * 255. Only those: {@code 532.123.45.67} is a Turkish mobile number written with dots.
   */
  static boolean isIpv4Address(String run) {
    if (!IPV4_SHAPED.matcher(run).matches()) {
      return false;
    }
    for (String octet : run.split("\\.")) {
      if (Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether text[s, e) is all of {@code text} but surrounding whitespace ({@code text.trim()}
   * equal to it, without copying the text: a long string holds many runs).
   */
  private static boolean isWholeText(String text, int s, int e) {
    for (int k = 0; k < s; k++) {
      if (text.charAt(k) > ' ') {
        return false;
      }
    }
    for (int k = e; k < text.length(); k++) {
      if (text.charAt(k) > ' ') {
        return false;
      }
    }
    return true;
  }

  /** Recent libphonenumber answers per thread: digit runs repeat (signatures, logs, tables). */
  private static final int CACHE_SIZE = 4096;
  private static final ThreadLocal<Map<String, int[]>> NUMBERS = ThreadLocal.withInitial(
      () -> new LinkedHashMap<>(CACHE_SIZE * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, int[]> eldest) {
          return size() > CACHE_SIZE;
        }
      });

  /**
   * The numbers libphonenumber finds in {@code run} for {@code region}, as start/end pairs; a
   * pure function of its arguments, so answers are kept in a small per-thread LRU cache.
   */
  private static int[] numbers(String run, String region, Leniency leniency) {
    String key = region + (leniency == Leniency.POSSIBLE ? '+' : ' ') + run;
    Map<String, int[]> cache = NUMBERS.get();
    int[] found = cache.get(key);
    if (found == null) {
      int[] buf = new int[8];
      int n = 0;
      for (PhoneNumberMatch pm : UTIL.findNumbers(run, region, leniency, Long.MAX_VALUE)) {
        if (n + 2 > buf.length) {
          buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        }
        buf[n++] = pm.start();
        buf[n++] = pm.end();
      }
      found = java.util.Arrays.copyOf(buf, n);
      cache.put(key, found);
    }
    return found;
  }

  private static int digitCount(String text, int start, int end) {
    int n = 0;
    for (int i = start; i < end; i++) {
      if (Text.isAsciiDigit(text.charAt(i))) {
        n++;
      }
    }
    return n;
  }

  /** Digit groups in {@code s}: runs of digits, counting the first character as one. */
  private static int groups(String s) {
    int groups = 1;
    for (int k = 1; k < s.length(); k++) {
      if (Text.isAsciiDigit(s.charAt(k)) && !Text.isAsciiDigit(s.charAt(k - 1))) {
        groups++;
      }
    }
    return groups;
  }

  private static boolean allDigitsTaken(String run, boolean[] taken) {
    for (int k = 0; k < run.length(); k++) {
      if (!taken[k] && Text.isAsciiDigit(run.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  /** A run may not start right after a letter, digit, '+' or a dot-digit (inside an id or amount). */
  private static boolean startsInsideToken(String text, int i) {
    if (i == 0) {
      return false;
    }
    char p = text.charAt(i - 1);
    return Character.isLetterOrDigit(p) || p == '+' || p == '_' || p == '/' || p == '@'
        || (p == '.' || p == ',' || p == '-') && i >= 2 && Text.isAsciiDigit(text.charAt(i - 2));
  }

  /**
   * End of a run of digits and phone punctuation starting at {@code start}, at its last digit. A
   * run with more digits than any phone number is cut at its last space (a list of numbers), or
   * rejected with -1 when it has none (a card, an id).
   */
  private static int runEnd(String text, int start) {
    int len = text.length();
    int j = start;
    int digits = 0;
    int lastDigit = -1;
    int cutAt = -1;
    char prev = 0;
    while (j < len) {
      char ch = text.charAt(j);
      if (Text.isAsciiDigit(ch)) {
        if (++digits > MAX_RUN_DIGITS) {
          return cutAt;
        }
        lastDigit = j;
      } else if (ch == ' ' || ch == '-' || ch == '.' || ch == '(' || ch == ')' || ch == '/'
          || ch == '\u00a0' || (ch == '+' && j == start)) {
        if ((ch == '-' || ch == '/') && prev == ' ') {
          break; // " - " and " / " are arithmetic, not phone punctuation
        }
        if (ch == ' ' || ch == '\u00a0') {
          if (prev == ' ' || prev == '\u00a0') {
            break;
          }
          if (Text.isAsciiDigit(prev)) {
            cutAt = j;
          }
        }
      } else {
        break;
      }
      prev = ch;
      j++;
    }
    return lastDigit < 0 ? start : lastDigit + 1;
  }

  /**
   * Finds numbers in text[start, end); with {@code split}, the parts of the run that hold no
   * number are searched again on their own, so that two numbers separated by a space are both
   * found. Returns the string's budget of questions, {@code budget} or, when that is null and
   * one was needed, the one looked up.
   */
  private ScanBudget candidates(String text, int start, int end, List<Detection> out,
      boolean split, ScanBudget budget) {
    int digits = digitCount(text, start, end);
    if (digits < 7) {
      return budget; // most runs in prose: no copy made
    }
    String run = text.substring(start, end);
    long date = dateIn(run); // first: the shapes below cannot hold one
    if (date >= 0) {
      // A date is no part of a phone number: what stands before and after it in the run is
      // looked at on its own.
      int ds = (int) (date >>> 32);
      int before = ds;
      while (before > 0 && !Text.isAsciiDigit(run.charAt(before - 1))) {
        before--;
      }
      if (before > 0) {
        budget = candidates(text, start, start + before, out, split, budget);
      }
      int rest = start + (int) date;
      while (rest < end && !Text.isAsciiDigit(text.charAt(rest)) && text.charAt(rest) != '+'
          && text.charAt(rest) != '(') {
        rest++;
      }
      if (rest < end) {
        budget = candidates(text, rest, end, out, split, budget);
      }
      return budget;
    }
    boolean international = run.charAt(0) == '+';
    if (budget == null) {
      budget = ScanBudget.forText(text);
    }
    if (!budget.hasLeft() && !international
        && !(firstDigit(run) == '0' && digits <= 17 || digits <= 13 && hasPhoneWord(text, start))) {
      budget.judgedByLayout();
      return budget; // isPhoneShaped would refuse it: dense text ends here, cheaply
    }
    if (isOtherNumberShape(run) || isDecimalList(run) && !hasPhoneWord(text, start)) {
      return budget;
    }
    if (!international && (SSN_SHAPED.matcher(run).matches() || DATE.matcher(run).matches()
        || THOUSANDS.matcher(run).matches() || isIpv4Address(run) || isYearRange(run))) {
      // Shapes accept() rejects as a whole, IPv4 addresses (four groups, none over 255) and
      // ranges of years: not worth ten rounds of libphonenumber.
      return budget;
    }
    if (!international && groups(run) < 3 && run.indexOf('(') < 0
        && !isWholeText(text, start, end) && !hasPhoneWord(text, start)) {
      // accept() takes a national number of fewer than three digit groups only after a phone
      // word (which would be before the run: a run holds no letters) or as the whole text.
      return budget;
    }
    if (!budget.hasLeft()) {
      // Text dense with numbers has spent the string's questions (see ScanBudget): the rest of
      // its runs are judged by their layout alone.
      budget.judgedByLayout();
      if (isPhoneShaped(text, start, end, run)) {
        out.add(detection(start, end));
      }
      return budget;
    }
    List<String> tryRegions = international ? List.of(regions.isEmpty() ? "US" : regions.get(0))
        : regions;
    boolean[] taken = new boolean[run.length()];
    // A number written with + and a country code needs only a possible length for that country:
    // the + is strong evidence. National numbers must be valid in a configured region.
    Leniency leniency = international ? Leniency.POSSIBLE : Leniency.VALID;
    for (String region : tryRegions) {
      budget.spend();
      int[] found = numbers(run, region, leniency);
      for (int f = 0; f < found.length; f += 2) {
        int s = found[f];
        int e = found[f + 1];
        if (taken[s] || taken[e - 1]
            || !accept(text, start + s, start + e, run.substring(s, e), region, budget)) {
          continue;
        }
        for (int k = s; k < e; k++) {
          taken[k] = true;
        }
        out.add(detection(start + s, start + e));
      }
      if (allDigitsTaken(run, taken)) {
        break; // no other region can find a number in this run
      }
    }
    if (!split) {
      return budget;
    }
    int k = 0;
    while (k < run.length()) {
      if (taken[k] || !Text.isAsciiDigit(run.charAt(k)) && run.charAt(k) != '+'
          && run.charAt(k) != '(') {
        k++;
        continue;
      }
      int e = k;
      while (e < run.length() && !taken[e] && !(run.charAt(e) == ' ' && e + 1 < run.length()
          && taken[e + 1])) {
        e++;
      }
      while (e > k && !Text.isAsciiDigit(run.charAt(e - 1))) {
        e--;
      }
      if (e > k && (k > 0 || e < run.length())) {
        budget = candidates(text, start + k, start + e, out, false, budget);
      }
      k = Math.max(e, k + 1);
    }
    return budget;
  }

  private boolean accept(String text, int s, int e, String raw, String region,
      ScanBudget budget) {
    if (raw.startsWith("+")) {
      return !isArithmetic(text, s, e);
    }
    if (DATE.matcher(raw).matches() || THOUSANDS.matcher(raw).matches()
        || SSN_SHAPED.matcher(raw).matches() || raw.contains(" - ") || raw.contains(" / ")
        || isArithmetic(text, s, e)) {
      return false;
    }
    int groups = groups(raw);
    boolean parens = raw.length() > 1 && raw.indexOf('(') >= 0;
    if (groups == 1) {
      return hasPhoneWord(text, s) || isWholeText(text, s, e);
    }
    if (hasPhoneWord(text, s)) {
      return true;
    }
    if (groups < 3 && !parens) {
      return false;
    }
    budget.spend();
    return isStrictlyGrouped(raw, region);
  }

  /**
   * Whether text[s, e), a run none of the cheaper checks has ruled out, is one phone number by its
   * layout alone: how runs are judged once the string has spent its libphonenumber questions
   * ({@link ScanBudget}). With {@code +} or {@code 00} first: a country calling code and a
   * possible length for it. Else 7 to 13 digits after a phone word, or written the way national
   * numbers outside North America are (those are found before any question is asked): a trunk
   * prefix (a 0, then not a 0), 9 to 12 digits, in three or more groups or with parentheses, and
   * one kind of separator (spaces may go with dashes; a dot goes with nothing else, so printed
   * decimals are no phone).
   */
  static boolean isPhoneShaped(String text, int s, int e, String run) {
    if (isArithmetic(text, s, e) || run.contains(" - ") || run.contains(" / ")) {
      return false;
    }
    StringBuilder d = new StringBuilder(20);
    int kinds = 0; // bits: space, dash, dot, slash
    for (int k = 0; k < run.length(); k++) {
      char c = run.charAt(k);
      if (Text.isAsciiDigit(c)) {
        d.append(c);
      } else if (c == ' ' || c == '\u00a0') {
        kinds |= 1;
      } else if (c == '-') {
        kinds |= 2;
      } else if (c == '.') {
        kinds |= 4;
      } else if (c == '/') {
        kinds |= 8;
      }
    }
    String digits = d.toString();
    if (run.charAt(0) == '+') {
      return isPossibleInternational(digits);
    }
    if (digits.startsWith("00")) {
      return isPossibleInternational(digits.substring(2));
    }
    int n = digits.length();
    if (hasPhoneWord(text, s)) {
      return n >= 7 && n <= 13;
    }
    boolean oneKind = Integer.bitCount(kinds) <= 1 || kinds == 3;
    return digits.charAt(0) == '0' && n >= 9 && n <= 12 && oneKind
        && (groups(run) >= 3 || run.indexOf('(') >= 0);
  }

  /** Country calling codes libphonenumber knows (they are prefix-free), by value. */
  private static final boolean[] CALLING_CODES = callingCodes();

  private static boolean[] callingCodes() {
    boolean[] known = new boolean[1000];
    for (int code : UTIL.getSupportedCallingCodes()) {
      if (code < known.length) {
        known[code] = true;
      }
    }
    return known;
  }

  /**
   * Whether {@code digits} (what follows {@code +} or {@code 00}) start with a calling code and
   * the rest has a possible length for it (libphonenumber's length check, without its parser).
   */
  static boolean isPossibleInternational(String digits) {
    if (digits.isEmpty() || digits.charAt(0) == '0') {
      return false; // no calling code starts with 0 (02 is not 2)
    }
    for (int k = 1; k <= 3 && k < digits.length(); k++) {
      int code = Integer.parseInt(digits, 0, k, 10);
      if (!CALLING_CODES[code]) {
        continue;
      }
      String national = digits.substring(k);
      if (national.length() < 2 || national.length() > 17) {
        return false;
      }
      com.google.i18n.phonenumbers.Phonenumber.PhoneNumber number =
          new com.google.i18n.phonenumbers.Phonenumber.PhoneNumber()
              .setCountryCode(code).setNationalNumber(Long.parseLong(national));
      int zeros = 0;
      while (zeros < national.length() - 1 && national.charAt(zeros) == '0') {
        zeros++;
      }
      if (zeros > 0) {
        number.setItalianLeadingZero(true).setNumberOfLeadingZeros(zeros);
      }
      // Not a length possible only for local dialling (four digits are, in the UK).
      return UTIL.isPossibleNumberWithReason(number)
          == PhoneNumberUtil.ValidationResult.IS_POSSIBLE;
    }
    return false;
  }

  private static char firstDigit(String run) {
    for (int k = 0; k < run.length(); k++) {
      if (Text.isAsciiDigit(run.charAt(k))) {
        return run.charAt(k);
      }
    }
    return 0;
  }

  /** A number next to {@code =}, an operator or a currency sign is arithmetic or an amount. */
  private static boolean isArithmetic(String text, int s, int e) {
    int a = e;
    while (a < text.length() && text.charAt(a) == ' ') {
      a++;
    }
    if (a < text.length() && "=*/×÷<>%^".indexOf(text.charAt(a)) >= 0) {
      return true;
    }
    int b = s - 1;
    while (b >= 0 && text.charAt(b) == ' ') {
      b--;
    }
    return b >= 0 && "=*/×÷<>$€£¥%^".indexOf(text.charAt(b)) >= 0;
  }

  private static boolean isStrictlyGrouped(String raw, String region) {
    for (PhoneNumberMatch pm
        : UTIL.findNumbers(raw, region, Leniency.STRICT_GROUPING, Long.MAX_VALUE)) {
      if (pm.start() == 0 && pm.end() == raw.length()) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasPhoneWord(String text, int start) {
    String window = text.substring(Math.max(0, start - CONTEXT_CHARS), start)
        .toLowerCase(Locale.ROOT);
    if (isAscii(window) ? containsLowerCaseWord(window, PHONE_WORDS)
        : Text.containsWord(window, 0, window.length(), PHONE_WORDS)) {
      return true;
    }
    // "my number is ...", but not "order number ..." or "account number ..."
    int n = lastWordIndex(window, "number");
    if (n < 0) {
      n = lastWordIndex(window, "numbers");
    }
    if (n < 0) {
      return false;
    }
    String before = window.substring(0, n).trim();
    int sp = Math.max(before.lastIndexOf(' '), before.lastIndexOf('\n'));
    return !ID_WORDS.contains(lettersOf(before, sp + 1));
  }

  /** The letters ({@code \\p{L}}) of s[from, end), the rest dropped. */
  private static String lettersOf(String s, int from) {
    StringBuilder sb = new StringBuilder(s.length() - from);
    for (int i = from; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (Character.isLetter(cp)) {
        sb.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    return sb.toString();
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 128) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@link Text#containsWord} for an ASCII, lower-case {@code window}, by {@code indexOf} (the
   * window is short, the words many): ignoring case changes nothing there, and a word with a
   * non-ASCII letter cannot occur.
   */
  static boolean containsLowerCaseWord(String window, String[] words) {
    for (String w : words) {
      for (int i = window.indexOf(w); i >= 0; i = window.indexOf(w, i + 1)) {
        int e = i + w.length();
        if ((i == 0 || !Character.isLetterOrDigit(window.charAt(i - 1)))
            && (e == window.length() || !Character.isLetterOrDigit(window.charAt(e)))) {
          return true;
        }
      }
    }
    return false;
  }

  private static int lastWordIndex(String window, String word) {
    int i = window.lastIndexOf(word);
    while (i >= 0) {
      boolean leftOk = i == 0 || !Character.isLetter(window.charAt(i - 1));
      int e = i + word.length();
      boolean rightOk = e >= window.length() || !Character.isLetter(window.charAt(e));
      if (leftOk && rightOk) {
        return i;
      }
      i = window.lastIndexOf(word, i - 1);
    }
    return -1;
  }

  /**
   * Runs laid out as another kind of number, never as a phone number in any numbering plan: three
   * or more groups of exactly four digits (cards, account numbers), the American Express and
   * Diners Club card layouts 4-6-5 and 4-6-4, and ISBN-13s written in five groups (978 or 979
   * first, a valid check digit). libphonenumber is not asked about them: it would try every
   * configured region in vain (an ISBN costs ten rounds), or find a national number inside.
   */
  static boolean isOtherNumberShape(String run) {
    // The run's groups: digits between runs of spaces and dashes (what is left after trimming).
    String t = run.trim();
    int n = t.length();
    int[] lengths = new int[5]; // of the first five groups, all the checks below read
    int groups = 0;
    boolean fours = true;
    int i = 0;
    while (i < n) {
      int s = i;
      while (i < n && Text.isAsciiDigit(t.charAt(i))) {
        i++;
      }
      if (i == s || i < n && t.charAt(i) != ' ' && t.charAt(i) != '-') {
        return false; // a group that is empty or holds something else than digits
      }
      if (groups < lengths.length) {
        lengths[groups] = i - s;
      }
      fours &= i - s == 4;
      groups++;
      while (i < n && (t.charAt(i) == ' ' || t.charAt(i) == '-')) {
        i++;
      }
    }
    if (groups < 3) {
      return false;
    }
    if (fours) {
      return true;
    }
    if (groups == 3 && lengths[0] == 4 && lengths[1] == 6
        && (lengths[2] == 5 || lengths[2] == 4)) {
      return true;
    }
    if (groups != 5 || lengths[0] != 3) {
      return false;
    }
    StringBuilder digits = new StringBuilder(13);
    for (int k = 0; k < n; k++) {
      if (Text.isAsciiDigit(t.charAt(k))) {
        digits.append(t.charAt(k));
      }
    }
    return isIsbn13(digits.toString());
  }

  /** Thirteen digits, 978 or 979 first, with a valid EAN-13 check digit. */
  private static boolean isIsbn13(String digits) {
    if (digits.length() != 13 || !(digits.startsWith("978") || digits.startsWith("979"))) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (digits.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
    }
    return (10 - sum % 10) % 10 == digits.charAt(12) - '0';
  }

  private static Logger quietLibphonenumber() {
    Logger l = Logger.getLogger("com.google.i18n.phonenumbers");
    l.setLevel(Level.SEVERE);
    return l;
  }

  /** Keeps the quieted logger strongly reachable (java.util.logging holds loggers weakly). */
  static Logger libphonenumberLog() {
    return LIBPHONENUMBER_LOG;
  }
}
