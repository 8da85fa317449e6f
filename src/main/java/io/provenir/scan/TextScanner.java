package io.provenir.scan;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Runs a set of detectors over one string and resolves overlapping matches once.
 *
 * <p>Resolution: secrets are resolved first, then PII. Within a category a specific detector
 * beats a generic one (priority at most {@value #GENERIC_PRIORITY}, e.g. high-entropy strings)
 * wherever they overlap; otherwise the longest match wins, then the higher
 * {@link Detector#priority()}, then the earlier start. A PII match that overlaps an accepted secret is dropped (the secret is redacted and the
 * record quarantined, which covers the PII too). Matches that overlap a Provenir placeholder already
 * in the text (for example {@code [EMAIL]}) are never reported, so masking is idempotent.
 *
 * <p>A string longer than {@value #LONG_TEXT} chars is scanned in segments of about
 * {@value #SEGMENT} chars, cut after a space or line break so that no segment cuts a token,
 * each seen with {@value #CONTEXT} chars of context on both sides; a segment keeps the matches
 * that start in it, and all of them are resolved together as for a short string. So each segment's
 * pre-filters decide what runs on it, and a long document costs what the same text costs as short
 * records, instead of every detector whose trigger occurs anywhere running over all of it.
 * Detectors whose matches span lines ({@link Detector#needsWholeText()}) see the whole string.
 *
 * <p>Immutable and thread-safe.
 */
public final class TextScanner {

  /** Detectors at or below this priority are generic: any specific match overlapping them wins. */
  public static final int GENERIC_PRIORITY = 10;

  /**
   * Specific before generic, then longer first, then higher priority, then earlier. Written out:
   * the same order built from {@code Comparator.comparing} boxed a Boolean and went through four
   * lambdas per comparison, a fifth of the scan of a string with half a million findings.
   */
  private static final Comparator<Detection> WINNER_FIRST = (a, b) -> {
    boolean ga = a.priority() <= GENERIC_PRIORITY;
    boolean gb = b.priority() <= GENERIC_PRIORITY;
    if (ga != gb) {
      return ga ? 1 : -1;
    }
    if (a.length() != b.length()) {
      return a.length() > b.length() ? -1 : 1;
    }
    if (a.priority() != b.priority()) {
      return a.priority() > b.priority() ? -1 : 1;
    }
    return Integer.compare(a.start(), b.start());
  };

  /** Strings longer than this are scanned in segments. */
  static final int LONG_TEXT = 32 * 1024;
  /** About this many chars per segment. */
  static final int SEGMENT = 1024;
  /**
   * Context seen on each side of a segment: a match starting in a segment reaches this far past
   * its end, plus the rest of the token there (see {@link Cuts}).
   */
  static final int CONTEXT = 128;
  /** How far a segment's end may move to find a space rather than cut a token. */
  static final int MAX_TOKEN = 64 * 1024;

  private final List<Detector> detectors;
  /** The detectors that read member names ({@link Detector#readsMemberNames}). */
  private final Detector[] memberNameReaders;
  /** Every type the detectors report: placeholders of these are masked text, not findings. */
  private final java.util.Set<String> types;
  /** The same detectors in an array, and which of them see long strings whole (the hot loop). */
  private final Detector[] each;
  /**
   * The same array typed as {@link BaseDetector} when every detector is one (the built-in ones
   * are), else null: a call through the abstract class is a vtable lookup, through the interface
   * an itable search (2 % of the engine's samples, in the loop below, a dozen calls per string).
   */
  private final BaseDetector[] eachBase;
  private final boolean[] wholeText;
  private final boolean profiles;
  /** Every detector's keywords, one after another; detector k's start at keywordBase[k]. */
  private final KeywordIndex keywords;
  private final int[] keywordBase;
  /**
   * The keywords of the detectors that see long strings whole, numbered the same way (detector
   * k's at wholeTextKeywordBase[k]), or null when there are none: a long string is profiled for
   * those few alone (without the provider rules' short keywords, such as ".", whose many ends
   * made the profile walk a 10 MB string twice).
   */
  private final KeywordIndex wholeTextKeywords;
  private final int[] wholeTextKeywordBase;

  public TextScanner(List<? extends Detector> detectors) {
    this.detectors = List.copyOf(detectors);
    this.memberNameReaders = this.detectors.stream().filter(Detector::readsMemberNames)
        .toArray(Detector[]::new);
    this.types = this.detectors.stream().flatMap(d -> d.types().stream())
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
    this.each = this.detectors.toArray(new Detector[0]);
    this.eachBase = this.detectors.stream().allMatch(d -> d instanceof BaseDetector)
        ? this.detectors.toArray(new BaseDetector[0]) : null;
    this.wholeText = new boolean[each.length];
    for (int k = 0; k < each.length; k++) {
      wholeText[k] = each[k].needsWholeText();
    }
    this.keywordBase = new int[each.length];
    List<String> all = keywords(each, null, keywordBase);
    this.keywords = new KeywordIndex(all);
    this.profiles = !all.isEmpty() || this.detectors.stream().anyMatch(Detector::usesProfile);
    this.wholeTextKeywordBase = new int[each.length];
    List<String> whole = keywords(each, wholeText, wholeTextKeywordBase);
    this.wholeTextKeywords = this.detectors.stream().anyMatch(Detector::needsWholeText)
        ? new KeywordIndex(whole) : null;
  }

  /**
   * The keywords of the detectors {@code taken} (all when null), one after another; detector k's
   * first one's index goes to {@code bases[k]}.
   */
  private static List<String> keywords(Detector[] each, boolean[] taken, int[] bases) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < each.length; k++) {
      bases[k] = out.size();
      if (taken == null || taken[k]) {
        out.addAll(each[k].keywords());
      }
    }
    return out;
  }

  public List<Detector> detectors() {
    return detectors;
  }

  public boolean isEmpty() {
    return detectors.isEmpty();
  }

  /** Strings up to this long are remembered per thread (see {@link #scan(String)}). */
  static final int CACHED_LENGTH = 64;
  private static final int CACHE_SLOTS = 1024; // a power of two

  /**
   * The last result for each of {@value #CACHE_SLOTS} slots, per thread: key and result in
   * adjacent cells and the key's hash beside them, the slot chosen by that hash (direct-mapped: no
   * bookkeeping on a hit, a miss overwrites).
   */
  private final ThreadLocal<Recent> recent = ThreadLocal.withInitial(Recent::new);

  private static final class Recent {
    final int[] hashes = new int[CACHE_SLOTS];
    final Object[] slots = new Object[2 * CACHE_SLOTS];
  }

  /** Whether a member-name reader may find anything at a pointer. */
  private record PointerVerdict(String pointer, boolean may) {}

  private static final int POINTER_SLOTS = 64;
  /**
   * Verdicts for recent pointers (the parser hands out one string per recurring pointer), by
   * hash. Shared by all threads without locks: a slot holds one immutable verdict, and a thread
   * that reads a stale one or overwrites another's only asks the detectors again.
   */
  private final PointerVerdict[] pointerVerdicts = new PointerVerdict[POINTER_SLOTS];

  /**
   * What the detectors that read member names find in the whole of {@code text}, a JSON string
   * at {@code pointer} in which {@link #scan} found nothing ({@code {"password": "..."}}); an
   * empty list if none.
   */
  public List<Detection> wholeValueAt(String pointer, String text) {
    if (memberNameReaders.length == 0 || !mayFindInValueAt(pointer)) {
      return List.of();
    }
    List<Detection> keyed = null;
    for (Detector d : memberNameReaders) {
      Detection whole = d.findInValueAt(pointer, text);
      if (whole != null) {
        if (keyed == null) {
          keyed = new ArrayList<>(1);
        }
        keyed.add(whole);
      }
    }
    return keyed == null ? List.of() : found(text, keyed);
  }

  /** Whether a member-name reader may find anything at {@code pointer}, remembered. */
  private boolean mayFindInValueAt(String pointer) {
    int slot = pointer.hashCode() & (POINTER_SLOTS - 1);
    PointerVerdict v = pointerVerdicts[slot];
    // mostly the same string (equals checks == first); another thread's pointer strings too
    if (v != null && v.pointer().equals(pointer)) {
      return v.may();
    }
    boolean may = false;
    for (Detector d : memberNameReaders) {
      may |= d.mayFindInValueAt(pointer);
    }
    pointerVerdicts[slot] = new PointerVerdict(pointer, may);
    return may;
  }

  /**
   * Non-overlapping detections in {@code text}, ordered by start; an empty list if none. The list
   * is unmodifiable.
   *
   * <p>Short strings recur in every record of a dataset (object keys, roles, labels, language
   * codes), and for them the fixed cost of a scan (the profile, a dozen pre-filters) is most of
   * the work, so the results for strings up to {@value #CACHED_LENGTH} chars are remembered per
   * thread. A scan is a function of the string alone, so a remembered result is the result.
   */
  @SuppressWarnings("unchecked")
  public List<Detection> scan(String text) {
    if (text.length() > CACHED_LENGTH) {
      return scan(text, text.length() > LONG_TEXT);
    }
    Recent cache = recent.get();
    int h = text.hashCode();
    int slot = (h ^ (h >>> 16)) & (CACHE_SLOTS - 1);
    // The hash first: a miss (ids and timestamps differ in every record) is decided without
    // loading the remembered string.
    if (cache.hashes[slot] == h && text.equals(cache.slots[2 * slot])) {
      return (List<Detection>) cache.slots[2 * slot + 1];
    }
    List<Detection> found = scan(text, false);
    cache.hashes[slot] = h;
    cache.slots[2 * slot] = text;
    cache.slots[2 * slot + 1] = found;
    return found;
  }

  /** {@link #scan} with or without segments (tests compare the two). */
  List<Detection> scan(String text, boolean segments) {
    // A long string's segments share one budget of expensive questions (see ScanBudget): a
    // segment's worth each would let a 10 MB string of numbers ask 10,000 times more.
    return segments ? scan(text, true, ScanBudget.forLength(text.length()))
        : found(text, candidates(text, true, true));
  }

  /**
   * {@link #scan(String, boolean)} with {@code budget} for the whole string however it is scanned
   * (tests: one that lasts, so that segments and a whole scan ask the same questions and must
   * find the same; or none, to see what text is found without asking).
   */
  List<Detection> scan(String text, boolean segments, ScanBudget budget) {
    ScanBudget.begin(budget);
    try {
      return found(text, segments ? segmentCandidates(text) : candidates(text, true, true));
    } finally {
      ScanBudget.end();
    }
  }

  private List<Detection> found(String text, List<Detection> candidates) {
    if (candidates == null || candidates.isEmpty()) {
      return List.of();
    }
    if (text.indexOf('[') >= 0) {
      // once per text: candidates can be many
      int[] placeholders = Placeholders.spans(text, types);
      if (placeholders.length > 0) {
        candidates.removeIf(c -> Placeholders.overlaps(placeholders, c.start(), c.end()));
      }
    }
    return Collections.unmodifiableList(resolve(candidates));
  }

  /**
   * Every detector's matches in {@code text} (null if none ran), those that need the whole text
   * or the others, as asked.
   */
  private List<Detection> candidates(String text, boolean wholeTextOnes, boolean others) {
    List<Detection> candidates = null;
    boolean wholeOnly = wholeTextOnes && !others;
    if (wholeOnly && wholeTextKeywords == null) {
      return null; // no detector sees long strings whole
    }
    TextProfile profile = !profiles ? null
        : TextProfile.of(text, wholeOnly ? wholeTextKeywords : keywords);
    int[] bases = wholeOnly ? wholeTextKeywordBase : keywordBase;
    BaseDetector[] base = eachBase;
    for (int k = 0; k < each.length; k++) {
      if (!(wholeText[k] ? wholeTextOnes : others)) {
        continue;
      }
      if (profile != null) {
        profile.forKeywordsAt(bases[k]);
      }
      if (base != null) {
        BaseDetector d = base[k];
        if (d.mayMatch(text, profile)) {
          if (candidates == null) {
            candidates = new ArrayList<>(4);
          }
          d.find(text, profile, candidates);
        }
        continue;
      }
      Detector d = each[k];
      if (d.mayMatch(text, profile)) {
        if (candidates == null) {
          candidates = new ArrayList<>(4);
        }
        d.find(text, profile, candidates);
      }
    }
    return candidates;
  }

  /** The candidates of a long string: whole-text detectors on all of it, others per segment. */
  private List<Detection> segmentCandidates(String text) {
    List<Detection> all = candidates(text, true, false);
    if (all == null) {
      all = new ArrayList<>();
    }
    int n = text.length();
    Cuts cuts = new Cuts(text);
    int start = 0;
    while (start < n) {
      int end = cuts.after(start + SEGMENT);
      if (n - end < SEGMENT / 2) {
        end = n; // no short last segment (it would look like a whole string to detectors)
      }
      int from = cutBefore(text, start - CONTEXT);
      int to = cuts.after(end + CONTEXT);
      List<Detection> found = candidates(text.substring(from, to), false, true);
      if (found != null) {
        for (Detection d : found) {
          int s = d.start() + from;
          if (s >= start && s < end) { // each match is kept by the segment it starts in
            all.add(new Detection(d.type(), d.category(), s, d.end() + from, d.detector(),
                d.priority()));
          }
        }
      }
      start = end;
    }
    return all;
  }

  /**
   * Where segments of one string end: just after the first space, tab or line break at or after
   * the wanted position, so that no token is cut (a long one, a JWT, stays whole), unless that is
   * more than {@value #MAX_TOKEN} chars on (an embedded file without spaces is cut where wanted).
   * Positions asked for only grow, so the search for the next space resumes where the last one
   * stopped: linear in the string.
   */
  static final class Cuts {
    private final String text;
    private int knownFrom = -1; // no space in [knownFrom, knownSpace); text[knownSpace] is one
    private int knownSpace = -1; // (or the end of the text)

    Cuts(String text) {
      this.text = text;
    }

    int after(int at) {
      int n = text.length();
      if (at >= n) {
        return n;
      }
      int space = nextSpace(at);
      return space - at <= MAX_TOKEN ? Math.min(n, space + 1) : at;
    }

    private int nextSpace(int at) {
      if (at >= knownFrom && at <= knownSpace) {
        return knownSpace;
      }
      int i = at;
      int n = text.length();
      while (i < n && !isSpace(text.charAt(i))) {
        i++;
      }
      knownFrom = at;
      knownSpace = i;
      return i;
    }
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
  }

  /** The start of a context that should start near {@code at}: after a space at or before it. */
  static int cutBefore(String text, int at) {
    if (at <= 0) {
      return 0;
    }
    int limit = Math.max(0, at - CONTEXT);
    for (int i = at; i > limit; i--) {
      char c = text.charAt(i - 1);
      if (isSpace(c)) {
        return i;
      }
    }
    return at;
  }

  /** Picks non-overlapping winners, secrets before PII; result ordered by start. */
  static List<Detection> resolve(List<Detection> candidates) {
    if (candidates.size() == 1) {
      return List.of(candidates.get(0));
    }
    List<Detection> accepted = new ArrayList<>(candidates.size());
    // The chars the accepted spans cover: an overlap check reads the bits of the candidate's own
    // chars, so a long string with many candidates resolves in n log n (the sort), not n squared.
    int last = 0;
    for (Detection c : candidates) {
      last = Math.max(last, c.end());
    }
    BitSet taken = new BitSet(last);
    for (Category category : new Category[] {Category.SECRET, Category.PII}) {
      List<Detection> ofCategory = new ArrayList<>();
      for (Detection c : candidates) {
        if (c.category() == category) {
          ofCategory.add(c);
        }
      }
      ofCategory.sort(WINNER_FIRST);
      for (Detection c : ofCategory) {
        int hit = taken.nextSetBit(c.start());
        if (hit < 0 || hit >= c.end()) {
          accepted.add(c);
          taken.set(c.start(), c.end());
        }
      }
    }
    accepted.sort(Comparator.comparingInt(Detection::start));
    return accepted;
  }

}
