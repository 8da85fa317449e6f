package io.provenir.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class LineReaderTest {

  /** Lines as "offset:text" (oversize lines as "offset:text...(length)"), blank as "offset:". */
  private static List<String> read(byte[] data, long start, long end, long max) throws IOException {
    ByteArrayInputStream in = new ByteArrayInputStream(data);
    long from = start > 0 ? start - 1 : 0;
    in.skip(from);
    LineReader r = new LineReader(in, from, max, 4);
    List<String> out = new ArrayList<>();
    if (start > 0 && !r.skipPastNewline()) {
      return out;
    }
    while (r.position() < end && r.next()) {
      String text = new String(r.bytes(), StandardCharsets.UTF_8);
      out.add(r.offset() + ":" + text + (r.oversize() ? "...(" + r.length() + ")" : ""));
    }
    return out;
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  public void splitsLinesWithOffsetsAndDropsCrOfCrlf() throws IOException {
    assertThat(read(b("ab\r\ncd\n\nef"), 0, Long.MAX_VALUE, 100),
        contains("0:ab", "4:cd", "7:", "8:ef"));
  }

  @Test
  public void skipsUtf8ByteOrderMarkAtFileStart() throws IOException {
    byte[] data = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'x', '\n', 'y'};
    assertThat(read(data, 0, Long.MAX_VALUE, 100), contains("3:x", "5:y"));
  }

  /** Files joined with cat: a mark starting a line inside the stream is skipped too. */
  @Test
  public void skipsAByteOrderMarkStartingALineInsideTheStream() throws IOException {
    byte[] data = {'x', '\n', (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'y', '\n', 'z'};
    assertThat(read(data, 0, Long.MAX_VALUE, 100), contains("0:x", "2:y", "7:z"));
  }

  /** The CR of a CRLF ending does not count toward the limit; any other byte does. */
  @Test
  public void theCrOfACrlfEndingIsNotCountedTowardTheLimit() throws IOException {
    assertThat(read(b("abcde\r\nabcdef\r\nabcdef\nabcde\n"), 0, Long.MAX_VALUE, 5),
        contains("0:abcde", "7:abcd...(6)", "15:abcd...(6)", "22:abcde"));
    assertThat(read(b("abcd\rx\n"), 0, Long.MAX_VALUE, 5), contains("0:abcd...(6)"));
  }

  @Test
  public void keepsOnlyAPrefixOfOversizeLines() throws IOException {
    assertThat(read(b("short\n0123456789abcdef\nok\n"), 0, Long.MAX_VALUE, 8),
        contains("0:short", "6:0123...(16)", "23:ok"));
  }

  @Test
  public void skipsWholeLinesToResumeAtTheFirstLineStartingAtOrAfterATarget() throws IOException {
    byte[] data = b("ab\ncdef\n\ngh\nij");
    // Lines start at 0, 3, 8, 9, 12: resuming at 4 skips the two lines that start before it.
    LineReader r = new LineReader(new ByteArrayInputStream(data), 0, 100, 4);
    assertThat(r.skipLinesBefore(4), is(2L));
    assertThat(r.next(), is(true));
    assertThat(r.offset(), is(8L));
    assertThat(r.blank(), is(true));
    // At a line start already: nothing skipped.
    assertThat(r.skipLinesBefore(9), is(0L));
    assertThat(r.next(), is(true));
    assertThat(new String(r.bytes(), StandardCharsets.UTF_8), is("gh"));
    // Past the end: the last (unterminated) line is skipped and nothing is left.
    assertThat(r.skipLinesBefore(100), is(0L));
    assertThat(r.next(), is(false));
  }

  @Test
  public void rangesReadEachLineExactlyOnce() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      sb.append("{\"n\":").append(i).append(",\"pad\":\"").append("x".repeat(i % 37)).append("\"}\n");
    }
    byte[] data = b(sb.toString());
    for (int split : new int[] {7, 64, 100, 1000, 4096}) {
      List<String> all = new ArrayList<>();
      for (long s = 0; s < data.length; s += split) {
        long e = Math.min(data.length, s + split);
        all.addAll(read(data, s, e == data.length ? Long.MAX_VALUE : e, 1 << 20));
      }
      assertThat("split " + split, all, is(read(data, 0, Long.MAX_VALUE, 1 << 20)));
    }
  }

  @Test
  public void blankDetectsWhitespaceOnlyLines() throws IOException {
    LineReader r = new LineReader(new ByteArrayInputStream(b(" \t \nx\n")), 0, 100, 10);
    r.next();
    assertThat(r.blank(), is(true));
    r.next();
    assertThat(r.blank(), is(false));
    assertThat(r.next(), is(false));
  }

  /**
   * The word-at-a-time search finds what a byte loop finds, wherever the byte sits in a word, for
   * every range, with bytes that differ from the one sought by one bit or a borrow (0x09, 0x0B,
   * 0x8A, 0x00, 0xFF) all around it.
   */
  @Test
  public void wordAtATimeSearchFindsTheFirstByteLikeALoop() {
    java.util.Random random = new java.util.Random(7);
    byte[] alphabet = {'\n', '\t', 0x0B, (byte) 0x8A, 0, (byte) 0xFF, 'a', '\r', '{', '"'};
    for (int round = 0; round < 20_000; round++) {
      byte[] b = new byte[random.nextInt(40)];
      for (int i = 0; i < b.length; i++) {
        b[i] = random.nextInt(4) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) 'x';
      }
      int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
      int to = from + random.nextInt(b.length - from + 1);
      byte v = alphabet[random.nextInt(alphabet.length)];
      int expected = -1;
      for (int i = from; i < to; i++) {
        if (b[i] == v) {
          expected = i;
          break;
        }
      }
      assertThat(LineReader.indexOf(b, from, to, v), is(expected));
    }
  }
}
