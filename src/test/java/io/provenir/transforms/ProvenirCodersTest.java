package io.provenir.transforms;

import io.provenir.decontam.Decontaminator;
import io.provenir.decontam.EvalEntry;
import io.provenir.decontam.EvalIndex;
import io.provenir.decontam.Ngrams;
import org.apache.beam.sdk.util.CoderUtils;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import io.provenir.record.DeadLetter;
import io.provenir.record.Finding;
import io.provenir.record.JsonlLine;
import io.provenir.record.JsonlRecord;
import io.provenir.record.SourceRef;
import io.provenir.report.Tally;
import io.provenir.scan.Category;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.beam.sdk.testing.CoderProperties;
import org.junit.Test;

public class ProvenirCodersTest {

  private static final SourceRef REF = new SourceRef("data/a.jsonl", 3, 120);

  @Test
  public void recordsRoundTrip() throws Exception {
    byte[] raw = "{\"id\":\"x\",\"t\":\"jane@example.com\"}".getBytes(StandardCharsets.UTF_8);
    JsonlRecord r = new JsonlRecord(REF, "x", raw, List.of(
        new Finding("/t", "EMAIL", Category.PII, 0, 16, "email", null),
        new Finding("/t", "X", Category.SECRET, 1, 2, "x", "00ff00ff00ff00ff")), null);
    CoderProperties.coderDecodeEncodeEqual(ProvenirCoders.JsonlRecordCoder.of(), r);
    CoderProperties.coderDecodeEncodeEqual(ProvenirCoders.JsonlRecordCoder.of(),
        r.withOutput("{}".getBytes(StandardCharsets.UTF_8)));
    CoderProperties.coderDeterministic(ProvenirCoders.JsonlRecordCoder.of(), r, r);
    Decontaminator.Verdict v = new Decontaminator.Verdict(List.of(
        new Decontaminator.Match("gsm8k", "t-1", 0.91, 3, 30, "both"),
        new Decontaminator.Match("mmlu", "m-2", Double.NaN, 1, 1, "ngram")), "gsm8k", 0.91, 4);
    CoderProperties.coderDecodeEncodeEqual(ProvenirCoders.JsonlRecordCoder.of(),
        r.withDecontamination(v));
    CoderProperties.coderDecodeEncodeEqual(ProvenirCoders.JsonlRecordCoder.of(),
        r.withDecontamination(new Decontaminator.Verdict(List.of(), null, Double.NaN, 0)));
  }

  @Test
  public void linesDeadLettersRangesAndTalliesRoundTrip() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(ProvenirCoders.JsonlLineCoder.of(),
        new JsonlLine(new SourceRef("b", 0, 1L << 40), new byte[] {1, 2}, 9, true));
    CoderProperties.coderDecodeEncodeEqual(ProvenirCoders.DeadLetterCoder.of(),
        new DeadLetter(REF, null, "ParseRecords", "invalid_json", "m", "raw", true, 99));
    CoderProperties.coderDecodeEncodeEqual(ProvenirCoders.FileRangeCoder.of(),
        new FileRange("/x/a.jsonl", "a.jsonl", 5, Long.MAX_VALUE, false));
    Tally t = new Tally();
    t.addSourceLines("a", 3, 1, 10);
    t.addDeadLetter("invalid_json");
    CoderProperties.coderDecodeEncodeEqual(ProvenirCoders.TallyCoder.of(), t);
  }

  @Test
  public void evalEntriesAndTheIndexRoundTrip() throws Exception {
    EvalEntry plain = new EvalEntry("gsm8k", "t-1", "What is six times seven, in words please?",
        null);
    EvalEntry embedded = new EvalEntry("mmlu", "m-2", "Which planet is largest? A. Mars B. Jupiter",
        new float[][] {{0.6f, 0.8f, 0f}, {1f, 0f, 0f}});
    CoderProperties.coderDecodeEncodeEqual(ProvenirCoders.EvalEntryCoder.of(), plain);
    CoderProperties.coderDecodeEncodeEqual(ProvenirCoders.EvalEntryCoder.of(), embedded);
    EvalIndex index = EvalIndex.build(List.of(embedded,
        new EvalEntry("gsm8k", "t-1", plain.text(), new float[][] {{0f, 0f, 1f}})), 13, "m",
        List.of("empty"));
    byte[] once = CoderUtils.encodeToByteArray(ProvenirCoders.EvalIndexCoder.of(), index);
    EvalIndex back = CoderUtils.decodeFromByteArray(ProvenirCoders.EvalIndexCoder.of(), once);
    assertThat(CoderUtils.encodeToByteArray(ProvenirCoders.EvalIndexCoder.of(), back),
        equalTo(once));
    assertThat(back.benchmarkSizes(), equalTo(index.benchmarkSizes()));
    assertThat(back.modelId(), equalTo("m"));
    assertThat(back.ngramHits(Ngrams.wordHashes("so: " + plain.text())).size(), equalTo(1));
    assertThat(back.scoreItem(new float[] {1f, 0f, 0f}, 1), equalTo(1f));
  }
}
