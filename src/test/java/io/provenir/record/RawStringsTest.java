package io.provenir.record;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.Test;

public class RawStringsTest {

  /** Byte offset of UTF-16 index {@code u} of {@code s} written as a JSON string body. */
  private static int naive(String s, int u) {
    return RawStrings.jsonEscape(s.substring(0, u)).getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  public void bytePositionsInAnyOrderMatchTheByteLengthOfEachPrefix() {
    Random r = new Random(42);
    StringBuilder sb = new StringBuilder();
    String[] parts = {"a", "é", "€", "😀", "\"", "\\", "\n", " ", "7"};
    for (int i = 0; i < 2000; i++) {
      sb.append(parts[r.nextInt(parts.length)]);
    }
    String s = sb.toString();
    byte[] raw = ("{\"t\":\"" + RawStrings.jsonEscape(s) + "\"}").getBytes(StandardCharsets.UTF_8);
    int quote = 5;
    int[] utf16 = new int[300];
    for (int k = 0; k < utf16.length; k++) {
      int u;
      do {
        u = r.nextInt(s.length() + 1);
      } while (u > 0 && u < s.length() && Character.isLowSurrogate(s.charAt(u)));
      utf16[k] = u;
    }
    int[] pos = RawStrings.bytePositions(raw, quote, utf16);
    for (int k = 0; k < utf16.length; k++) {
      assertThat("index " + utf16[k], pos[k], is(quote + 1 + naive(s, utf16[k])));
    }
  }

  /** Plain ASCII up to the last position asked for (read eight bytes at a time), or not. */
  @Test
  public void plainAsciiBeforeTheLastPositionAndEscapesAfterIt() {
    String s = "abcdefghij".repeat(6) + "\"q\\" + "é" + "klmnopqrst".repeat(3);
    byte[] raw = ("{\"t\":\"" + RawStrings.jsonEscape(s) + "\"}").getBytes(StandardCharsets.UTF_8);
    for (int last = 0; last <= s.length(); last++) {
      int[] utf16 = {last, last / 2, 0, last / 3};
      int[] pos = RawStrings.bytePositions(raw, 5, utf16);
      for (int k = 0; k < utf16.length; k++) {
        assertThat("index " + utf16[k], pos[k], is(6 + naive(s, utf16[k])));
      }
    }
  }
}
