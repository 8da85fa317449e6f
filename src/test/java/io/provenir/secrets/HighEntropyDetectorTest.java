package io.provenir.secrets;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import io.provenir.scan.Detection;
import io.provenir.scan.KeywordIndex;
import io.provenir.scan.TextProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.Test;

public class HighEntropyDetectorTest {

  /**
   * The profile pre-filter (a long enough token run and a key word) passes every string in which
   * the detector finds something: random tokens around the minimum length, with and without
   * base64 padding (which counts towards the length but is not a token char), trimmed
   * punctuation, after key words.
   */
  @Test
  public void theProfilePreFilterPassesEveryStringWithAFinding() {
    HighEntropyDetector d = new HighEntropyDetector();
    KeywordIndex index = new KeywordIndex(d.keywords());
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-";
    String[] before = {"api_key = ", "secret: ", "the token ", "password=\"", "auth ", "-"};
    String[] after = {"", " ", "\"", "\n", "_", "==x", "/"};
    String[] pads = {"", "", "=", "=="};
    Random rnd = new Random(9);
    int found = 0;
    for (int r = 0; r < 30_000; r++) {
      StringBuilder token = new StringBuilder();
      int n = 15 + rnd.nextInt(10);
      for (int i = 0; i < n; i++) {
        token.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
      }
      String text = before[rnd.nextInt(before.length)] + token + pads[rnd.nextInt(pads.length)]
          + after[rnd.nextInt(after.length)];
      List<Detection> out = new ArrayList<>();
      d.find(text, out);
      if (!out.isEmpty()) {
        found++;
        assertThat(text, d.mayMatch(text, TextProfile.of(text, index)), is(true));
      }
    }
    assertThat(found, greaterThan(3_000));
  }
}
