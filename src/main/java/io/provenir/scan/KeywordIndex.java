package io.provenir.scan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An Aho-Corasick automaton over ASCII keywords, matched ignoring case as
 * {@code text.toLowerCase(Locale.ROOT).contains(keyword)} would: one pass over a string tells
 * which of N keywords occur in it, however many there are. {@link TextProfile#of(String,
 * KeywordIndex)} walks it in the same pass that counts digits, so that every detector's keyword
 * pre-filter is answered by one look at each character. Immutable and thread-safe.
 */
public final class KeywordIndex {

  /** No keywords. */
  public static final KeywordIndex NONE = new KeywordIndex(List.of());

  // ASCII char -> its class: the characters that occur in keywords (upper case folded onto lower),
  // and 0 for all others. The table is indexed by class, so it is a few times smaller than one
  // indexed by character and stays in the core's cache while every string of a record walks it.
  final byte[] classOf = new byte[128];
  final int classes;
  /**
   * state * classes + class -> the next state * classes, negated when that state ends a keyword
   * (so the walk loads nothing else for a character unless a keyword ends there).
   */
  final int[] next;
  /** state -> the keyword ids ending there (including through failure links). */
  final int[][] outputs;
  private final int size;
  /** The length of {@link #scratch()}'s ring, a power of two. */
  static final int RING = 4096;
  /** Per thread: the states where keywords end in one string. */
  private final ThreadLocal<int[]> ends = ThreadLocal.withInitial(() -> new int[RING]);

  /** @param keywords ASCII keywords; the id of each is its index in this list */
  public KeywordIndex(List<String> keywords) {
    this.size = keywords.size();
    List<int[]> trans = new ArrayList<>();
    List<List<Integer>> out = new ArrayList<>();
    trans.add(newRow());
    out.add(new ArrayList<>());
    for (int id = 0; id < keywords.size(); id++) {
      String k = keywords.get(id);
      if (k.isEmpty()) {
        throw new IllegalArgumentException("empty keyword");
      }
      int s = 0;
      for (int i = 0; i < k.length(); i++) {
        int c = lower(k.charAt(i));
        if (c >= 128) {
          throw new IllegalArgumentException("keyword must be ASCII: " + k);
        }
        if (trans.get(s)[c] < 0) {
          trans.get(s)[c] = trans.size();
          trans.add(newRow());
          out.add(new ArrayList<>());
        }
        s = trans.get(s)[c];
      }
      out.get(s).add(id);
    }
    int n = trans.size();
    int[] fail = new int[n];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int c = 0; c < 128; c++) {
      int t = trans.get(0)[c];
      if (t < 0) {
        trans.get(0)[c] = 0;
      } else {
        fail[t] = 0;
        queue.add(t);
      }
    }
    while (!queue.isEmpty()) {
      int s = queue.poll();
      out.get(s).addAll(out.get(fail[s]));
      for (int c = 0; c < 128; c++) {
        int t = trans.get(s)[c];
        if (t < 0) {
          trans.get(s)[c] = trans.get(fail[s])[c];
        } else {
          fail[t] = trans.get(fail[s])[c];
          queue.add(t);
        }
      }
    }
    outputs = new int[n][];
    for (int s = 0; s < n; s++) {
      outputs[s] = out.get(s).stream().distinct().mapToInt(Integer::intValue).toArray();
    }
    int k = 1;
    for (String kw : keywords) {
      for (int i = 0; i < kw.length(); i++) {
        int c = lower(kw.charAt(i));
        if (classOf[c] == 0) {
          classOf[c] = (byte) k++;
        }
      }
    }
    for (int c = 'A'; c <= 'Z'; c++) {
      classOf[c] = classOf[c + 32];
    }
    classes = k;
    // One representative character per class (class 0: a character in no keyword, whose
    // transitions are those of every such character).
    int[] rep = new int[k];
    Arrays.fill(rep, -1);
    for (int c = 127; c >= 0; c--) {
      rep[classOf[c]] = lower(c);
    }
    // Flat table, upper case folded in (no branch per character). The root has no outputs, so
    // state 0 is never negated.
    next = new int[n * k];
    for (int st = 0; st < n; st++) {
      for (int cl = 0; cl < k; cl++) {
        int t = trans.get(st)[rep[cl]];
        next[st * k + cl] = outputs[t].length > 0 ? -t * k : t * k;
      }
    }
  }

  private static int[] newRow() {
    int[] row = new int[128];
    Arrays.fill(row, -1);
    return row;
  }

  private static int lower(int c) {
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
  }

  /** The number of keywords. */
  public int size() {
    return size;
  }

  /**
   * The ASCII letter a non-ASCII char becomes in {@code toLowerCase(Locale.ROOT)}, or -1: the
   * Kelvin sign is {@code k}, and capital I with a dot is {@code i} followed by a combining dot
   * (which no keyword continues through). No other char lower-cases to ASCII.
   */
  static int foldNonAscii(int c) {
    return c == '\u212A' ? 'k' : c == '\u0130' ? 'i' : -1;
  }

  /** Sets the bits of the keywords ending in state {@code state} (not multiplied by classes). */
  long[] mark(long[] hits, int state) {
    if (hits == null) {
      hits = new long[(size + 63) >>> 6];
    }
    for (int id : outputs[state]) {
      hits[id >>> 6] |= 1L << id;
    }
    return hits;
  }

  /** This thread's ring of keyword-ending states for {@link TextProfile#of(String, KeywordIndex)}. */
  int[] scratch() {
    return ends.get();
  }

  /** Which keywords occur in {@code text}, as bits by id; null when none does. */
  public long[] match(CharSequence text) {
    return TextProfile.of(text.toString(), this).keywordBits();
  }
}
