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
  public void oneMegabyteOfSecretRulePrefixesAndAssignments() {
    TextScanner all = everything();
    // each of these repeats a rule's keyword a hundred thousand times without ever completing it
    for (String unit : new String[] {"password=", "xoxb-1-", "eyJa.", "-----BEGIN PRIVATE KEY-----",
        "AKIA", "ghp_", "api_key: ", "s.", "://a:", "-u a:", "AIza", "hooks.slack.com/services/"}) {
      String s = unit.repeat(1_000_000 / unit.length());
      all.scan(s); // must finish; no assertion on what it finds in such noise
    }
    assertThat(all.scan("Q~".repeat(500_000)), empty());
  }

  @Test
  public void manySeparatedCandidatesAreAllFound() {
    String s = "card 4111 1111 1111 1111 ".repeat(20_000);
    assertThat(everything().scan(s), hasSize(20_000));
  }
}
