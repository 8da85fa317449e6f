package io.provenir.pii;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;

import io.provenir.scan.Detector;
import io.provenir.scan.TextScanner;
import io.provenir.secrets.SecretDetectors;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/**
 * Inputs built to make regex engines backtrack: every detector must finish on them (a
 * catastrophic pattern would not finish at all on a megabyte). No timing is asserted.
 */
public class HostileInputTest {

  private static TextScanner everything() {
    List<Detector> all = new ArrayList<>(PiiDetectors.all());
    all.addAll(SecretDetectors.all());
    return new TextScanner(all);
  }

  @Test
  public void oneMegabyteOfDigitsAndDots() {
    StringBuilder sb = new StringBuilder(1_000_010);
    int i = 0;
    while (sb.length() < 1_000_000) {
      sb.append(i++ % 10);
      if (i % 3 == 0) {
        sb.append('.');
      }
    }
    assertThat(everything().scan(sb.toString()), empty());
  }

  @Test
  public void oneMegabyteOfDigits() {
    // a card, SSN or phone is never part of a longer digit run
    assertThat(everything().scan("4" + "1".repeat(1_000_000)), empty());
  }

  @Test
  public void oneMegabyteOfKeyLikeCharacters() {
    String s = "api_key=" + "aB3-".repeat(250_000);
    // one token far longer than any key: not reported, and the scan completes
    assertThat(everything().scan(s), empty());
  }

  @Test
  public void manySeparatedCandidatesAreAllFound() {
    String s = "card 4111 1111 1111 1111 ".repeat(20_000);
    assertThat(everything().scan(s), hasSize(20_000));
  }
}
