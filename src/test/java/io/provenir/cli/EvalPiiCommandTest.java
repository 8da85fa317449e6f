package io.provenir.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code provenir eval pii} on the labelled Presidio cases and on a generated corpus, with the
 * quality targets of docs/quality.md as thresholds: these tests fail when detection regresses.
 */
public class EvalPiiCommandTest {

  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  static final String PRESIDIO = "src/test/resources/corpora/pii/presidio_dev.jsonl";

  /**
   * A corpus from bench/make_corpus.py: 20k records, seed 1; fortunes text when installed. Kept
   * under target/test-corpora/ (deterministic, so it is generated once per build directory).
   */
  static synchronized Path generatedCorpus(String name, String... extra) throws Exception {
    Path dir = Path.of("target", "test-corpora");
    Files.createDirectories(dir);
    Path out = dir.resolve(name + ".jsonl");
    Path truth = dir.resolve(name + ".truth.jsonl");
    if (Files.exists(out) && Files.exists(truth)) {
      return truth;
    }
    List<String> cmd = new ArrayList<>(List.of("python3", "bench/make_corpus.py", "--records",
        "20000", "--seed", "1", "--out", out.toString()));
    if (!Files.isDirectory(Path.of("/usr/share/games/fortunes"))) {
      cmd.addAll(List.of("--source", "gsm8k", "--text-dir", "src/test/resources/corpora/gsm8k"));
    }
    cmd.addAll(List.of(extra));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    assertThat(log, p.waitFor(), is(0));
    return truth;
  }

  @Test
  public void presidioCasesMeetTheTargets() {
    Cli.Result r = Cli.run("eval", "pii", "--cases", PRESIDIO, "--min-f1", "0.97",
        "--min-f1", "PHONE=0.92");
    assertThat(r.out() + r.err(), r.code(), is(0));
    assertThat(r.out(), allOf(containsString("presidio_dev.jsonl: 159 cases"),
        containsString("EMAIL"), containsString("IP_ADDRESS"), containsString("precision")));
    // Above the target, the result docs/quality.md reports: the phone target left room for a
    // lost case (a dotted Turkish number, dropped for its IPv4 shape) to go unnoticed.
    Cli.Result exact = Cli.run("eval", "pii", "--cases", PRESIDIO, "--min-f1", "PHONE=0.985",
        "--min-f1", "1.0");
    assertThat(exact.out() + exact.err(), exact.code(), is(0));
  }

  @Test
  public void generatedCorpusMeetsTheTargetsWithFewDecoysFlagged() throws Exception {
    Path truth = generatedCorpus("pii20k");
    Cli.Result r = Cli.run("eval", "pii", "--cases", truth.toString(), "--min-f1", "0.97",
        "--min-f1", "PHONE=0.92", "--max-decoy-rate", "0.005", "--json");
    assertThat(r.out() + r.err(), r.code(), is(0));
    JsonNode j = Cli.JSON.readTree(r.out());
    JsonNode f = j.at("/files/0");
    assertThat(f.at("/decoys/records").asLong() > 100, is(true));
    assertThat(f.at("/decoys/rate").asDouble(), lessThan(0.005));
    for (String t : List.of("EMAIL", "PHONE", "SSN", "CREDIT_CARD", "IP_ADDRESS")) {
      assertThat(t, f.at("/types/" + t + "/gold").asLong() > 100, is(true));
      assertThat(t, f.at("/types/" + t + "/f1").asDouble(),
          greaterThanOrEqualTo(t.equals("PHONE") ? 0.92 : 0.97));
    }
    assertThat(j.get("passed").asBoolean(), is(true));
  }

  @Test
  public void missedThresholdsExitWithThree() throws IOException {
    Path cases = TMP.newFile("hard.jsonl").toPath();
    Files.writeString(cases, "{\"text\": \"reach me at jane at example dot com\", \"entities\":"
        + " [{\"type\": \"EMAIL\", \"start\": 12, \"end\": 35}], \"checked_types\": [\"EMAIL\"]}\n");
    Cli.Result r = Cli.run("eval", "pii", "--cases", cases.toString(), "--min-f1", "0.5");
    assertThat(r.code(), is(3));
    assertThat(r.out(), containsString("BELOW THRESHOLD: hard.jsonl EMAIL F1 0.0000 < 0.5000"));
  }

  @Test
  public void weakLabelsAndUncheckedTypesAreNotCounted() throws IOException {
    Path cases = TMP.newFile("weak.jsonl").toPath();
    Files.writeString(cases, "{\"text\": \"ssn 078-051121 mail a@example.com\", \"entities\":"
        + " [{\"type\": \"SSN\", \"start\": 4, \"end\": 14, \"weak\": true}], \"checked_types\":"
        + " [\"SSN\"]}\n");
    Cli.Result r = Cli.run("eval", "pii", "--cases", cases.toString(), "--json");
    assertThat(r.code(), is(0));
    JsonNode j = Cli.JSON.readTree(r.out());
    assertThat(j.at("/files/0/all/fp").asLong(), is(0L));
    assertThat(j.at("/files/0/all/fn").asLong(), is(0L));
  }

  @Test
  public void usageErrors() {
    assertThat(Cli.run("eval", "pii", "--cases", "no/such.jsonl").code(), is(2));
    assertThat(Cli.run("eval", "pii", "--cases", PRESIDIO, "--min-f1", "high").code(), is(2));
    assertThat(Cli.run("eval", "pii", "--cases", PRESIDIO, "--phone-regions", "UK").err(),
        containsString("'UK' is not a region code"));
    assertThat(Cli.run("eval", "pii").code(), is(2));
    // a gate that would be off without a word: a misspelt type, NaN, out of range
    for (String[] bad : new String[][] {{"--min-f1", "FOO=0.5"}, {"--min-f1", "NaN"},
      {"--max-decoy-rate", "NaN"}, {"--max-decoy-rate", "2"}, {"--show-errors", "-1"}}) {
      Cli.Result r = Cli.run("eval", "pii", "--cases", PRESIDIO, bad[0], bad[1]);
      assertThat(String.join(" ", bad) + ": " + r.err(), r.code(), is(2));
    }
    assertThat(Cli.run("eval", "pii", "--cases", PRESIDIO, "--min-f1", "phone=0.99").code(), is(3));
    // a gate given twice (the last one silently won, so the order decided the exit code)
    for (String[] twice : new String[][] {{"0.99", "0.5"}, {"PHONE=0.99", "phone=0.5"}}) {
      Cli.Result r = Cli.run("eval", "pii", "--cases", PRESIDIO, "--min-f1", twice[0],
          "--min-f1", twice[1]);
      assertThat(r.err(), r.code(), is(2));
      assertThat(r.err(), containsString("is given twice"));
    }
    assertThat(Cli.run("eval", "pii", "--cases", "src").err(), containsString("a directory"));
  }
}
