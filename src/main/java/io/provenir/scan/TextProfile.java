package io.provenir.scan;

/**
 * What one pass over a string tells every detector's pre-filter: how many ASCII digits it has,
 * its longest run of token characters, whether it holds the characters some types cannot do
 * without, and which of the scanner's keywords occur in it. {@link TextScanner} computes it once
 * per string for all its detectors, so that a dozen detectors do not each walk the string to
 * count its digits or lower-case it to look for their key words.
 *
 * <p>Keywords are numbered per detector: {@link #keyword(int)} answers for keyword {@code i} of
 * {@link Detector#keywords()} of the detector being asked (the scanner points the profile at each
 * detector's keywords before asking it). A profile is used by one thread, for one string.
 */
public final class TextProfile {

  // Per ASCII char: bit 0 an ASCII digit, bit 1 a token char [A-Za-z0-9_+/-] (what secret values
  // are made of: key ids, base64), bits 2-4 '@', '.' and ':' (OR-ed together over the string:
  // the marker flags cost no pass of their own).
  private static final byte[] KIND = new byte[128];
  private static final int AT = 4;
  private static final int DOT = 8;
  private static final int COLON = 16;

  static {
    for (int c = 0; c < 128; c++) {
      boolean digit = c >= '0' && c <= '9';
      boolean token = digit || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '-'
          || c == '+' || c == '/';
      KIND[c] = (byte) ((digit ? 1 : 0) | (token ? 2 : 0) | (c == '@' ? AT : 0)
          | (c == '.' ? DOT : 0) | (c == ':' ? COLON : 0));
    }
  }

  private final String text;
  private final int digits;
  private int digitsInOneRun = -1; // not yet counted
  private final int longestTokenRun;
  private final boolean hasAt;
  private final boolean hasDot;
  private final boolean hasColon;
  private final long[] keywords; // bits by keyword id; null: none occurs
  private int base; // the id of keyword 0 of the detector being asked

  private TextProfile(String text, int digits, int longestTokenRun, int marks, long[] keywords) {
    this.text = text;
    this.digits = digits;
    this.longestTokenRun = longestTokenRun;
    this.hasAt = (marks & AT) != 0;
    this.hasDot = (marks & DOT) != 0;
    this.hasColon = (marks & COLON) != 0;
    this.keywords = keywords;
  }

  private TextProfile(TextProfile counts, long[] keywords) {
    this(counts.text, counts.digits, counts.longestTokenRun,
        (counts.hasAt ? AT : 0) | (counts.hasDot ? DOT : 0) | (counts.hasColon ? COLON : 0),
        keywords);
  }

  /** The profile of {@code text} without keywords. */
  public static TextProfile of(String text) {
    return withoutKeywords(text);
  }

  /** The profile of {@code text} with which of {@code index}'s keywords occur in it. */
  public static TextProfile of(String text, KeywordIndex index) {
    if (index.size() == 0) {
      return withoutKeywords(text);
    }
    byte[] classOf = index.classOf;
    int[] next = index.next;
    int classes = index.classes;
    // The states where a keyword ends are noted in a ring and turned into keyword bits after the
    // loop: marking them in the loop (a call, or even a division and a bit set) made the whole
    // loop 1.4 to 1.6 times slower, and "." alone ends a keyword every 80 chars of prose. A string
    // with more keyword ends than the ring holds is walked again the slow way.
    int[] ends = index.scratch(); // KeywordIndex.RING long
    int k = 0;
    int s = 0; // state * classes
    int digits = 0;
    int run = 0;
    int best = 0;
    int marks = 0;
    boolean folds = false;
    for (int i = 0, n = text.length(); i < n; i++) {
      int c = text.charAt(i);
      if (c >= 128) {
        // The chars KeywordIndex.foldNonAscii folds, compared here rather than called: C2 leaves
        // a call on a rarely taken branch out of line, and a call in the loop put every variable
        // of the loop on the stack (the loop ran twice as slow).
        if (c == '\u212A' || c == '\u0130') {
          folds = true; // the Kelvin sign or a dotted capital I: see below
          break;
        }
        run = 0;
        s = 0;
        continue;
      }
      // Branch-free counts (prose alternates letters and spaces unpredictably), then one
      // automaton step (a class lookup and a table load).
      int kind = KIND[c];
      digits += kind & 1;
      run = (run + 1) & -((kind >> 1) & 1);
      best = Math.max(best, run);
      marks |= kind;
      s = next[s + classOf[c]];
      if (s < 0) {
        s = -s;
        ends[k++ & (KeywordIndex.RING - 1)] = s;
      }
    }
    if (folds) {
      // A char that lower-cases to an ASCII letter: counts and keywords by the slower loops.
      return new TextProfile(withoutKeywords(text), keywordsSlowly(text, index));
    }
    if (k > KeywordIndex.RING) {
      // More keyword ends than the ring holds: the keywords are found again (not the counts).
      return new TextProfile(text, digits, best, marks, keywordsSlowly(text, index));
    }
    long[] hits = null;
    for (int j = 0; j < k; j++) {
      hits = index.mark(hits, ends[j] / classes);
    }
    return new TextProfile(text, digits, best, marks, hits);
  }

  /**
   * Which keywords occur, marked as the automaton meets them, with the two non-ASCII chars that
   * lower-case to ASCII letters folded (for strings with those, or with many keyword ends).
   */
  private static long[] keywordsSlowly(String text, KeywordIndex index) {
    byte[] classOf = index.classOf;
    int[] next = index.next;
    int classes = index.classes;
    long[] hits = null;
    int s = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      int c = text.charAt(i);
      if (c >= 128) {
        c = KeywordIndex.foldNonAscii(c);
        if (c < 0) {
          s = 0;
          continue;
        }
      }
      s = next[s + classOf[c]];
      if (s < 0) {
        s = -s;
        hits = index.mark(hits, s / classes);
      }
      if (c == 'i' && text.charAt(i) >= 128) {
        s = 0; // the dotted capital I lower-cases to "i" and a combining dot, which no keyword has
      }
    }
    return hits;
  }

  /** The counts alone: without the automaton the loop runs in about 40 % of the time. */
  private static TextProfile withoutKeywords(String text) {
    int digits = 0;
    int run = 0;
    int best = 0;
    int marks = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      int c = text.charAt(i);
      int kind = c < 128 ? KIND[c] : 0;
      digits += kind & 1;
      run = (run + 1) & -((kind >> 1) & 1);
      best = Math.max(best, run);
      marks |= kind;
    }
    return new TextProfile(text, digits, best, marks, null);
  }

  /** Whether {@code c} is a token char, {@code [A-Za-z0-9_+/-]} (see {@link #longestTokenRun}). */
  public static boolean isTokenChar(char c) {
    return c < 128 && (KIND[c] & 2) != 0;
  }

  /** The number of ASCII digits. */
  public int digits() {
    return digits;
  }

  /**
   * The most ASCII digits in one run of digits and number punctuation ({@code [0-9 .()/+-]} and
   * the no-break space): every phone number, card number and SSN lies in one such run, and in
   * prose the digits of years, counts and prices are spread over many. Counted on first use, by a
   * pass of its own: only strings with enough {@link #digits()} for one of those ask.
   */
  public int digitsInOneRun() {
    if (digitsInOneRun < 0) {
      int best = 0;
      int run = 0;
      for (int i = 0, n = text.length(); i < n; i++) {
        // Branch-free, as the profile loop: digits and punctuation alternate unpredictably.
        int c = text.charAt(i);
        int k = numberKind(c);
        run = (run + (k & 1)) & -((k | k >> 1) & 1);
        best = Math.max(best, run);
      }
      digitsInOneRun = best;
    }
    return digitsInOneRun;
  }

  /**
   * The start of the first run of digits and number punctuation (as {@link #digitsInOneRun} counts
   * them) at or after {@code from} that holds at least {@code digits} ASCII digits, or -1: where a
   * detector whose matches need that many digits in one run has anything to look at.
   */
  public static int nextDigitRun(String text, int from, int digits) {
    int run = 0;
    int start = from;
    for (int i = from, n = text.length(); i < n; i++) {
      int c = text.charAt(i);
      int k = numberKind(c);
      int in = (k | k >> 1) & 1;
      run = (run + (k & 1)) & -in;
      start = in != 0 ? start : i + 1;
      if (run >= digits) {
        return start;
      }
    }
    return -1;
  }

  /** The end of the run of digits and number punctuation that holds {@code text[at]}. */
  public static int digitRunEnd(String text, int at) {
    int i = at;
    for (int n = text.length(); i < n; i++) {
      int c = text.charAt(i);
      if (numberKind(c) == 0) {
        break;
      }
    }
    return i;
  }

  /** 1 for an ASCII digit, 2 for number punctuation (see {@link #digitsInOneRun}), else 0. */
  private static int numberKind(int c) {
    return c < 128 ? NUMBER[c] : c == '\u00a0' ? 2 : 0;
  }

  /** Per ASCII char: 1 an ASCII digit, 2 number punctuation (see {@link #digitsInOneRun}). */
  private static final byte[] NUMBER = new byte[128];

  static {
    for (int c = '0'; c <= '9'; c++) {
      NUMBER[c] = 1;
    }
    for (char c : " -.()/+".toCharArray()) {
      NUMBER[c] = 2;
    }
  }

  /**
   * The length of the longest run of {@code [A-Za-z0-9_+/-]}: no token of those chars (a secret
   * value, a base64 blob) is longer, so detectors that need one of some length can skip a string
   * on it.
   */
  public int longestTokenRun() {
    return longestTokenRun;
  }

  public boolean hasAt() {
    return hasAt;
  }

  public boolean hasDot() {
    return hasDot;
  }

  public boolean hasColon() {
    return hasColon;
  }

  /** Whether keyword {@code i} of the detector being asked occurs (ignoring case). */
  public boolean keyword(int i) {
    int id = base + i;
    return keywords != null && (keywords[id >>> 6] & (1L << id)) != 0;
  }

  /** Whether any of keywords {@code [from, to)} of the detector being asked occurs. */
  public boolean anyKeyword(int from, int to) {
    return nextKeyword(from, to) >= 0;
  }

  /**
   * The first of keywords {@code [from, to)} of the detector being asked that occurs, or -1: a
   * word of bits at a time, as {@link java.util.BitSet#nextSetBit} does.
   */
  public int nextKeyword(int from, int to) {
    if (keywords == null || from >= to) {
      return -1;
    }
    int id = base + from;
    int end = base + to;
    int w = id >>> 6;
    long word = keywords[w] & (-1L << id);
    while (true) {
      if (word != 0) {
        int found = (w << 6) + Long.numberOfTrailingZeros(word);
        return found < end ? found - base : -1;
      }
      if (++w << 6 >= end) {
        return -1;
      }
      word = keywords[w];
    }
  }

  /** Points {@link #keyword} at the keywords starting with id {@code base}. */
  TextProfile forKeywordsAt(int base) {
    this.base = base;
    return this;
  }

  long[] keywordBits() {
    return keywords;
  }
}
