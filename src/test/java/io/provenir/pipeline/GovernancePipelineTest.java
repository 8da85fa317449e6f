package io.provenir.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
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
  public void theDirectRunnerReadsEachFileAsOneRangeAtTheDefaultSplitSize() {
    PipelineOptions direct = PipelineOptionsFactory.create();
    direct.setRunner(org.apache.beam.runners.direct.DirectRunner.class);
    PipelineOptions other = PipelineOptionsFactory.create();
    other.setRunner(CrashingRunner.class);
    long dflt = io.provenir.config.GovernanceSpec.Input.DEFAULT_SPLIT_BYTES;
    assertThat(GovernancePipeline.oneRangePerFile(direct, dflt), is(true));
    assertThat(GovernancePipeline.oneRangePerFile(other, dflt), is(false));
    // A size other than the default is the user's choice, on every runner.
    assertThat(GovernancePipeline.oneRangePerFile(direct, 4096), is(false));
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
