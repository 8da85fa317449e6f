package io.provenir.record;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

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

  /**
   * A value written with JSON escapes (an invalid line keeps them) is found as the parsed record
   * would spell it, and the escaped text that spells it is what gets redacted.
   */
  @Test
  public void escapesCannotHideAValue() {
    String[][] cases = {
      {"{\"p\": \"jane.doe.4821\\u0040examplecorp.com\"", "{\"p\": \"[EMAIL]\""},
      {"{\"p\": \"k AKIAZDOCIS2JHTLG\\u004dXGE\"", "{\"p\": \"k [SECRET:AWS_ACCESS_KEY]\""},
      {"{\"p\": \"db postgres:\\/\\/admin:Vq7mZ2pL9xwKk@localhost:5432\\/prod\"",
        "{\"p\": \"db postgres:\\/\\/[SECRET:URL_CREDENTIALS]@localhost:5432\\/prod\""},
      {"{\"p\": \"config: {\\\"password\\\": \\\"Vq7mZ2pL9xwKk3\\\"}\"",
        "{\"p\": \"config: {\\\"password\\\": \\\"[SECRET:PASSWORD]\\\"}\""},
      {"C:\\Users\\jane\\q.txt \\x jane@example.com", "C:\\Users\\jane\\q.txt \\x [EMAIL]"},
    };
    for (String[] c : cases) {
      assertThat(c[0], REDACTOR.redact(c[0], 1000, false).text(), is(c[1]));
    }
  }

  /**
   * A secret may hold any punctuation, or be written with JSON escapes, and the cut may fall
   * anywhere in it: nothing of the run of non-blank chars it falls in is kept.
   */
  @Test
  public void theCutKeepsNothingOfTheRunItFallsIn() {
    // each value, and the start of its secret part, which no cut may leave behind
    String[][] values = {{"postgres://admin:Tr0ub4dor&3xYz9@db.internal:5432/prod", "Tr0"},
        {"ghp_Q8xZ3mT7\\u006bLp2Wq9Rt4Yu6Io8Pa0Sd2Fg4Hj6", "Q8x"},
        {"pw \\\"hunter2!Qx#7$zz\\\"", "hun"}, {"jane.leaky\\u0040corp-example.net", "jan"}};
    for (String[] v : values) {
      String line = "{\"id\": 1, \"text\": \"note: " + v[0] + " end\"}";
      int at = line.indexOf(v[0]);
      for (int max = at + 1; max < at + v[0].length(); max++) {
        String text = REDACTOR.redact(line.substring(0, max), 1000, true).text();
        assertThat(v[0] + " cut at " + max, text, not(containsString(v[1])));
        assertThat(text, startsWith(line.substring(0, at)));
      }
    }
    // a number in groups after a quote loses every group too
    assertThat(REDACTOR.redact("{\"p\": \"4539 5787 6362 1", 1000, true).text(), is("{\"p\": \""));
  }

  /**
   * A number written in groups that the end of the kept prefix cut short (too short to be
   * recognised) loses every group, not just the last.
   */
  @Test
  public void aCutNumberLosesAllItsGroups() {
    assertThat(REDACTOR.redact("{\"p\": \"card 4539 5787 6362 1", 1000, true).text(),
        is("{\"p\": \"card "));
    assertThat(REDACTOR.redact("{\"p\": \"ssn 219 09 ", 1000, true).text(),
        is("{\"p\": \"ssn "));
    assertThat(REDACTOR.redact("{\"p\": \"call (415) 555-01", 1000, true).text(),
        is("{\"p\": \"call "));
    assertThat(REDACTOR.redact("{\"p\": \"version v1.2 and abc-123 then 42x", 1000, true).text(),
        is("{\"p\": \"version v1.2 and abc-123 then "));
  }
}
