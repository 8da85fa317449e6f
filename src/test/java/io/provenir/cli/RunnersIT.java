package io.provenir.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provenir.report.RunComparison;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The same governance run on the Direct Runner and on Flink (an in-process MiniCluster, the
 * runner-configs/flink-local.yaml config) writes the same records: the shaded jar in child JVMs,
 * as a user runs it. (A real multi-process cluster with a lost TaskManager is
 * scripts/flink-fault-test.sh, which CI runs too.)
 */
public class RunnersIT {

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static final ObjectMapper JSON = new ObjectMapper();

  private JarCli.Proc java(String... args) throws Exception {
    return JarCli.run(tmp, args);
  }

  @Test
  public void directAndFlinkLocalWriteTheSameRecords() throws Exception {
    Path direct = tmp.getRoot().toPath().resolve("direct");
    Path flink = tmp.getRoot().toPath().resolve("flink");
    JarCli.Proc d = java("run", "--output", direct.toString(), "--run-id", "it-direct");
    assertThat(d.err(), d.code(), is(0));
    JarCli.Proc f = java("run", "--runner-config", "runner-configs/flink-local.yaml", "--output",
        flink.toString(), "--run-id", "it-flink", "--", "--parallelism=2");
    assertThat(f.err(), f.code(), is(0));
    assertThat(f.out(), containsString("(governance, FlinkRunner)"));

    JsonNode rd = JSON.readTree(direct.resolve("report.json").toFile());
    JsonNode rf = JSON.readTree(flink.resolve("report.json").toFile());
    assertThat(rd.path("runner").asText(), is("DirectRunner"));
    assertThat(rf.path("runner").asText(), is("FlinkRunner"));
    assertThat(rf.path("counts"), is(rd.path("counts")));
    // Every output is exercised by the sample: masked, quarantined, contaminated, dead letters.
    for (String c : List.of("clean", "masked", "quarantined", "contaminated", "dead_letter")) {
      assertThat(c, rd.path("counts").path(c).asLong(), greaterThan(0L));
    }
    JsonNode md = JSON.readTree(direct.resolve("manifest.json").toFile());
    JsonNode mf = JSON.readTree(flink.resolve("manifest.json").toFile());
    assertThat(mf.path("dataset").path("content_hash").asText(),
        is(md.path("dataset").path("content_hash").asText()));

    RunComparison.Result r = RunComparison.compare(direct, flink);
    assertThat(r.reportDiffs().toString(), r.identical(), is(true));
    JarCli.Proc c = java("compare", direct.toString(), flink.toString());
    assertThat(c.out(), c.code(), is(0));
    assertThat(c.out(), containsString("identical"));

    // A record lost from one shard is caught, by location.
    Path shard;
    try (var s = Files.list(flink.resolve("clean"))) {
      shard = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().findFirst().orElseThrow();
    }
    List<String> lines = new ArrayList<>(Files.readAllLines(shard));
    lines.remove(0);
    Files.write(shard, lines);
    JarCli.Proc lost = java("compare", direct.toString(), flink.toString());
    assertThat(lost.code(), is(1));
    assertThat(lost.out(), allOf(containsString("1 only in A"), containsString("DIFFERENT"),
        not(containsString("{\""))));
  }

  @Test
  public void dataflowFailsBeforeUploadNamingWhatIsMissing() throws Exception {
    JarCli.Proc p = java("run", "--runner-config", "runner-configs/dataflow.yaml");
    assertThat(p.code(), is(2));
    assertThat(p.err().trim(), allOf(containsString("runner-configs/dataflow.yaml"),
        containsString("'project'"), not(containsString("\tat "))));
    // With every option given, the default build names the profile it needs.
    JarCli.Proc q = java("run", "--runner-config", "runner-configs/dataflow.yaml", "--input",
        "gs://bkt/in/", "--output", "gs://bkt/out/", "--audit-dir", "gs://bkt/audit/", "--eval",
        "g=gs://bkt/e.jsonl", "--", "--project=p", "--region=europe-west1",
        "--tempLocation=gs://bkt/tmp", "--stagingLocation=gs://bkt/staging");
    assertThat(q.code(), is(2));
    assertThat(q.err(), containsString("manifest_dir"));
  }
}
