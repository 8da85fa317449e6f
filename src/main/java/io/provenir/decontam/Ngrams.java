package io.provenir.decontam;

import java.util.ArrayList;
import java.util.List;

/**
 * Word n-grams as in the GPT-3 paper and lm-evaluation-harness decontamination: text is lower-cased
 * and cut into runs of letters and digits (punctuation and whitespace are separators; a Chinese or
 * Japanese char is a word of its own, as {@link TextWindows} counts them), and each run of
 * {@code n} consecutive words is hashed to 64 bits. Hashes, not strings, are stored and
 * compared; with 64 bits, a false collision among millions of n-grams has a probability below
 * one in a million.
 */
public final class Ngrams {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final long MIX = 0x9E3779B97F4A7C15L;

  private Ngrams() {}

  /**
   * The words of a text: their hashes and where each starts and ends (chars, end exclusive) in the
   * text.
   */
  public record Words(long[] hashes, int[] starts, int[] ends) {
    public int size() {
      return hashes.length;
    }
  }

  /** The normalised words of {@code text}, as 64-bit hashes, in order. */
  public static long[] wordHashes(String text) {
    return words(text).hashes();
  }

  /** The normalised words of {@code text}: lower-case runs of letters and digits. */
  public static Words words(String text) {
    List<String> words = new ArrayList<>();
    List<int[]> spans = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int start = -1;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (TextWindows.isCharWord(cp)) {
        // A Chinese or Japanese char is a word of its own (as TextWindows counts them).
        if (start >= 0) {
          words.add(cur.toString());
          spans.add(new int[] {start, i});
          cur.setLength(0);
          start = -1;
        }
        words.add(new String(Character.toChars(cp)));
        spans.add(new int[] {i, i + Character.charCount(cp)});
      } else if (Character.isLetterOrDigit(cp)) {
        if (start < 0) {
          start = i;
        }
        cur.appendCodePoint(Character.toLowerCase(cp));
      } else if (start >= 0) {
        words.add(cur.toString());
        spans.add(new int[] {start, i});
        cur.setLength(0);
        start = -1;
      }
      i += Character.charCount(cp);
    }
    if (start >= 0) {
      words.add(cur.toString());
      spans.add(new int[] {start, text.length()});
    }
    long[] hashes = new long[words.size()];
    int[] starts = new int[words.size()];
    int[] ends = new int[words.size()];
    for (int i = 0; i < hashes.length; i++) {
      hashes[i] = hashWord(words.get(i));
      starts[i] = spans.get(i)[0];
      ends[i] = spans.get(i)[1];
    }
    return new Words(hashes, starts, ends);
  }

  static long hashWord(String w) {
    long h = FNV_OFFSET;
    for (int i = 0; i < w.length(); i++) {
      h ^= w.charAt(i);
      h *= FNV_PRIME;
    }
    return mix(h);
  }

  /** The hash of words {@code [from, from + n)}; order matters. */
  public static long ngram(long[] words, int from, int n) {
    long h = n;
    for (int i = from; i < from + n; i++) {
      h = mix(h * 31 + words[i]);
    }
    return h;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31) ^ MIX;
  }
}
