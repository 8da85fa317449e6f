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
}
