package io.provenir.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import io.provenir.transforms.InputFile;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.CrashingRunner;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The Beam-style entry point, as Flink's and Dataflow's launchers call it. */
public class GovernancePipelineTest {

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static int run(StringWriter out, StringWriter err, String... args) {
    return GovernancePipeline.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  public void theDirectRunnerReadsEachFileAsOneRangeOthersInTheSpecsSize() {
    PipelineOptions direct = PipelineOptionsFactory.create();
    direct.setRunner(org.apache.beam.runners.direct.DirectRunner.class);
    PipelineOptions other = PipelineOptionsFactory.create();
    other.setRunner(CrashingRunner.class);
    List<InputFile> inputs = List.of(new InputFile("/a.jsonl", "a.jsonl", 6L << 30),
        new InputFile("/b.jsonl.gz", "b.jsonl.gz", 3L << 30));
    long split = GovernancePipeline.splitBytes(direct, inputs, 64L << 20);
    assertThat(split, is(6L << 30));
    assertThat(GovernancePipeline.splitBytes(other, inputs, 64L << 20), is(64L << 20));
    // Never smaller than the spec's size.
    assertThat(GovernancePipeline.splitBytes(direct,
        List.of(new InputFile("/c.jsonl", "c.jsonl", 1000)), 64L << 20), is(64L << 20));
    // A size other than the default is the user's choice, on every runner.
    assertThat(GovernancePipeline.splitBytes(direct, inputs, 4096), is(4096L));
  }

  @Test
  public void runsWithBeamStyleArguments() throws Exception {
    Path out = tmp.getRoot().toPath().resolve("o");
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    int code = run(stdout, stderr, "--spec=pipelines/governance.yaml",
        "--input=pipelines/sample/chats.jsonl", "--output=" + out, "--runId=beam-style",
        "--runner=DirectRunner", "--targetParallelism=2",
        "--auditDir=" + tmp.getRoot().toPath().resolve("audit"));
    assertThat(stderr.toString(), code, is(0));
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertThat(report.get("run_id").asText(), is("beam-style"));
    assertThat(report.at("/counts/input_lines").asLong(), is(123L));
    assertThat(report.at("/counts/contaminated").asLong(), is(1L));
    assertThat(report.at("/counts/reconciled").asBoolean(), is(true));
  }

  @Test
  public void unknownOptionsAreUsageErrors() {
    StringWriter err = new StringWriter();
    assertThat(run(new StringWriter(), err, "--notAnOption=1"), is(2));
    assertThat(err.toString(), containsString("notAnOption"));
  }
}
