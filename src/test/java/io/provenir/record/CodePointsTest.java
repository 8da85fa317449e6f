package io.provenir.record;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.Random;
import org.junit.Test;

public class CodePointsTest {

  /**
   * Both conversions answer what {@link String#codePointCount} and {@link
   * String#offsetByCodePoints} answer, at every index of generated strings of ASCII, Latin-1, BMP
   * chars, surrogate pairs and lone high and low surrogates (each counts as one code point).
   */
  @Test
  public void agreesWithTheStringMethodsAtEveryIndex() {
    String[] parts = {"a", "\u00e9", "\u4e2d", "\uD83D\uDE00", "\uD83D", "\uDE00", "\uDBFF\uDFFF"};
    Random rnd = new Random(8);
    for (int round = 0; round < 5_000; round++) {
      StringBuilder sb = new StringBuilder();
      int len = rnd.nextInt(30);
      for (int i = 0; i < len; i++) {
        sb.append(parts[rnd.nextInt(round % 4 == 0 ? 3 : parts.length)]);
      }
      String text = sb.toString();
      CodePoints cps = CodePoints.of(text);
      for (int u = 0; u <= text.length(); u++) {
        assertThat(text + " @" + u, cps.toCodePoint(u), is(text.codePointCount(0, u)));
      }
      int codePoints = text.codePointCount(0, text.length());
      for (int c = 0; c <= codePoints; c++) {
        assertThat(text + " cp " + c, cps.toUtf16(c), is(text.offsetByCodePoints(0, c)));
      }
    }
  }
  /** Long strings, read in chunks: pairs on and around the chunks' edges, checked near each. */
  @Test
  public void longStringsWithPairsAcrossChunks() {
    Random rnd = new Random(9);
    for (int round = 0; round < 40; round++) {
      StringBuilder sb = new StringBuilder();
      int len = 8_000 + rnd.nextInt(30_000);
      while (sb.length() < len) {
        int k = rnd.nextInt(round % 2 == 0 ? 4 : 40);
        sb.append(k == 0 ? "\uD83D\uDE00" : k == 1 ? "\uD83D" : k == 2 ? "\u4e2d" : "a");
      }
      String text = sb.toString();
      CodePoints cps = CodePoints.of(text);
      java.util.List<Integer> at = new java.util.ArrayList<>();
      for (int edge = 8191; edge < text.length() + 3 * 8192; edge += 8191) {
        for (int d = -4; d <= 4; d++) {
          at.add(edge + d);
          at.add(edge + (edge / 8191) * 1 + d);
        }
      }
      for (int i = 0; i < 200; i++) {
        at.add(rnd.nextInt(text.length() + 1));
      }
      int codePoints = text.codePointCount(0, text.length());
      for (int u : at) {
        if (u >= 0 && u <= text.length()) {
          assertThat("@" + u, cps.toCodePoint(u), is(text.codePointCount(0, u)));
        }
        if (u >= 0 && u <= codePoints) {
          assertThat("cp " + u, cps.toUtf16(u), is(text.offsetByCodePoints(0, u)));
        }
      }
    }
  }
}
