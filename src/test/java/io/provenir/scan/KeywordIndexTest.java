package io.provenir.scan;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.Test;

public class KeywordIndexTest {

  private static boolean has(long[] bits, int id) {
    return bits != null && (bits[id >>> 6] & (1L << id)) != 0;
  }

  @Test
  public void findsEveryKeywordInOnePassIgnoringCase() {
    KeywordIndex idx = new KeywordIndex(List.of("ghp_", "gho_", "xox", "key-", "ho"));
    long[] hit = idx.match("a GHO_ token and a monkey-wrench");
    assertThat(has(hit, 0), is(false));
    assertThat(has(hit, 1) && has(hit, 3) && has(hit, 4), is(true));
    assertThat(has(hit, 2), is(false));
    assertThat(idx.match("nothing here"), is(nullValue()));
  }

  @Test
  public void idsBeyondOneWordOfBits() {
    List<String> many = new java.util.ArrayList<>();
    for (int i = 0; i < 150; i++) {
      many.add("kw" + i + ";");
    }
    long[] hit = new KeywordIndex(many).match("x KW149; y kw3; KW64;");
    for (int i = 0; i < 150; i++) {
      assertThat("kw" + i, has(hit, i), is(i == 149 || i == 3 || i == 64));
    }
  }

  /**
   * The index answers exactly what {@code text.toLowerCase(Locale.ROOT).contains(keyword)}
   * answers, on strings mixing keyword letters in both cases with non-ASCII characters, among
   * them the two that lower-case to ASCII (the Kelvin sign to k, capital I with a dot to i and a
   * combining dot), with one-char keywords, an upper-case keyword and a keyword given twice.
   */
  @Test
  public void agreesWithLowerCaseContainsOnRandomText() {
    List<String> keywords = List.of("key", "secret", "token", "pass", "pwd", "auth", "_pw",
        "s.", "sk", "kid", "ik", "i", "ki", ".", "K", "_", "y", ".");
    KeywordIndex idx = new KeywordIndex(keywords);
    String alphabet = "keyKEYsecrtSECRTtonTONpaswdPASWD_.iIaA \u212A\u0130\u00e9\u0131\uD83D\uDE00";
    Random rnd = new Random(42);
    for (int round = 0; round < 20_000; round++) {
      StringBuilder sb = new StringBuilder();
      int len = rnd.nextInt(12);
      for (int i = 0; i < len; i++) {
        sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
      }
      String text = sb.toString();
      String lower = text.toLowerCase(Locale.ROOT);
      long[] hit = idx.match(text);
      for (int k = 0; k < keywords.size(); k++) {
        assertThat(text + " / " + keywords.get(k), has(hit, k),
            is(lower.contains(keywords.get(k).toLowerCase(Locale.ROOT))));
      }
    }
  }

  /**
   * Strings in which keywords end more often than the profile's ring of keyword ends holds (it then
   * walks the string again): the answer is the same.
   */
  @Test
  public void stringsWithMoreKeywordEndsThanTheRingHolds() {
    List<String> keywords = List.of(".", "s.", "secret", "token", "key", "zz");
    KeywordIndex idx = new KeywordIndex(keywords);
    Random rnd = new Random(3);
    String alphabet = "s. keySECRETtokn\u212A\u0130";
    for (int round = 0; round < 50; round++) {
      StringBuilder sb = new StringBuilder();
      int len = KeywordIndex.RING * (1 + rnd.nextInt(4));
      for (int i = 0; i < len; i++) {
        sb.append(alphabet.charAt(rnd.nextInt(round % 2 == 0 ? 16 : alphabet.length())));
      }
      String text = sb.toString();
      String lower = text.toLowerCase(Locale.ROOT);
      long[] hit = idx.match(text);
      for (int k = 0; k < keywords.size(); k++) {
        assertThat(keywords.get(k), has(hit, k), is(lower.contains(keywords.get(k))));
      }
    }
    String dots = ".".repeat(3 * KeywordIndex.RING) + " a secret";
    long[] hit = idx.match(dots);
    assertThat(has(hit, 0) && has(hit, 2) && !has(hit, 1) && !has(hit, 3), is(true));
  }
}
