package io.provenir.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The shaded jar as a user runs it, in a child JVM: runner and filesystem registrations survive
 * shading, exit codes reach the shell, errors are one line, and debug logs carry no secret.
 */
public class ProvenirJarIT {

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private JarCli.Proc java(String... args) throws Exception {
    return JarCli.run(tmp, args);
  }

  @Test
  public void runsTheSampleFromTheShadedJar() throws Exception {
    Path out = tmp.getRoot().toPath().resolve("run");
    JarCli.Proc p = java("run", "--output", out.toString(), "--run-id", "it-1");
    assertThat(p.err(), p.code(), is(0));
    assertThat(p.out(), allOf(containsString("Provenir run it-1"), containsString("reconciled")));
    assertThat(p.err(), not(containsString("Exception")));
    assertThat(Files.exists(out.resolve("report.json")), is(true));
  }

  @Test
  public void badInputGivesOneLineAndExitCodeTwo() throws Exception {
    JarCli.Proc p = java("run", "--input", "no/such/file.jsonl");
    assertThat(p.code(), is(2));
    assertThat(p.err().trim(), is("provenir: input 'no/such/file.jsonl' matched no files"));
    JarCli.Proc q = java("run", "--", "--runner=NoSuchRunner");
    assertThat(q.code(), is(2));
    assertThat(q.err(), allOf(containsString("NoSuchRunner"), not(containsString("\tat "))));
  }

  @Test
  public void versionNamesBeam() throws Exception {
    JarCli.Proc p = java("--version");
    assertThat(p.code(), is(0));
    assertThat(p.out(), containsString("Apache Beam 2.70.0"));
  }

  @Test
  public void debugLogsNeverContainPlantedSecrets() throws Exception {
    Path spec = LeakFixture.write(tmp.getRoot().toPath());
    for (String policy : List.of("quarantine", "report")) {
      Path out = tmp.getRoot().toPath().resolve("leak-" + policy);
      JarCli.Proc p = java("--log-level=debug", "run", spec.toString(), "--output", out.toString(),
          "--secrets-policy", policy);
      assertThat(p.err(), p.code(), is(0));
      String all = p.out() + p.err() + Cli.everything(out);
      for (String s : LeakFixture.secrets()) {
        assertThat(s, all, not(containsString(s)));
      }
    }
  }

  @Test
  public void debugLogsNeverContainSecretsOrPii() throws Exception {
    Path out = tmp.getRoot().toPath().resolve("debug");
    JarCli.Proc p = java("--log-level=debug", "run", "--output", out.toString());
    assertThat(p.err().length() > 10_000, is(true)); // debug logging really was on
    String all = p.out() + p.err() + Cli.everything(out);
    for (JsonNode t : SampleTruth.values()) {
      String value = SampleTruth.valueOf(t);
      assertThat(value, all, not(containsString(value)));
    }
  }
}
