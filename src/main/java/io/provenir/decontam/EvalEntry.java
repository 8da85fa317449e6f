package io.provenir.decontam;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One eval item on its way into an {@link EvalIndex}: its benchmark, id, text and, for the semantic
 * method, the vectors of its {@link EvalIndex#evalWindows windows} (null when only n-grams are
 * used).
 */
public record EvalEntry(String benchmark, String id, String text, float[][] vectors)
    implements Serializable {

  @Override
  public boolean equals(Object o) {
    return o instanceof EvalEntry e && benchmark.equals(e.benchmark) && id.equals(e.id)
        && text.equals(e.text) && Arrays.deepEquals(vectors, e.vectors);
  }

  @Override
  public int hashCode() {
    return 31 * benchmark.hashCode() + id.hashCode();
  }

  @Override
  public String toString() {
    // ids come from eval files: shown only when they look like names (see Shown)
    return "EvalEntry{" + benchmark + "/" + Shown.name(id) + ", "
        + (vectors == null ? 0 : vectors.length) + " vectors}";
  }
}
