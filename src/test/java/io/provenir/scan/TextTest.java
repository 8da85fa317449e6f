package io.provenir.scan;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import java.util.Random;
import org.junit.Test;

public class TextTest {

  /** The definition: each word at each position, ignoring case, between non-letters-or-digits. */
  private static boolean containsWordAnywhere(String text, int from, int to, String... words) {
    from = Math.max(0, from);
    to = Math.min(text.length(), to);
    for (String w : words) {
      int wl = w.length();
      for (int i = from; i + wl <= to; i++) {
        if (text.regionMatches(true, i, w, 0, wl)
            && !Character.isLetterOrDigit(i > 0 ? text.charAt(i - 1) : ' ')
            && !Character.isLetterOrDigit(i + wl < text.length() ? text.charAt(i + wl) : ' ')) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * {@link Text#containsWord} compares words only where one can start, and answers as the
   * definition does on generated text: words in either case, glued to letters, digits and
   * non-ASCII letters (among them the long s and the Kelvin sign, which equal {@code s} and
   * {@code k} ignoring case), windows cutting words at either end.
   */
  @Test
  public void distinctCharsCountsLikeAStreamUpToItsLimit() {
    java.util.Random r = new java.util.Random(11);
    String alphabet = "aAb1 \u00e9\ud83d\ude00xyz";
    for (int n = 0; n < 20_000; n++) {
      StringBuilder sb = new StringBuilder();
      for (int k = r.nextInt(12); k > 0; k--) {
        sb.append(alphabet.charAt(r.nextInt(1 + r.nextInt(alphabet.length()))));
      }
      String s = sb.toString();
      for (int atMost = 1; atMost <= 6; atMost++) {
        org.hamcrest.MatcherAssert.assertThat(s + " / " + atMost, Text.distinctChars(s, atMost),
            org.hamcrest.Matchers.is((int) Math.min(s.chars().distinct().count(), atMost)));
      }
    }
  }

  @Test
  public void containsWordAnswersAsTheDefinition() {
    String[] words = {"ver", "version", "rev", "v", "ssn", "social security", "§", "ss#", "k"};
    String[] pieces = {"ver", "VERSION", "Rev", "v", "V", "ssn", "Social Security", "§", "ss#",
      "x", "1", " ", "  ", ".", "-", "é", "\u017f", "\u212a", "\u0130", "sion", "(", "k"};
    Random rnd = new Random(5);
    int found = 0;
    for (int n = 0; n < 30_000; n++) {
      StringBuilder sb = new StringBuilder();
      for (int k = rnd.nextInt(8); k >= 0; k--) {
        sb.append(pieces[rnd.nextInt(pieces.length)]);
      }
      String t = sb.toString();
      int from = rnd.nextInt(t.length() + 3) - 2;
      int to = from + rnd.nextInt(t.length() + 3);
      String[] some = java.util.Arrays.copyOfRange(words, rnd.nextInt(3), words.length);
      boolean want = containsWordAnywhere(t, from, to, some);
      found += want ? 1 : 0;
      assertThat("'" + t + "' [" + from + ", " + to + ")", Text.containsWord(t, from, to, some),
          is(want));
    }
    assertThat(found, greaterThan(2_000));
  }
}
