package io.provenir.decontam;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts text into the windows that are embedded and compared. Windows follow sentence boundaries
 * (after {@code . ? !} before whitespace, after the full-width {@code 。？！}, and at line breaks), so a question pasted into a longer
 * document starts a window of its own; a sentence longer than a window is cut by words.
 *
 * <ul>
 *   <li>{@link #forEval}: the whole item, plus (when it is longer than {@code maxWords})
 *       consecutive windows of at most {@code maxWords} words, so that a rephrasing of only the
 *       question under a long passage is still close to one of them.
 *   <li>{@link #forTraining}: per field of the record (the parts of the text between
 *       {@link #FIELD_SEPARATOR}s), the whole field when it has at most {@code maxWords} words;
 *       else overlapping windows of at most {@code maxWords} words that start at sentence
 *       boundaries about every {@code maxWords / 2} words. Fields of fewer than
 *       {@value #MIN_FIELD_WORDS} words (roles, labels, language codes) are not windows of their
 *       own when the record has a longer one.
 * </ul>
 *
 * <p>Why per field: a benchmark question in a chat record's user turn, embedded together with a
 * system prompt, the assistant's answer and the record's labels, no longer looks like the
 * question (a real rephrasing scoring 0.85 alone scored 0.6 in such a record).
 */
public final class TextWindows {

  private TextWindows() {}

  /**
   * Separates the fields of a record's text ({@code RecordText}): windows never cross it. It is
   * whitespace to {@link Character#isWhitespace}, so words and n-grams see a plain break.
   */
  public static final char FIELD_SEPARATOR = '\u001E';

  /** Fields with fewer words are not windows of their own (when the record has a longer one). */
  public static final int MIN_FIELD_WORDS = 3;

  /**
   * A piece of text: chars {@code [start, end)}, {@code words} words (whitespace-separated, each
   * Chinese or Japanese character a word of its own: see {@link #isCharWord}).
   */
  public record Span(int start, int end, int words) {}

  /**
   * Whether the char at {@code i} is a word by itself: a Han, Hiragana or Katakana char. Chinese
   * and Japanese put no spaces between words, so a whole paragraph would otherwise be one word
   * (a short field, never a window of its own, and never cut into windows), and the n-grams of
   * {@link Ngrams} would be clauses. A char of those scripts is about a word's worth of meaning.
   */
  static boolean isCharWord(int cp) {
    if (cp < 0x2E80) {
      return false;
    }
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA;
  }

  /** Full-width sentence ends (Chinese and Japanese), which need no space after them. */
  private static boolean isFullWidthSentenceEnd(char c) {
    return c == '\u3002' || c == '\uFF1F' || c == '\uFF01' || c == '\uFF0E';
  }

  /** The whole text (trimmed) and, when longer than {@code maxWords}, its consecutive windows. */
  public static List<Span> forEval(String text, int maxWords) {
    List<Span> sentences = sentences(text, maxWords);
    List<Span> out = new ArrayList<>();
    if (sentences.isEmpty()) {
      return out;
    }
    int total = 0;
    for (Span s : sentences) {
      total += s.words();
    }
    out.add(new Span(sentences.get(0).start(), sentences.get(sentences.size() - 1).end(), total));
    if (total <= maxWords) {
      return out;
    }
    int i = 0;
    while (i < sentences.size()) {
      int j = i;
      int words = 0;
      while (j < sentences.size() && (j == i || words + sentences.get(j).words() <= maxWords)) {
        words += sentences.get(j).words();
        j++;
      }
      out.add(new Span(sentences.get(i).start(), sentences.get(j - 1).end(), words));
      i = j;
    }
    return out;
  }

  /** Windows of a training text, as described above. */
  public static List<Span> forTraining(String text, int maxWords) {
    List<Span> out = new ArrayList<>();
    if (text.indexOf(FIELD_SEPARATOR) >= 0) {
      for (int from = 0; from <= text.length(); ) {
        int sep = text.indexOf(FIELD_SEPARATOR, from);
        int to = sep < 0 ? text.length() : sep;
        List<Span> sentences = sentences(text, from, to, maxWords);
        if (words(sentences) >= MIN_FIELD_WORDS) {
          windows(sentences, maxWords, out);
        }
        from = to + 1;
      }
      if (!out.isEmpty()) {
        return out;
      }
    }
    windows(sentences(text, maxWords), maxWords, out); // one field, or only short ones
    return out;
  }

  private static int words(List<Span> sentences) {
    int total = 0;
    for (Span s : sentences) {
      total += s.words();
    }
    return total;
  }

  /** Adds the windows of one field (its sentences) to {@code out}. */
  private static void windows(List<Span> sentences, int maxWords, List<Span> out) {
    if (sentences.isEmpty()) {
      return;
    }
    int total = words(sentences);
    if (total <= maxWords) {
      out.add(new Span(sentences.get(0).start(), sentences.get(sentences.size() - 1).end(),
          total));
      return;
    }
    int stride = Math.max(1, maxWords / 2);
    int i = 0;
    while (true) {
      int j = i;
      int words = 0;
      while (j < sentences.size() && (j == i || words + sentences.get(j).words() <= maxWords)) {
        words += sentences.get(j).words();
        j++;
      }
      out.add(new Span(sentences.get(i).start(), sentences.get(j - 1).end(), words));
      if (j >= sentences.size()) {
        return;
      }
      int next = i + 1;
      int skipped = sentences.get(i).words();
      while (next < j - 1 && skipped < stride) {
        skipped += sentences.get(next).words();
        next++;
      }
      i = next;
    }
  }

  /**
   * The sentences of {@code text}, trimmed, none empty; a sentence of more than {@code maxWords}
   * words is cut into pieces of {@code maxWords} words.
   */
  public static List<Span> sentences(String text, int maxWords) {
    return sentences(text, 0, text.length(), maxWords);
  }

  /** {@link #sentences(String, int)} of {@code text[from, to)}, positions in {@code text}. */
  static List<Span> sentences(String text, int from, int to, int maxWords) {
    List<Span> out = new ArrayList<>();
    int n = to;
    int start = -1;
    int words = 0;
    boolean inWord = false;
    boolean afterCharWord = false;
    int lastWordEnd = -1;
    for (int i = from; i < n; i++) {
      char c = text.charAt(i);
      boolean space = Character.isWhitespace(c);
      int cp = c < 0x2E80 ? c : text.codePointAt(i);
      boolean charWord = isCharWord(cp);
      // punctuation right after a Chinese or Japanese char belongs to it, as to an English word
      boolean attached = afterCharWord && !Character.isLetterOrDigit(cp);
      afterCharWord = charWord || attached && !space;
      if (!space) {
        if (start < 0) {
          start = i;
        }
        if (charWord || !inWord && !attached) {
          if (words == maxWords) {
            out.add(new Span(start, lastWordEnd, words));
            start = i;
            words = 0;
          }
          words++;
          inWord = !charWord; // the next char starts a word of its own
        }
        if (Character.isSupplementaryCodePoint(cp)) {
          i++; // both chars of a surrogate pair
        }
        lastWordEnd = i + 1;
      } else {
        inWord = false;
      }
      boolean boundary = c == '\n' || c == '\r' || c == FIELD_SEPARATOR
          || isFullWidthSentenceEnd(c)
          || ((c == '.' || c == '?' || c == '!') && (i + 1 >= n
              || Character.isWhitespace(text.charAt(i + 1))));
      if (boundary && start >= 0 && words > 0) {
        out.add(new Span(start, lastWordEnd, words));
        start = -1;
        words = 0;
        inWord = false;
      }
    }
    if (start >= 0 && words > 0) {
      out.add(new Span(start, lastWordEnd, words));
    }
    return out;
  }

  /** The number of words in {@code text}, as {@link Span} counts them. */
  public static int words(String text) {
    int words = 0;
    boolean inWord = false;
    boolean afterCharWord = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      boolean space = Character.isWhitespace(cp);
      boolean charWord = isCharWord(cp);
      boolean attached = afterCharWord && !Character.isLetterOrDigit(cp) && !space;
      if (!space && (charWord || !inWord && !attached)) {
        words++;
      }
      inWord = !space && !charWord && !attached;
      afterCharWord = charWord || attached;
      i += Character.charCount(cp);
    }
    return words;
  }
}
