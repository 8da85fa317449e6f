package io.provenir.transforms;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertThrows;

import io.provenir.decontam.DecontamMethod;
import io.provenir.decontam.EvalIndex;
import io.provenir.decontam.MiniLmEmbedder;
import io.provenir.record.BadRecordException;
import io.provenir.record.JsonRecordParser;
import io.provenir.record.JsonlLine;
import io.provenir.record.JsonlRecord;
import io.provenir.record.SourceRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** BuildEvalIndex and Decontaminate with the Direct Runner and the real model. */
public class DecontaminateTest {

  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  private static final String Q1 = "A robe takes 2 bolts of blue fiber and half that much white"
      + " fiber. How many bolts in total does it take?";
  private static final String Q2 = "Josh decides to try flipping a house. He buys a house for"
      + " $80,000 and then puts in $50,000 in repairs. This increased the value of the house by"
      + " 150%. How much profit did he make?";

  private Path evalFile(String... lines) throws IOException {
    Path f = tmp.newFile("eval.jsonl").toPath();
    Files.write(f, List.of(lines));
    return f;
  }

  private static JsonlRecord record(int n, String json) {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    try {
      return JsonlRecord.parse(new JsonlLine(new SourceRef("train.jsonl", n, n * 10L), b,
          b.length, false), new JsonRecordParser("id"));
    } catch (BadRecordException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static EvalSource source(Path f) {
    return new EvalSource("gsm8k", List.of(new InputFile(f.toString(), "eval.jsonl", 1)), null,
        "/question", "id");
  }

  @Test
  public void recordsGetVerdictsFromTheSideInputIndex() throws IOException {
    Path f = evalFile("{\"id\": \"t1\", \"question\": \"" + Q1 + "\"}",
        "", "{\"id\": \"t2\", \"question\": \"" + Q2.replace("\"", "\\\"") + "\"}");
    PCollection<EvalIndex> index = p.apply(BuildEvalIndex.of(List.of(source(f)))
        .withModel(MiniLmEmbedder.NAME, MiniLmEmbedder.shared().modelId()));
    PCollectionView<EvalIndex> view = index.apply(View.asSingleton());
    List<JsonlRecord> records = new ArrayList<>();
    records.add(record(1, "{\"id\": \"copy\", \"prompt\": \"" + Q1 + "\", \"response\": \"3\"}"));
    records.add(record(2, "{\"id\": \"chat\", \"messages\": [{\"role\": \"user\", \"content\":"
        + " \"Hi! " + Q2 + " Thanks.\"}]}"));
    records.add(record(3, "{\"id\": \"other\", \"prompt\": \"Write a haiku about autumn"
        + " leaves.\"}"));
    for (int i = 0; i < 40; i++) { // more than one batch
      records.add(record(10 + i, "{\"id\": \"n" + i + "\", \"text\": \"Note number " + i
          + " about the weather today.\"}"));
    }
    PCollectionTuple out = p.apply(Create.of(records)
            .withCoder(ProvenirCoders.JsonlRecordCoder.of()))
        .apply(Decontaminate.against(view).withThreshold(0.78));
    PCollection<String> verdicts = out.get(Tags.RECORDS).apply("Verdicts", MapElements
        .into(TypeDescriptors.strings())
        .via(r -> r.id() + " " + (r.contaminated()
            ? r.decontamination().top().evalId() + " " + r.decontamination().top().method()
            : "clean")));
    List<String> expected = new ArrayList<>(List.of("copy t1 both", "chat t2 both",
        "other clean"));
    for (int i = 0; i < 40; i++) {
      expected.add("n" + i + " clean");
    }
    PAssert.that(verdicts).containsInAnyOrder(expected);
    PAssert.that(out.get(Tags.DEAD_LETTERS)).empty();
    PAssert.thatSingleton(index.apply("Describe", MapElements.into(TypeDescriptors.strings())
        .via(i -> i.items() + " items " + i.benchmarkSizes()))).isEqualTo("2 items {gsm8k=2}");
    p.run().waitUntilFinish();
  }

  @Test
  public void anEmptyEvalSetChecksNothingAndNgramOnlyNeedsNoModel() throws IOException {
    Path f = evalFile("");
    PCollection<EvalIndex> index = p.apply(BuildEvalIndex.of(List.of(source(f)))
        .withMethod(DecontamMethod.NGRAM));
    PCollectionView<EvalIndex> view = index.apply(View.asSingleton());
    PCollectionTuple out = p.apply(Create.of(List.of(record(1, "{\"t\": \"" + Q1 + "\"}")))
            .withCoder(ProvenirCoders.JsonlRecordCoder.of()))
        .apply(Decontaminate.against(view).withMethod(DecontamMethod.NGRAM));
    PAssert.that(out.get(Tags.RECORDS).apply(MapElements.into(TypeDescriptors.booleans())
        .via(JsonlRecord::contaminated))).containsInAnyOrder(false);
    p.run().waitUntilFinish();
  }

  @Test
  public void anEvalLineWithoutTheFieldFailsTheRunNamingFileAndLine() throws IOException {
    Path f = evalFile("{\"id\": \"t1\", \"question\": \"" + Q1 + "\"}", "{\"id\": \"t2\"}");
    p.apply(BuildEvalIndex.of(List.of(source(f))).withMethod(DecontamMethod.NGRAM));
    Pipeline.PipelineExecutionException e = assertThrows(
        Pipeline.PipelineExecutionException.class, () -> p.run().waitUntilFinish());
    assertThat(e.getCause().getMessage(), containsString("eval set 'gsm8k': " + f
        + ":2: no field /question"));
  }
}
