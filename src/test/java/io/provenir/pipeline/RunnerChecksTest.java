package io.provenir.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import io.provenir.config.GovernanceSpec;
import io.provenir.config.RunnerConfig;
import io.provenir.config.SpecException;
import io.provenir.config.SpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** Runner configs and the checks that run before anything is staged or submitted. */
public class RunnerChecksTest {

  private static final Map<String, String> ENV = Map.of("PROVENIR_JAR", "/opt/provenir.jar");

  private static RunnerConfig repoConfig(String name) throws Exception {
    Path f = Path.of("runner-configs", name);
    return RunnerConfig.parse(Files.readString(f), f.toString(), ENV);
  }

  /** Every option Dataflow needs, given after '--'. */
  private static final List<String> DATAFLOW_ARGS = List.of("--project=p",
      "--region=europe-west1", "--tempLocation=gs://bkt/tmp");

  /** A runner config that names the Dataflow runner and nothing else. */
  private static RunnerConfig bareDataflow() throws Exception {
    return RunnerConfig.parse("runner: DataflowRunner\n", "df.yaml", ENV);
  }

  private static GovernanceSpec spec() throws Exception {
    return SpecLoader.load(Path.of("pipelines/governance.yaml"));
  }

  private static GovernanceSpec gcsSpec() throws Exception {
    GovernanceSpec s = spec().withInputPaths(List.of("gs://bkt/in/*.jsonl"))
        .withOutputDir("gs://bkt/out/{run_id}/");
    s = s.withAudit(new GovernanceSpec.Audit(true, "gs://bkt/audit/", null));
    s = s.withModelCard(new GovernanceSpec.ModelCardSpec(true, "gs://bkt/manifests/", null,
        s.modelCard().model()));
    s = s.withDecontamination(new GovernanceSpec.Decontamination("off", 0.77, 13,
        s.decontamination().fields(), s.decontamination().model(), List.of()));
    return s;
  }

  @Test
  public void everyRunnerConfigInTheRepositoryParses() throws Exception {
    assertThat(repoConfig("direct.yaml").runner(), is("DirectRunner"));
    RunnerConfig local = repoConfig("flink-local.yaml");
    assertThat(local.options().get("flinkMaster"), is("[local]"));
    RunnerConfig cluster = repoConfig("flink-cluster.yaml");
    assertThat(cluster.options().get("filesToStage"), is("/opt/provenir.jar"));
    assertThat(repoConfig("dataflow.yaml").runner(), is("DataflowRunner"));
  }

  @Test
  public void theClusterConfigPointsAtTheClusterTheScriptStarts() throws Exception {
    String script = Files.readString(Path.of("scripts/flink-cluster.sh"));
    assertThat(script, containsString("REST_PORT=\"${FLINK_REST_PORT:-8081}\""));
    assertThat(repoConfig("flink-cluster.yaml").options().get("flinkMaster"),
        is("127.0.0.1:8081"));
  }

  @Test
  public void environmentVariablesExpandWithDefaults() throws Exception {
    RunnerConfig c = RunnerConfig.parse("runner: FlinkRunner\noptions:\n"
        + "  filesToStage: ${JAR:-target/provenir.jar}\n  flinkMaster: ${HOST}:8081\n", "t.yaml",
        Map.of("HOST", "10.0.0.5"));
    assertThat(c.options().get("filesToStage"), is("target/provenir.jar"));
    assertThat(c.options().get("flinkMaster"), is("10.0.0.5:8081"));
    SpecException e = assertThrows(SpecException.class, () -> RunnerConfig.parse(
        "runner: FlinkRunner\noptions:\n  flinkMaster: ${FLINK_HOST}\n", "t.yaml", Map.of()));
    assertThat(e.getMessage(), allOf(containsString("t.yaml"),
        containsString("options.flinkMaster"), containsString("${FLINK_HOST}"),
        containsString("--flinkMaster=VALUE")));
  }

  /** A config that names no runner would run on the Direct Runner, ignoring its options. */
  @Test
  public void aConfigWithoutARunnerNeedsOneAfterTheDashes() throws Exception {
    RunnerConfig c = RunnerConfig.parse("options:\n  flinkMaster: '[local]'\n", "r.yaml",
        Map.of());
    SpecException e = assertThrows(SpecException.class,
        () -> RunnerChecks.check(c, List.of(), gcsSpec()));
    assertThat(e.getMessage(), containsString("r.yaml: no 'runner'"));
    RunnerChecks.check(c, List.of("--runner=FlinkRunner"), gcsSpec());
  }

  /** A Flink configuration directory that is not there is a config error, named, not a crash. */
  @Test
  public void aMissingFlinkConfDirIsNamed() throws Exception {
    RunnerConfig c = RunnerConfig.parse("runner: FlinkRunner\noptions:\n"
        + "  flinkMaster: '[local]'\n  flinkConfDir: ${HOME_DIR:-.}/no/such/flink\n", "f.yaml",
        Map.of());
    SpecException e = assertThrows(SpecException.class,
        () -> RunnerChecks.check(c, List.of(), gcsSpec()));
    assertThat(e.getMessage(), allOf(containsString("f.yaml: option 'flinkConfDir'"),
        containsString("'./no/such/flink' is not a directory")));
    e = assertThrows(SpecException.class, () -> RunnerChecks.check(repoConfig("flink-local.yaml"),
        List.of("--flinkConfDir=/no/such/dir"), gcsSpec()));
    assertThat(e.getMessage(), containsString("--flinkConfDir (after '--')"));
    RunnerChecks.check(repoConfig("flink-local.yaml"), List.of("--flinkConfDir=runner-configs/flink"),
        gcsSpec());
  }

  @Test
  public void placeholdersAreNamedWithTheirOption() throws Exception {
    SpecException e = assertThrows(SpecException.class,
        () -> RunnerChecks.check(repoConfig("dataflow.yaml"), List.of(), gcsSpec()));
    assertThat(e.getMessage(), allOf(containsString("runner-configs/dataflow.yaml"),
        containsString("'project'"), containsString("<your-gcp-project>"),
        containsString("--project=VALUE")));
    // An option after '--' replaces the placeholder; the next one is named.
    e = assertThrows(SpecException.class, () -> RunnerChecks.check(repoConfig("dataflow.yaml"),
        List.of("--project=my-project"), gcsSpec()));
    assertThat(e.getMessage(), containsString("'region'"));
  }

  @Test
  public void dataflowNamesEveryMissingOption() throws Exception {
    SpecException e = assertThrows(SpecException.class,
        () -> RunnerChecks.check(bareDataflow(), List.of("--project=p"), gcsSpec()));
    assertThat(e.getMessage(), allOf(containsString("--region"),
        containsString("--tempLocation"), not(containsString("--project"))));
  }

  @Test
  public void dataflowRefusesLocalPaths() throws Exception {
    SpecException e = assertThrows(SpecException.class,
        () -> RunnerChecks.check(bareDataflow(), DATAFLOW_ARGS, spec()));
    assertThat(e.getMessage(), allOf(containsString("input 'pipelines/sample/'"),
        containsString("output.dir"), containsString("eval set 'gsm8k'")));
    SpecException t = assertThrows(SpecException.class, () -> RunnerChecks.check(bareDataflow(),
        List.of("--project=p", "--region=r", "--tempLocation=/tmp/x"), gcsSpec()));
    assertThat(t.getMessage(), containsString("gs://"));
  }

  @Test
  public void aRunnerMissingFromThisBuildNamesItsProfile() throws Exception {
    // The test class path is the default build: Direct and Flink, no Dataflow.
    assertThat(RunnerChecks.registeredRunners(), hasItems("directrunner", "flinkrunner"));
    SpecException e = assertThrows(SpecException.class,
        () -> RunnerChecks.check(bareDataflow(), DATAFLOW_ARGS, gcsSpec()));
    assertThat(e.getMessage(), allOf(containsString("not in this build"),
        containsString("PROVENIR_PROFILES=dataflow-runner")));
  }
}
