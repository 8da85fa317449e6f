package io.provenir.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.Test;

/** {@code provenir eval secrets} with the quality targets of docs/quality.md as thresholds. */
public class EvalSecretsCommandTest {

  static final String GITLEAKS = "src/test/resources/corpora/secrets/gitleaks_dev.jsonl";
  static final String DETECT_SECRETS =
      "src/test/resources/corpora/secrets/detect-secrets/detect_secrets_dev.jsonl";

  @Test
  public void gitleaksCasesMeetTheTargets() throws Exception {
    Cli.Result r = Cli.run("eval", "secrets", "--cases", GITLEAKS, "--min-precision", "0.95",
        "--min-recall", "0.95", "--json");
    assertThat(r.out() + r.err(), r.code(), is(0));
    JsonNode all = Cli.JSON.readTree(r.out()).at("/files/0/all");
    assertThat(all.get("tp").asLong() + all.get("fn").asLong(), is(264L));
    assertThat(all.get("precision").asDouble(), greaterThanOrEqualTo(0.95));
    assertThat(all.get("recall").asDouble(), greaterThanOrEqualTo(0.95));
    // at least 30 families of gitleaks rules are recognised
    long families = 0;
    JsonNode byFamily = Cli.JSON.readTree(r.out()).at("/files/0/families");
    for (JsonNode f : (Iterable<JsonNode>) byFamily::elements) {
      if (f.get("tp").asLong() > 0) {
        families++;
      }
    }
    assertThat(families, greaterThanOrEqualTo(30L));
  }

  @Test
  public void detectSecretsFamiliesAreReported() {
    Cli.Result r = Cli.run("eval", "secrets", "--cases", DETECT_SECRETS);
    assertThat(r.code(), is(0));
    assertThat(r.out(), allOf(containsString("record level"), containsString("agreement"),
        containsString("SlackDetector"), containsString("PrivateKeyDetector")));
  }

  @Test
  public void everyPlantedSecretIsFoundAndNoDecoyFlagged() throws Exception {
    Path truth = EvalPiiCommandTest.generatedCorpus("pii20k");
    Cli.Result r = Cli.run("eval", "secrets", "--cases", truth.toString(), "--min-recall", "1.0",
        "--min-precision", "1.0", "--max-decoy-records", "0", "--json");
    assertThat(r.out() + r.err(), r.code(), is(0));
    JsonNode f = Cli.JSON.readTree(r.out()).at("/files/0");
    assertThat(f.at("/all/tp").asLong() > 50, is(true));
    assertThat(f.at("/decoys/records").asLong() > 100, is(true));
    assertThat(f.at("/decoys/flagged").asLong(), is(0L));
  }

  @Test
  public void missedThresholdsExitWithThree() {
    Cli.Result r = Cli.run("eval", "secrets", "--cases", GITLEAKS, "--min-precision", "0.999");
    assertThat(r.code(), is(3));
    assertThat(r.out(), containsString("BELOW THRESHOLD: gitleaks_dev.jsonl precision"));
  }

  /** A gate value that would turn the gate off or could never pass is a usage error. */
  @Test
  public void outOfRangeGatesAreUsageErrors() {
    for (String[] bad : new String[][] {{"--min-recall", "NaN"}, {"--min-precision", "1.5"},
      {"--max-decoy-records", "-1"}, {"--show-errors", "-1"}}) {
      Cli.Result r = Cli.run("eval", "secrets", "--cases", GITLEAKS, bad[0], bad[1]);
      assertThat(String.join(" ", bad) + ": " + r.err(), r.code(), is(2));
    }
  }
}
