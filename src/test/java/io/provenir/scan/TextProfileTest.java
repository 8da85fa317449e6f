package io.provenir.scan;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.List;
import org.junit.Test;

public class TextProfileTest {

  @Test
  public void countsDigitsAndNotesMarkers() {
    TextProfile p = TextProfile.of("call 415.555.0132 or a@b.io: ٣");
    assertThat(p.digits(), is(10)); // ASCII digits only
    assertThat(p.hasAt(), is(true));
    assertThat(p.hasDot(), is(true));
    assertThat(p.hasColon(), is(true));
    TextProfile none = TextProfile.of("no markers here");
    assertThat(none.digits(), is(0));
    assertThat(none.hasAt() || none.hasDot() || none.hasColon(), is(false));
  }

  @Test
  public void longestTokenRunCountsTokenCharacters() {
    assertThat(TextProfile.of("a bb ccc_d-e. f").longestTokenRun(), is(7));
    assertThat(TextProfile.of("key: ab+c/d=e").longestTokenRun(), is(6)); // base64's + and /
    assertThat(TextProfile.of("").longestTokenRun(), is(0));
    assertThat(TextProfile.of("abc\u00e9abcd").longestTokenRun(), is(4)); // non-ASCII ends a run
  }

  @Test
  public void keywordsAreAnsweredForTheDetectorBeingAsked() {
    KeywordIndex idx = new KeywordIndex(List.of("curl", "-u", "key", "token", "secret"));
    TextProfile p = TextProfile.of("curl -u x:y and a TOKEN", idx);
    assertThat(p.keyword(0) && p.keyword(1) && !p.keyword(2) && p.keyword(3), is(true));
    assertThat(p.nextKeyword(0, 5), is(0));
    assertThat(p.nextKeyword(2, 5), is(3));
    assertThat(p.nextKeyword(4, 5), is(-1));
    p.forKeywordsAt(2); // a detector whose keywords are key, token, secret
    assertThat(p.keyword(0), is(false));
    assertThat(p.keyword(1), is(true));
    assertThat(p.anyKeyword(0, 3), is(true));
    assertThat(p.nextKeyword(0, 3), is(1));
    assertThat(p.anyKeyword(2, 3), is(false));
    assertThat(TextProfile.of("nothing", idx).anyKeyword(0, 5), is(false));
  }

  /**
   * {@link TextProfile#nextDigitRun} and {@link TextProfile#digitRunEnd} walk the runs {@link
   * TextProfile#digitsInOneRun} counts (the phone detector looks only inside them): checked
   * against a plain walk of the runs on generated strings of digits, number punctuation, letters
   * and the no-break space.
   */
  @Test
  public void digitRunsAreTheRunsDigitsInOneRunCounts() {
    String alphabet = "0123456789 .-()/+\u00a0ab,:\u00e9";
    java.util.Random rnd = new java.util.Random(11);
    for (int round = 0; round < 20_000; round++) {
      StringBuilder sb = new StringBuilder();
      int len = rnd.nextInt(40);
      for (int i = 0; i < len; i++) {
        // mostly digits, so that runs of every digit count occur
        sb.append(alphabet.charAt(rnd.nextInt(3) == 0 ? rnd.nextInt(alphabet.length())
            : rnd.nextInt(10)));
      }
      String text = sb.toString();
      int min = 1 + rnd.nextInt(9);
      // The runs, by a plain walk: maximal stretches of [0-9 .()/+-] and the no-break space.
      List<int[]> runs = new java.util.ArrayList<>();
      int best = 0;
      for (int i = 0; i < text.length(); ) {
        if (!isNumberChar(text.charAt(i))) {
          i++;
          continue;
        }
        int e = i;
        int digits = 0;
        while (e < text.length() && isNumberChar(text.charAt(e))) {
          digits += Character.isDigit(text.charAt(e)) && text.charAt(e) < 128 ? 1 : 0;
          e++;
        }
        best = Math.max(best, digits);
        if (digits >= min) {
          runs.add(new int[] {i, e});
        }
        i = e;
      }
      assertThat(text, TextProfile.of(text).digitsInOneRun(), is(best));
      int r = 0;
      for (int s = TextProfile.nextDigitRun(text, 0, min); s >= 0; r++) {
        int e = TextProfile.digitRunEnd(text, s);
        assertThat(text + " run " + r, r < runs.size(), is(true));
        assertThat(text + " run " + r, new int[] {s, e}, is(runs.get(r)));
        s = TextProfile.nextDigitRun(text, e, min);
      }
      assertThat(text, r, is(runs.size()));
    }
  }

  private static boolean isNumberChar(char c) {
    return c >= '0' && c <= '9' || " .-()/+\u00a0".indexOf(c) >= 0;
  }
  /**
   * The profile of a string with and without keywords agrees with plain walks and with {@code
   * toLowerCase(Locale.ROOT).contains}, on generated strings of up to 400 chars mixing keywords,
   * token runs, digits, markers and non-ASCII chars (now and then one that lower-cases to an ASCII
   * letter).
   */
  @Test
  public void agreesWithPlainWalksOnShortAndLongStrings() {
    List<String> keywords = List.of("secret", "token", "-----begin", "ghp_", ":", "s.", "x");
    KeywordIndex idx = new KeywordIndex(keywords);
    String alphabet = "secrtoknSECRTOKN-----begin ghp_:.@x0123456789+/=\u00e9\u00a0 ";
    java.util.Random rnd = new java.util.Random(5);
    for (int round = 0; round < 20_000; round++) {
      StringBuilder sb = new StringBuilder();
      int len = rnd.nextInt(round % 3 == 0 ? 40 : 400);
      boolean folds = rnd.nextInt(20) == 0;
      for (int i = 0; i < len; i++) {
        sb.append(folds && rnd.nextInt(50) == 0 ? '\u212A'
            : rnd.nextInt(10) == 0 ? keywords.get(rnd.nextInt(keywords.size()))
            : String.valueOf(alphabet.charAt(rnd.nextInt(alphabet.length()))));
      }
      String text = sb.toString();
      int digits = 0;
      int best = 0;
      int run = 0;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        digits += c >= '0' && c <= '9' ? 1 : 0;
        run = TextProfile.isTokenChar(c) ? run + 1 : 0;
        best = Math.max(best, run);
      }
      String lower = text.toLowerCase(java.util.Locale.ROOT);
      for (TextProfile p : List.of(TextProfile.of(text), TextProfile.of(text, idx))) {
        assertThat(text, p.digits(), is(digits));
        assertThat(text, p.longestTokenRun(), is(best));
        assertThat(text, p.hasAt(), is(text.indexOf('@') >= 0));
        assertThat(text, p.hasDot(), is(text.indexOf('.') >= 0));
        assertThat(text, p.hasColon(), is(text.indexOf(':') >= 0));
      }
      TextProfile p = TextProfile.of(text, idx);
      for (int k = 0; k < keywords.size(); k++) {
        assertThat(text + " / " + keywords.get(k), p.keyword(k), is(lower.contains(keywords.get(k))));
      }
    }
  }
}
