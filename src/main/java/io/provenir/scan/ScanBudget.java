package io.provenir.scan;

/**
 * How many expensive questions a scan may still ask about one string: {@value #BASE}, plus one
 * per {@value #CHARS_PER_QUESTION} chars of the string. A question is a call into a validator
 * that costs tens of microseconds whatever it finds (libphonenumber's matcher, asked about a run
 * of digits in one numbering plan); a detector that asks them checks the budget first and, once it
 * is spent, decides the rest of the string by cheaper means.
 *
 * <p>Why: text dense with numbers (a printed vector of floats, a table of integers, digits and
 * spaces) has a candidate every few chars, and asking about each cost 18–31 s per MB. With the
 * budget a 10 MB string asks at most about 10,000 questions (0.5–0.8 s) however its numbers are
 * laid out, while ordinary text never spends it (the labelled cases ask at most 14 each).
 *
 * <p>The budget belongs to the whole string: the {@link TextScanner} scans a long string in
 * segments, and all of them draw on one budget for the string's length. What is asked depends on
 * the string alone, so a scan's result is still a function of its text. One budget serves one
 * thread at a time (detectors are shared, budgets are not).
 */
public final class ScanBudget {

  /** Questions every string may ask, however short. */
  public static final int BASE = 64;
  /** One more question per this many chars. */
  public static final int CHARS_PER_QUESTION = 1024;

  /** The budget of the long string this thread's scanner is scanning in segments, if any. */
  private static final ThreadLocal<ScanBudget> LONG_TEXT = new ThreadLocal<>();

  private int left;
  private boolean judgedByLayout;

  /** Strings on this thread whose budget ran out, since {@link #takeSpentStrings} last asked. */
  private static final ThreadLocal<int[]> SPENT_STRINGS = ThreadLocal.withInitial(() -> new int[1]);

  private ScanBudget(int questions) {
    this.left = questions;
  }

  /** A new budget for a string of {@code length} chars. */
  public static ScanBudget forLength(int length) {
    return new ScanBudget(BASE + length / CHARS_PER_QUESTION);
  }

  /** A budget of {@code questions} (tests: one the text at hand cannot spend, or none at all). */
  static ScanBudget ofQuestions(int questions) {
    return new ScanBudget(questions);
  }

  /**
   * The budget a detector draws on while it scans {@code text}: the whole string's when the
   * scanner on this thread is scanning a long string in segments (text is one of them), else a
   * new one for {@code text}.
   */
  public static ScanBudget forText(String text) {
    ScanBudget whole = LONG_TEXT.get();
    return whole != null ? whole : forLength(text.length());
  }

  /** Whether a question may still be asked. */
  public boolean hasLeft() {
    return left > 0;
  }

  /** Counts one question asked (a detector checks {@link #hasLeft} before a batch of them). */
  public void spend() {
    left--;
  }

  /**
   * Notes that a detector has judged a candidate without asking because this budget is spent;
   * counted once per budget (string) in {@link #takeSpentStrings}.
   */
  public void judgedByLayout() {
    if (!judgedByLayout) {
      judgedByLayout = true;
      SPENT_STRINGS.get()[0]++;
    }
  }

  /**
   * How many strings scanned on this thread since the last call ran out of questions and had
   * candidates judged without them (reset to 0): what {@code RecordScanner} reports per record.
   */
  public static int takeSpentStrings() {
    int[] n = SPENT_STRINGS.get();
    int spent = n[0];
    n[0] = 0;
    return spent;
  }

  /** Questions left (negative when a batch went past the budget). */
  public int left() {
    return left;
  }

  /** Makes {@code budget} the one detectors on this thread draw on until {@link #end}. */
  static void begin(ScanBudget budget) {
    LONG_TEXT.set(budget);
  }

  static void end() {
    LONG_TEXT.remove();
  }
}
