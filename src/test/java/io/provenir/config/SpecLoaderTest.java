package io.provenir.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Test;

public class SpecLoaderTest {

  private static String error(String yaml) {
    return assertThrows(SpecException.class, () -> SpecLoader.parse(yaml, "x.yaml")).getMessage();
  }

  @Test
  public void fillsDefaults() throws Exception {
    GovernanceSpec s = SpecLoader.parse("input:\n  paths: data/*.jsonl\n", "x.yaml");
    assertThat(s.input().paths(), contains("data/*.jsonl"));
    assertThat(s.input().idField(), is("id"));
    assertThat(s.pii().mask(), is(true));
    assertThat(s.secrets().policyValue(), is(SecretPolicy.QUARANTINE));
    assertThat(s.output().dir(), is("artifacts/runs/{run_id}"));
    assertThat(s.pii().types().size(), is(5));
  }

  @Test
  public void unknownKeyIsNamedWithItsPathLineAndAlternatives() {
    assertThat(error("pii:\n  enabled: true\n  maskk: true\n"), allOf(
        containsString("x.yaml"), containsString("unknown key 'pii.maskk'"),
        containsString("line 3"), containsString("enabled, hash_salt"),
        containsString("mask, mask_char")));
    assertThat(error("inputs: []\n"), containsString("unknown key 'inputs'"));
  }

  @Test
  public void wrongTypeIsNamed() throws Exception {
    assertThat(error("pii:\n  mask: maybe\n"), allOf(containsString("'pii.mask'"),
        containsString("true or false"), containsString("maybe")));
    assertThat(error("input:\n  max_record_bytes: lots\n"),
        allOf(containsString("'input.max_record_bytes'"), containsString("whole number")));
    assertThat(error("input:\n  max_record_bytes: 1.5\n"),
        containsString("'input.max_record_bytes'"));
    assertThat(error("pii: [1, 2]\n"), containsString("'pii'"));
    // a number where a string goes is named (quoted, it is a string); a salt is never echoed
    assertThat(error("name: 42\n"), containsString("'name' must be a string, not '42' (line 1)"));
    assertThat(error("secrets:\n  policy: 3\n"), containsString("'secrets.policy' must be a string"));
    assertThat(error("pii:\n  hash_salt: 123456789\n"), allOf(
        containsString("'pii.hash_salt' must be a string"), not(containsString("123456789"))));
    assertThat(SpecLoader.parse("name: '42'\n", "t").name(), is("42"));
  }

  @Test
  public void badValuesAreNamedWithWhatIsAllowed() {
    assertThat(error("secrets:\n  policy: block\n"),
        allOf(containsString("'secrets.policy'"), containsString("quarantine, fail, report")));
    assertThat(error("pii:\n  types: [EMAIL, NAME]\n"),
        allOf(containsString("'pii.types[1]'"), containsString("unknown PII type 'NAME'")));
    assertThat(error("scan:\n  text_fields: [prompt]\n"),
        containsString("'scan.text_fields[0]' must be a JSON Pointer"));
    assertThat(error("version: 2\n"), containsString("'version' must be 1"));
    assertThat(error("input:\n  split_bytes: 10\n"), containsString("'input.split_bytes'"));
  }

  @Test
  public void decontaminationSettingsAreChecked() throws Exception {
    assertThat(error("decontamination:\n  method: fuzzy\n  ngram: 0\n  threshold: 0\n"
            + "  fields: [prompt]\n  model: gpt-embed\n"),
        allOf(containsString("'decontamination.method' must be one of semantic, ngram, both or"
            + " off, not 'fuzzy'"), containsString("'decontamination.ngram' must be between 1"),
            containsString("'decontamination.threshold' must be above 0"),
            containsString("'decontamination.fields[0]' must be a JSON Pointer"),
            containsString("unknown model 'gpt-embed'; available: all-minilm-l6-v2-q")));
    assertThat(error("decontamination:\n  eval_sets:\n    - {name: a, path: x.jsonl}\n"
            + "    - {name: a, path: y.jsonl}\n    - {name: 'bad name', path: ''}\n"),
        allOf(containsString("'decontamination.eval_sets[1].name': 'a' names two eval sets"),
            containsString("'decontamination.eval_sets[2].name' must be 1-64 letters"),
            containsString("'decontamination.eval_sets[2].path' is empty")));
    assertThat(error("decontamination:\n  eval_sets:\n    - {name: a, file: x.jsonl}\n"),
        containsString("unknown key 'decontamination.eval_sets[0].file'"));
    GovernanceSpec off = SpecLoader.parse("decontamination:\n  method: off\n  eval_sets:\n"
        + "    - {name: a, path: x.jsonl}\n", "t");
    assertThat(off.decontamination().enabled(), is(false));
    assertThat(SpecLoader.parse("version: 1\n", "t").decontamination().enabled(), is(false));
    assertThat(SpecLoader.parse("version: 1\n", "t").decontamination().threshold(), is(0.90));
  }

  @Test
  public void maskingKeysAreCheckedAndSecretsNeverWrittenOut() throws Exception {
    assertThat(error("pii:\n  operator: scramble\n"), allOf(containsString("'pii.operator'"),
        containsString("replace, redact, mask, hash, pseudonymize")));
    assertThat(error("pii:\n  operators: {CARD: mask}\n"),
        containsString("'pii.operators.CARD': unknown PII type 'CARD'"));
    assertThat(error("pii:\n  operators: {EMAIL: blur}\n"),
        containsString("'pii.operators.EMAIL' must be one of"));
    assertThat(error("pii:\n  mask_char: '##'\n"), containsString("'pii.mask_char'"));
    assertThat(error("pii:\n  mask_char: '9'\n"),
        containsString("'pii.mask_char' must not be a letter or digit"));
    assertThat(error("pii:\n  phone_regions: [US, UK]\n"),
        containsString("'pii.phone_regions[1]': 'UK' is not a region code"));
    GovernanceSpec s = SpecLoader.parse("pii:\n  operator: hash\n  hash_salt: s3cr3t-salt\n"
        + "  pseudonym_key: k3y\n  operators: {CREDIT_CARD: mask}\n", "x.yaml");
    assertThat(s.pii().operators().get("CREDIT_CARD"), is("mask"));
    String json = SpecLoader.toJson(s).toString();
    assertThat(json, allOf(containsString("\"hash_salt\":\"***\""),
        containsString("\"pseudonym_key\":\"***\"")));
    assertThat(json.contains("s3cr3t") || json.contains("k3y"), is(false));
    // a salt or key of the wrong type is named, never echoed
    String salt = error("pii:\n  hash_salt: [SaltyS3cretValue9931, x]\n");
    assertThat(salt, containsString("'pii.hash_salt' must be"));
    assertThat(salt, not(containsString("Salty")));
    assertThat(error("pii:\n  pseudonym_key: {k: S3cretK3y77}\n"), not(containsString("S3cret")));
  }

  @Test
  public void numbersAreNamedAsNumbers() {
    assertThat(error("decontamination:\n  threshold: \"0.5\"\n"),
        containsString("'decontamination.threshold' must be a number, not '0.5' (line 2)"));
    assertThat(error("decontamination:\n  threshold: .nan\n"),
        containsString("the value '.nan' (line 2) is not a finite number"));
  }

  @Test
  public void aSpecThatIsNotAMappingSaysSo() {
    assertThat(error("- a\n- b\n"), allOf(containsString("a pipeline spec is a mapping of keys"),
        not(containsString("GovernanceSpec"))));
  }

  @Test
  public void aKeyGivenTwiceIsAnError() {
    assertThat(error("secrets:\n  policy: fail\nsecrets:\n  enabled: true\n"),
        allOf(containsString("the key 'secrets' appears twice"), containsString("line 3")));
  }

  @Test
  public void emptyAndInvalidYamlFailClearly() {
    assertThat(error(""), containsString("empty"));
    assertThat(error("pii: {mask: true\n"), allOf(containsString("not valid YAML"),
        containsString("x.yaml")));
  }

  @Test
  public void missingFileIsNamed() {
    SpecException e = assertThrows(SpecException.class,
        () -> SpecLoader.load(Path.of("no/such/spec.yaml")));
    assertThat(e.getMessage(), is("no/such/spec.yaml: pipeline spec not found"));
  }

  @Test
  public void bundledSpecsLoad() throws Exception {
    for (String f : List.of("pipelines/governance.yaml", "pipelines/nightly-audit.yaml")) {
      GovernanceSpec s = SpecLoader.load(Path.of(f));
      assertThat(f, s.input().paths().isEmpty(), is(false));
    }
    assertThat(SpecLoader.load(Path.of("pipelines/nightly-audit.yaml")).output().records(),
        is(false));
  }

  @Test
  public void runnerConfigsBecomeBeamArgumentsAndPassThroughWins() throws Exception {
    RunnerConfig rc = RunnerConfig.parse("runner: DirectRunner\noptions:\n  targetParallelism: 4\n"
        + "  experiments: [a, b]\n", "r.yaml");
    assertThat(rc.toArgs(List.of("--targetParallelism=8")), contains("--runner=DirectRunner",
        "--experiments=a,b", "--targetParallelism=8"));
    assertThat(assertThrows(SpecException.class, () -> RunnerConfig.parse("runnr: X\n", "r.yaml"))
        .getMessage(), containsString("unknown key 'runnr'"));
    assertThat(assertThrows(SpecException.class, () -> RunnerConfig.parse(
        "options:\n  runner: FlinkRunner\nrunner: DirectRunner\n", "r.yaml")).getMessage(),
        containsString("r.yaml: 'runner' is given twice"));
    RunnerConfig direct = RunnerConfig.load(Path.of("runner-configs/direct.yaml"));
    assertThat(direct.runner(), is("DirectRunner"));
    assertThat(Files.exists(Path.of("runner-configs/direct.yaml")), is(true));
  }
}
