package io.provenir.secrets;

/** Shannon entropy of short strings, in bits per character. */
public final class Entropy {

  private Entropy() {}

  /** Shannon entropy of text[start, end) over its own characters (ASCII; others count as one). */
  public static double shannon(CharSequence text, int start, int end) {
    int n = end - start;
    if (n <= 0) {
      return 0;
    }
    int[] counts = new int[129];
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      counts[c < 128 ? c : 128]++;
    }
    double h = 0;
    for (int c : counts) {
      if (c > 0) {
        double p = (double) c / n;
        h -= p * (Math.log(p) / Math.log(2));
      }
    }
    return h;
  }
}
