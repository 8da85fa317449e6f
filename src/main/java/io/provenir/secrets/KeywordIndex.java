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

  private final int[] next; // state * 128 + char (0..127) -> state * 128 (flat: one load a char)
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
    // Flat table, upper case folded in (no branch per character), and a target state with
    // outputs stored negated (no load of its outputs per character). The root has no outputs.
    next = new int[n * 128];
    for (int s = 0; s < n; s++) {
      for (int c = 0; c < 128; c++) {
        int t = trans.get(s)[lower(c)];
        next[s * 128 + c] = outputs[t].length > 0 ? -t * 128 : t * 128;
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
    int s = 0; // state * 128
    for (int i = 0, n = text.length(); i < n; i++) {
      int c = text.charAt(i);
      if (c >= 128) {
        s = 0;
        continue;
      }
      s = next[s + c];
      if (s < 0) {
        s = -s;
        if (hit == null) {
          hit = new boolean[rules];
        }
        for (int r : outputs[s >> 7]) {
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
