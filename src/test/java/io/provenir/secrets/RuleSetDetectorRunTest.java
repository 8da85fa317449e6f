package io.provenir.secrets;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import io.provenir.scan.Detection;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.Test;

/** The minimum-token-run pre-filter skips rules whose keyword is common in prose. */
public class RuleSetDetectorRunTest {

  @Test
  public void aRuleWithAMinimumRunStillFindsLongTokensAndSkipsProse() {
    SecretRule rule = new SecretRule("T", "t", List.of("."),
        Pattern.compile("(?<![A-Za-z0-9])([A-Z][a-z0-9]{20}\\.[a-z0-9]{4})"), 1, 0, null, 90)
        .withMinRun(21);
    RuleSetDetector d = new RuleSetDetector(List.of(rule));
    List<Detection> out = new ArrayList<>();
    d.find("The end. Another sentence. Then Xabcdefghij0123456789.k3y9 here.", out);
    assertThat(out, hasSize(1));
    assertThat(out.get(0).start(), is(32));
    List<Detection> none = new ArrayList<>();
    d.find("Short words. Only prose. Nothing long enough.", none);
    assertThat(none, hasSize(0));
  }
}
