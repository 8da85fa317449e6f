package io.provenir.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.is;

import io.provenir.record.Finding;
import io.provenir.scan.Category;
import java.util.List;
import org.junit.Test;

public class TallyTest {

  private static final Finding EMAIL =
      new Finding("/messages/3/content", "EMAIL", Category.PII, 0, 5, "email", null);
  private static final Finding KEY =
      new Finding("/prompt", "AWS_ACCESS_KEY", Category.SECRET, 0, 20, "aws", "00ff");

  @Test
  public void countsOutcomesFindingsAndFields() {
    Tally t = new Tally();
    t.addSourceLines("a.jsonl", 10, 1, 500);
    t.addClean(List.of(EMAIL, EMAIL), true);
    t.addClean(List.of(), false);
    t.addQuarantined(List.of(KEY, EMAIL));
    t.addDeadLetter("invalid_json");
    assertThat(t.inputLines(), is(10L));
    assertThat(t.clean(), is(2L));
    assertThat(t.masked(), is(1L));
    assertThat(t.piiRecords(), is(2L));
    assertThat(t.piiFindings(), is(3L));
    assertThat(t.secretRecords(), is(1L));
    assertThat(t.piiFields(), hasEntry("/messages/*/content", 3L));
    assertThat(t.deadLetterByError(), hasEntry("invalid_json", 1L));
    assertThat(t.reconciles(), is(false)); // 10 != 2 + 1 + 1 + 1
  }

  @Test
  public void mergeIsOrderIndependentAndSerialisable() {
    Tally a = new Tally();
    a.addSourceLines("a.jsonl", 3, 0, 30);
    a.addClean(List.of(EMAIL), true);
    Tally b = new Tally();
    b.addSourceLines("a.jsonl", 2, 1, 20);
    b.addQuarantined(List.of(KEY));
    b.addSourceLines("b.jsonl", 1, 0, 10);
    b.addDeadLetter("not_an_object");
    Tally ab = new Tally().merge(a).merge(b);
    Tally ba = new Tally().merge(b).merge(a);
    assertThat(ab, is(ba));
    assertThat(Tally.fromJsonBytes(ab.toJsonBytes()), is(ab));
    assertThat(ab.inputLines(), is(6L));
    assertThat(ab.sources().get("a.jsonl")[0], is(5L));
  }
}
