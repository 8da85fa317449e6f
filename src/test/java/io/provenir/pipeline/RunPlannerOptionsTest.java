package io.provenir.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.provenir.config.RunnerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.junit.Test;

/** Beam options as the planner builds them from a runner config and the arguments after '--'. */
public class RunPlannerOptionsTest {

  private static RunnerConfig repoConfig(String name) throws Exception {
    Path f = Path.of("runner-configs", name);
    return RunnerConfig.parse(Files.readString(f), f.toString(), Map.of());
  }

  private static int directThreads(PipelineOptions o) {
    return o.as(DirectOptions.class).getTargetParallelism();
  }

  @Test
  public void theDirectRunnerGetsOneThreadPerCoreAndAtLeastTwo() throws Exception {
    PipelineOptions o = RunPlanner.parseOptions(repoConfig("direct.yaml"), List.of());
    assertThat(directThreads(o),
        is(Math.max(2, Runtime.getRuntime().availableProcessors())));
    assertThat(RunPlanner.directThreads(1), is(2));
    assertThat(RunPlanner.directThreads(2), is(2));
    assertThat(RunPlanner.directThreads(16), is(16));
  }

  @Test
  public void aThreadCountTheUserGivesIsKept() throws Exception {
    PipelineOptions o = RunPlanner.parseOptions(repoConfig("direct.yaml"),
        List.of("--targetParallelism=7"));
    assertThat(directThreads(o), is(7));
    RunnerConfig withThreads = RunnerConfig.parse(
        "runner: DirectRunner\noptions:\n  targetParallelism: 5\n", "d.yaml", Map.of());
    assertThat(directThreads(RunPlanner.parseOptions(withThreads, List.of())), is(5));
  }

  @Test
  public void otherRunnersAreLeftAlone() throws Exception {
    PipelineOptions o = RunPlanner.parseOptions(repoConfig("flink-local.yaml"), List.of());
    // Beam's own default (at least three), not the planner's.
    assertThat(directThreads(o), is(Math.max(3, Runtime.getRuntime().availableProcessors())));
  }

  @Test
  public void aValueOfTheWrongTypeIsReportedWithItsOption() throws Exception {
    io.provenir.config.SpecException e = org.junit.Assert.assertThrows(
        io.provenir.config.SpecException.class,
        () -> RunPlanner.parseOptions(repoConfig("direct.yaml"),
            List.of("--targetParallelism=abc")));
    assertThat(e.getMessage(), org.hamcrest.Matchers.allOf(
        org.hamcrest.Matchers.containsString("'--targetParallelism=abc'"),
        org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("\n"))));
  }

  @Test
  public void anOptionGivenTwiceIsNamed() throws Exception {
    io.provenir.config.SpecException e = org.junit.Assert.assertThrows(
        io.provenir.config.SpecException.class,
        () -> RunPlanner.parseOptions(repoConfig("flink-local.yaml"),
            List.of("--parallelism=1", "--parallelism=2")));
    assertThat(e.getMessage(), org.hamcrest.Matchers.containsString(
        "'--parallelism' is given twice after '--'"));
  }

  /**
   * A credential given to the wrong option (from ${ENV} in a runner config, say) is not copied
   * into the message, which reaches the console and the audit trail.
   */
  @Test
  public void aWrongValueHoldingASecretIsDescribedNotShown() throws Exception {
    String token = "ghp_Q8xZ3mT7kLp2Wq9Rt4Yu6Io8Pa0Sd2Fg4Hj6";
    RunnerConfig fromEnv = RunnerConfig.parse(
        "runner: DirectRunner\noptions:\n  targetParallelism: ${TOKEN}\n", "d.yaml",
        Map.of("TOKEN", token));
    io.provenir.config.SpecException e = org.junit.Assert.assertThrows(
        io.provenir.config.SpecException.class, () -> RunPlanner.parseOptions(fromEnv, List.of()));
    assertThat(e.getMessage(), org.hamcrest.Matchers.allOf(
        org.hamcrest.Matchers.containsString("'--targetParallelism=(a value of 40 chars)'"),
        org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Q8xZ"))));
    // a value Jackson quotes cut short, and a value given apart from its option
    String longValue = token + " a".repeat(300);
    e = org.junit.Assert.assertThrows(io.provenir.config.SpecException.class,
        () -> RunPlanner.parseOptions(repoConfig("direct.yaml"),
            List.of("--targetParallelism=" + longValue)));
    assertThat(e.getMessage(), org.hamcrest.Matchers.not(
        org.hamcrest.Matchers.containsString("Q8xZ")));
    e = org.junit.Assert.assertThrows(io.provenir.config.SpecException.class,
        () -> RunPlanner.parseOptions(repoConfig("direct.yaml"),
            List.of("--targetParallelism", token)));
    assertThat(e.getMessage(), org.hamcrest.Matchers.not(
        org.hamcrest.Matchers.containsString("Q8xZ")));
  }
}
