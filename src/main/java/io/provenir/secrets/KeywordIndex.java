package io.provenir.secrets;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An Aho-Corasick automaton over lower-cased keywords: one pass over a string tells which of N
 * rule families can possibly match, however many keywords there are. ASCII case-insensitive.
 * Immutable and thread-safe once built.
 */
final class KeywordIndex {

  // ASCII char -> its class: the characters that occur in keywords (upper case folded onto lower),
  // and 0 for all others. The table is indexed by class, so it is a few times smaller than one
  // indexed by character and stays in the core's cache while every string of a record walks it.
  private final byte[] classOf = new byte[128];
  private final int classes;
  private final int[] next; // state * classes + class -> state * classes (flat: one load a char)
  private final int[][] outputs; // state -> rule ids ending here (incl. via failure links)
  private final int rules;

  /** @param keywords per rule, its keywords (lower case; ASCII) */
  KeywordIndex(List<List<String>> keywords) {
    this.rules = keywords.size();
    List<int[]> trans = new ArrayList<>();
    List<List<Integer>> out = new ArrayList<>();
    trans.add(newRow());
    out.add(new ArrayList<>());
    for (int r = 0; r < keywords.size(); r++) {
      for (String k : keywords.get(r)) {
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
        out.get(s).add(r);
      }
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
    for (List<String> ks : keywords) {
      for (String kw : ks) {
        for (int i = 0; i < kw.length(); i++) {
          int c = lower(kw.charAt(i));
          if (classOf[c] == 0) {
            classOf[c] = (byte) k++;
          }
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
    // Flat table, upper case folded in (no branch per character), and a target state with
    // outputs stored negated (no load of its outputs per character). The root has no outputs.
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

  /** The rules with a keyword in {@code text}; null when there is none. */
  boolean[] match(CharSequence text) {
    boolean[] hit = null;
    int s = 0; // state * classes
    for (int i = 0, n = text.length(); i < n; i++) {
      int c = text.charAt(i);
      if (c >= 128) {
        s = 0;
        continue;
      }
      s = next[s + classOf[c]];
      if (s < 0) {
        s = -s;
        if (hit == null) {
          hit = new boolean[rules];
        }
        for (int r : outputs[s / classes]) {
          hit[r] = true;
        }
      }
    }
    return hit;
  }

  /** For tests: which keywords map to which rules. */
  static Map<String, Integer> describe(List<List<String>> keywords) {
    Map<String, Integer> m = new HashMap<>();
    for (int r = 0; r < keywords.size(); r++) {
      for (String k : keywords.get(r)) {
        m.put(k, r);
      }
    }
    return m;
  }
}
