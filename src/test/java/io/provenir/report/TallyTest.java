package io.provenir.report;

import io.provenir.decontam.Decontaminator;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
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

  /**
   * A field name of pages of text is counted under its start and length, and the tally still
   * reads back from its JSON (Jackson refuses field names over 50,000 chars by default, which
   * failed a run on a record with such a key).
   */
  @Test
  public void longFieldNamesAreAbbreviatedAndTheTallyStillReadsBack() {
    String key = "k".repeat(60_000);
    Tally t = new Tally();
    t.addSourceLines("a.jsonl", 1, 0, 60_100);
    t.addClean(List.of(new Finding("/" + key + "/3", "EMAIL", Category.PII, 0, 6, "email", null)),
        true);
    String field = "/" + "k".repeat(179) + "\u2026[60003 chars]";
    assertThat(t.piiFields(), hasEntry(field, 1L));
    assertThat(Tally.fromJsonBytes(t.toJsonBytes()), is(t));
    assertThat(io.provenir.record.JsonPointers.forReport("/messages/3/content"),
        is("/messages/*/content"));
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

  @Test
  public void contaminatedRecordsReconcileAndBenchmarkStatsMerge() {
    Decontaminator.Verdict both = new Decontaminator.Verdict(List.of(
        new Decontaminator.Match("gsm8k", "t-1", 0.97, 5, 5, "both"),
        new Decontaminator.Match("mmlu", "m-1", 0.81, 0, 9, "semantic")), "gsm8k", 0.97, 2);
    Decontaminator.Verdict ngram = new Decontaminator.Verdict(List.of(
        new Decontaminator.Match("gsm8k", "t-1", 0.5, 2, 5, "ngram")), "gsm8k", 0.5, 1);
    Decontaminator.Verdict clean = new Decontaminator.Verdict(List.of(), "mmlu", 0.31, 1);
    Tally a = new Tally();
    a.addSourceLines("a.jsonl", 3, 0, 30);
    a.addDecontamChecked(both);
    a.addContaminated(List.of(EMAIL), both);
    a.addDecontamChecked(clean);
    a.addClean(List.of(), false);
    Tally b = new Tally();
    b.addDecontamChecked(ngram);
    b.addContaminated(List.of(), ngram);
    b.setBenchmarkItems(java.util.Map.of("gsm8k", 1319, "mmlu", 100));
    Tally merged = Tally.fromJsonBytes(new Tally().merge(a).merge(b).toJsonBytes());
    assertThat(merged.contaminated(), is(2L));
    assertThat(merged.reconciles(), is(true)); // 3 == 1 clean + 2 contaminated
    assertThat(merged.decontamChecked(), is(3L));
    assertThat(merged.itemsHit().get("gsm8k").size(), is(1));
    assertThat(merged.itemsHit().get("mmlu").size(), is(1));
    assertThat(merged.benchmarkRecords().get("gsm8k")[0], is(2L));
    assertThat(merged.benchmarkRecords().get("gsm8k")[2], is(1L)); // n-gram only
    assertThat(merged.benchmarkRecords().get("gsm8k")[3], is(1L)); // both
    assertThat(merged.benchmarkRecords().get("mmlu")[1], is(1L)); // semantic only
    assertThat(merged.histograms().get("gsm8k")[19], is(1L)); // 0.97
    assertThat(merged.histograms().get("gsm8k")[10], is(1L)); // 0.5
    assertThat(merged.histograms().get("mmlu")[6], is(1L)); // 0.31
    assertThat(merged.benchmarkItems().get("gsm8k"), is(1319L));
    assertThat(merged.piiFindings(), is(1L));
    assertThat(merged, equalTo(new Tally().merge(b).merge(a)));
  }

  @Test
  public void cleanContentHashIsTheSumOfLineHashesModTwoTo256InAnyOrderAndSurvivesJson()
      throws Exception {
    List<byte[]> lines = new java.util.ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      lines.add(("{\"n\":" + i + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    java.math.BigInteger sum = java.math.BigInteger.ZERO;
    for (byte[] l : lines) {
      sum = sum.add(new java.math.BigInteger(1,
          java.security.MessageDigest.getInstance("SHA-256").digest(l)));
    }
    String expected = String.format("sha256-sum:%064x",
        sum.mod(java.math.BigInteger.ONE.shiftLeft(256)));
    Tally a = new Tally();
    Tally b = new Tally();
    for (int i = 0; i < lines.size(); i++) {
      (i % 3 == 0 ? a : b).addCleanContent(lines.get(lines.size() - 1 - i));
    }
    Tally merged = Tally.fromJsonBytes(a.toJsonBytes());
    merged.merge(Tally.fromJsonBytes(b.toJsonBytes()));
    assertThat(merged.cleanContentHash(), is(expected));
  }
}
