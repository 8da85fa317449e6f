package io.provenir.record;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.provenir.pii.PiiDetectors;
import io.provenir.scan.Detector;
import io.provenir.scan.TextScanner;
import io.provenir.secrets.SecretDetectors;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class TextRedactorTest {

  private static final TextRedactor REDACTOR;

  static {
    List<Detector> all = new ArrayList<>(PiiDetectors.all());
    all.addAll(SecretDetectors.all());
    REDACTOR = new TextRedactor(new TextScanner(all));
  }

  @Test
  public void redactsThenTruncates() {
    TextRedactor.Result r = REDACTOR.redact(
        "{\"k\": AKIAQX4BZ7MNPL2WRT5K, \"mail\": \"jane@example.com\"", 1000, false);
    assertThat(r.text(), is("{\"k\": [SECRET:AWS_ACCESS_KEY], \"mail\": \"[EMAIL]\""));
    assertThat(r.truncated(), is(false));
  }

  @Test
  public void neverLeavesTheStartOfATokenAtTheCut() {
    String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ8vN3qL1p";
    String line = "aws_secret_access_key = " + secret + " and more text";
    for (int max = 1; max < line.length(); max++) {
      TextRedactor.Result r = REDACTOR.redact(line, max, false);
      assertThat(r.text(), not(containsString(secret.substring(0, 6))));
    }
  }

  @Test
  public void aPrefixOfALongerLineLosesItsLastToken() {
    // The prefix ends inside a key that was too long to be read whole: drop that fragment.
    TextRedactor.Result r = REDACTOR.redact("{\"k\": \"ghp_Q8w2E4r6T8y0", 1000, true);
    assertThat(r.text(), is("{\"k\": \""));
    assertThat(r.truncated(), is(true));
  }
}
