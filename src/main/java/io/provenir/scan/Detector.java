package io.provenir.scan;

import java.util.List;

/**
 * Finds one type of sensitive value in a string.
 *
 * <p>Implementations are immutable and thread-safe (compiled patterns are shared), never throw on
 * any input, and run in time linear in the input length (no catastrophic backtracking).
 */
public interface Detector {

  /** The finding type, e.g. {@code EMAIL}. */
  String type();

  /**
   * Every type this detector's detections can have ({@link #type} unless it reports several):
   * the scanner knows placeholders of these types ({@code [TYPE]}, {@code [SECRET:TYPE]}) as
   * masked text, never as a finding.
   */
  default List<String> types() {
    return List.of(type());
  }

  Category category();

  /** A short stable id of this detector, written to findings (e.g. {@code email}). */
  String id();

  /**
   * Priority among overlapping matches of equal length; higher wins. Provider-specific rules rank
   * above generic ones (e.g. {@code AWS_ACCESS_KEY} above {@code HIGH_ENTROPY}).
   */
  default int priority() {
    return 50;
  }

  /**
   * A cheap pre-filter: {@code false} means {@link #find} cannot match {@code text}. Must be much
   * cheaper than {@code find} (a character or keyword test).
   */
  boolean mayMatch(String text);

  /**
   * {@link #mayMatch(String)} with the string's {@link TextProfile} at hand (computed once per
   * string for all detectors); detectors whose pre-filter counts digits or looks for a character
   * override this.
   */
  default boolean mayMatch(String text, TextProfile profile) {
    return mayMatch(text);
  }

  /** Whether {@link #mayMatch(String, TextProfile)} reads the profile (else none is computed). */
  default boolean usesProfile() {
    return false;
  }

  /**
   * ASCII keywords this detector's pre-filter asks the profile about ({@link
   * TextProfile#keyword(int)} with an index into this list), matched ignoring case. The scanner
   * finds every detector's keywords in the one pass that makes the profile.
   */
  default List<String> keywords() {
    return List.of();
  }

  /**
   * Whether a match can span many lines or be longer than {@link TextScanner}'s segment context (a
   * PEM private key, a YAML manifest): such detectors always see a long string whole, the others
   * see it in overlapping segments. A constant: the scanner reads it once.
   */
  default boolean needsWholeText() {
    return false;
  }

  /** Appends every match in {@code text} to {@code out}; matches may overlap each other. */
  void find(String text, List<Detection> out);

  /**
   * Whether a JSON integer's digits are evidence enough for this detector: a card number stored as
   * a number ({@code "card": 4539578763621486}) is checked like a string (its length, issuer
   * prefix and Luhn digit), where a phone detector would take every timestamp and numeric id of
   * ten digits for a phone. A constant: the record scanner reads it once.
   */
  default boolean readsNumbers() {
    return false;
  }

  /** Whether {@link #findInValueAt} may find anything (the scanner asks only those that do). */
  default boolean readsMemberNames() {
    return false;
  }

  /**
   * Whether {@link #findInValueAt} may find anything in a value at {@code pointer}, from the
   * pointer alone (cheap; the scanner remembers the answer for recurring pointers).
   */
  default boolean mayFindInValueAt(String pointer) {
    return false;
  }

  /**
   * The whole of {@code value}, a JSON string at {@code pointer}, as a finding when its member
   * name (the pointer's last segment) makes it one although the text alone is none: {@code
   * {"password": "..."}}; else null. Called only for strings in which nothing else was found.
   */
  default Detection findInValueAt(String pointer, String value) {
    return null;
  }

  /**
   * {@link #find(String, List)} with the string's profile at hand (null when the scanner computed
   * none), for detectors whose search starts from what the profile knows.
   */
  default void find(String text, TextProfile profile, List<Detection> out) {
    find(text, out);
  }
}
