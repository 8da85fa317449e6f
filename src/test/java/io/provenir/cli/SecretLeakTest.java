package io.provenir.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import io.provenir.config.RunnerConfig;
import io.provenir.pipeline.RunLauncher;
import io.provenir.pipeline.RunRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * No detected secret leaves: every planted value is searched for in every byte a run writes
 * (clean, quarantine, dead-letter, findings, report), in what it prints, and in the names of its
 * metrics, under each secrets policy. Debug logs are checked by ProvenirJarIT, which can start a
 * JVM with debug logging.
 */
public class SecretLeakTest {

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static void assertNoSecret(String where, String text) {
    for (String s : LeakFixture.secrets()) {
      assertThat(where + " leaks " + s, text, not(containsString(s)));
      // nor a recognisable piece of one
      assertThat(where + " leaks part of " + s, text,
          not(containsString(s.substring(s.length() / 2 - 6, s.length() / 2 + 6))));
    }
  }

  @Test
  public void noOutputOfAnyPolicyHoldsASecret() throws Exception {
    Path spec = LeakFixture.write(tmp.getRoot().toPath());
    for (String policy : List.of("quarantine", "report", "fail")) {
      Path out = tmp.getRoot().toPath().resolve("out-" + policy);
      Path audit = tmp.getRoot().toPath().resolve("audit-" + policy);
      Cli.Result r = Cli.run("run", spec.toString(), "--output", out.toString(),
          "--secrets-policy", policy, "--audit-dir", audit.toString());
      assertThat(r.err(), r.code(), is(policy.equals("fail") ? 3 : 0));
      assertNoSecret(policy + " outputs", Cli.everything(out));
      assertNoSecret(policy + " audit events", Cli.everything(audit));
      assertNoSecret(policy + " stdout", r.out());
      assertNoSecret(policy + " stderr", r.err());
      JsonNode report = Cli.report(out);
      assertThat(report.at("/counts/reconciled").asBoolean(), is(true));
      assertThat(report.at("/counts/dead_letter").asLong(), is(3L));
    }
    String quarantine = String.join("\n",
        Cli.lines(tmp.getRoot().toPath().resolve("out-quarantine"), "quarantine"));
    for (String t : List.of("AWS_ACCESS_KEY", "SLACK_TOKEN", "STRIPE_KEY", "PRIVATE_KEY",
        "PASSWORD", "URL_CREDENTIALS", "JWT")) {
      assertThat(quarantine, containsString("[SECRET:" + t + "]"));
    }
    // the record whose id was a token is named by its location instead
    assertThat(quarantine, containsString("\"record_id\":\"" + tmp.getRoot().toPath()
        .resolve("leaky.jsonl") + ":2\""));
  }

  @Test
  public void contaminatedRecordsAreWrittenRedactedAndEvalTextsAreNeverCopied() throws Exception {
    Path spec = LeakFixture.write(tmp.getRoot().toPath());
    // An eval set whose items are the leaky records' own texts, secrets included: under the
    // report policy, records with secrets are checked too and land in contaminated/.
    Path eval = tmp.getRoot().toPath().resolve("leaky-eval.jsonl");
    List<String> items = new java.util.ArrayList<>();
    int i = 0;
    for (String line : java.nio.file.Files.readAllLines(tmp.getRoot().toPath()
        .resolve("leaky.jsonl"))) {
      items.add(Cli.JSON.createObjectNode().put("id", "e" + i++).put("text", line).toString());
    }
    java.nio.file.Files.write(eval, items);
    Path out = tmp.getRoot().toPath().resolve("out-contaminated");
    Cli.Result r = Cli.run("run", spec.toString(), "--output", out.toString(),
        "--secrets-policy", "report", "--eval", "leaky=" + eval, "--threshold", "0.5");
    assertThat(r.err(), r.code(), is(0));
    JsonNode report = Cli.report(out);
    assertThat(report.at("/counts/contaminated").asLong() >= 5, is(true));
    assertThat(report.at("/counts/reconciled").asBoolean(), is(true));
    String contaminated = String.join("\n", Cli.lines(out, "contaminated"));
    assertThat(contaminated, containsString("[SECRET:AWS_ACCESS_KEY]"));
    assertNoSecret("contaminated outputs", Cli.everything(out));
    assertNoSecret("stdout", r.out());
    assertNoSecret("stderr", r.err());
  }

  @Test
  public void metricNamesHoldNoSecret() throws Exception {
    Path spec = LeakFixture.write(tmp.getRoot().toPath());
    RunLauncher.Outcome o = RunLauncher.run(new RunRequest(spec, List.of(),
        tmp.getRoot().toPath().resolve("m").toString(), "metrics-1", false, null,
        RunnerConfig.directDefaults(), List.of(), Path.of(""), null,
        tmp.getRoot().toPath().resolve("audit-m").toString(), null));
    assertThat(o.counters().isEmpty(), is(false));
    assertNoSecret("audit events", Cli.everything(tmp.getRoot().toPath().resolve("audit-m")));
    assertThat(o.counters().keySet().stream().anyMatch(k -> k.contains("secrets_found_")),
        is(true));
    assertNoSecret("metric names", String.join("\n", o.counters().keySet()));
  }
}
