package io.provenir.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code provenir run} end to end on the Direct Runner, in-process. */
public class RunCommandTest {

  @ClassRule public static final TemporaryFolder SHARED = new TemporaryFolder();
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  /** One run of the default spec over the sample, shared by the tests that only read it. */
  private static Path sampleRun;
  private static Cli.Result sampleResult;

  @BeforeClass
  public static void runSample() throws IOException {
    sampleRun = SHARED.getRoot().toPath().resolve("sample-run");
    sampleResult = Cli.run("run", "--output", sampleRun.toString(), "--run-id", "sample-1");
  }

  @Test
  public void sampleRunSucceedsAndPrintsTheSummary() {
    assertThat(sampleResult.err(), sampleResult.code(), is(0));
    assertThat(sampleResult.out(), allOf(containsString("Provenir run sample-1"),
        containsString("reconciled: input_lines (367) == clean (357) + quarantined (3)"
            + " + contaminated (3) + dead_letter (2) + blank (2)"),
        containsString("decontam     both @ 0.81: gsm8k 3/200 items leaked (1.5%), 3 records"),
        containsString("PII"), containsString("secrets"), containsString(sampleRun.toString())));
  }

  @Test
  public void reportCountsReconcileAndMatchTheSample() throws IOException {
    JsonNode r = Cli.report(sampleRun);
    JsonNode c = r.get("counts");
    assertThat(c.get("input_lines").asLong(), is(367L));
    assertThat(c.get("clean").asLong(), is(357L));
    assertThat(c.get("quarantined").asLong(), is(3L));
    assertThat(c.get("contaminated").asLong(), is(3L));
    assertThat(c.get("dead_letter").asLong(), is(2L));
    assertThat(c.get("blank").asLong(), is(2L));
    assertThat(c.get("reconciled").asBoolean(), is(true));
    assertThat(r.get("status").asText(), is("ok"));
    assertThat(r.get("run_id").asText(), is("sample-1"));
    assertThat(r.at("/dead_letter/by_error/invalid_json").asLong(), is(1L));
    assertThat(r.at("/dead_letter/by_error/not_an_object").asLong(), is(1L));
    assertThat(r.at("/secrets/affected_records").asLong(), is(3L));
    assertThat(r.at("/inputs/files").size(), is(3));
    assertThat(r.at("/config/secrets/policy").asText(), is("quarantine"));
    assertThat(r.get("config_sha256").asText().length(), is(64));
    JsonNode d = r.get("decontamination");
    assertThat(d.get("method").asText(), is("both"));
    assertThat(d.get("checked_records").asLong(), is(360L)); // every record but the quarantined
    JsonNode g = d.at("/benchmarks/gsm8k");
    assertThat(g.get("items").asLong(), is(200L));
    assertThat(g.get("items_hit").asLong(), is(3L));
    assertThat(g.get("leaked_share").asDouble(), is(0.015));
    assertThat(g.get("records_removed").asLong(), is(3L));
    assertThat(g.at("/records_by_method/both").asLong(), is(2L));
    assertThat(g.at("/records_by_method/semantic").asLong(), is(1L));
    long histogram = 0;
    for (JsonNode n : g.at("/score_histogram/counts")) {
      histogram += n.asLong();
    }
    assertThat(histogram, is(360L));
    for (JsonNode t : SampleTruth.values()) {
      String cat = t.get("kind").asText().equals("pii") ? "pii" : "secrets";
      assertThat(r.at("/" + cat + "/by_type/" + t.get("type").asText()).asLong() > 0, is(true));
    }
  }

  @Test
  public void theLastStepWritesTheManifestAndAModelCardThatAgreeWithTheReport()
      throws Exception {
    JsonNode report = Cli.report(sampleRun);
    JsonNode manifest = Cli.JSON.readTree(sampleRun.resolve("manifest.json").toFile());
    assertThat(Files.readString(Path.of("artifacts/manifests/sample-1.json")),
        equalTo(Files.readString(sampleRun.resolve("manifest.json"))));
    assertThat(manifest.at("/governance/counts"), equalTo(report.get("counts")));
    assertThat(manifest.at("/dataset/records").asLong(), is(357L));
    assertThat(manifest.at("/model/name").asText(), is("provenir-sample-assistant"));
    // the content hash: the sum of the SHA-256 of every clean line, mod 2^256
    java.math.BigInteger sum = java.math.BigInteger.ZERO;
    for (String line : Cli.lines(sampleRun, "clean")) {
      sum = sum.add(new java.math.BigInteger(1, java.security.MessageDigest
          .getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8))));
    }
    sum = sum.mod(java.math.BigInteger.ONE.shiftLeft(256));
    assertThat(manifest.at("/dataset/content_hash").asText(),
        is("sha256-sum:" + String.format("%064x", sum)));
    String card = Files.readString(sampleRun.resolve("MODEL_CARD.md"));
    assertThat(card, containsString("license: apache-2.0"));
    assertThat(card, containsString(report.get("reconciliation").asText()));
    assertThat(card, containsString("| Decontamination: gsm8k (both, cosine >= 0.81) | 3 records"
        + " removed; 3 of 200 eval items leaked (1.5%) |"));
    assertThat(card, containsString("3 records quarantined, 3 secrets"));
    assertThat(card, containsString("| PII masked | 115 records, 207 values"));
  }

  @Test
  public void findingsAreExactlyThePlantedValues() throws IOException {
    Set<String> expected = new TreeSet<>();
    for (JsonNode t : SampleTruth.values()) {
      expected.add(t.get("file").asText() + ":" + t.get("line").asInt() + t.get("pointer").asText()
          + " " + t.get("type").asText() + " " + t.get("start").asInt() + "-" + t.get("end").asInt());
    }
    Set<String> found = new TreeSet<>();
    for (JsonNode f : Cli.json(sampleRun, "findings")) {
      String file = Path.of(f.get("source").asText()).getFileName().toString();
      found.add(file + ":" + f.get("line").asInt() + f.get("pointer").asText() + " "
          + f.get("type").asText() + " " + f.get("start").asInt() + "-" + f.get("end").asInt());
      assertThat(f.get("category").asText(), is(f.get("type").asText().contains("TOKEN")
          || f.get("type").asText().contains("KEY") ? "secret" : "pii"));
    }
    assertThat(found, equalTo(expected));
  }

  @Test
  public void everyLineEndsInExactlyTheExpectedOutput() throws IOException {
    Set<String> clean = new HashSet<>();
    int ticketsInClean = 0;
    for (JsonNode rec : Cli.json(sampleRun, "clean")) {
      if (rec.has("id")) {
        assertThat("duplicate " + rec.get("id"), clean.add(rec.get("id").asText()), is(true));
      } else {
        ticketsInClean++;
      }
    }
    Set<String> quarantined = new HashSet<>();
    for (JsonNode q : Cli.json(sampleRun, "quarantine")) {
      quarantined.add(q.get("record_id").asText());
      assertThat(q.at("/record/id").asText(), is(q.get("record_id").asText()));
    }
    Set<String> contaminated = new HashSet<>();
    for (JsonNode q : Cli.json(sampleRun, "contaminated")) {
      contaminated.add(q.get("record_id").asText());
      assertThat(q.at("/record/id").asText(), is(q.get("record_id").asText()));
      assertThat(q.get("benchmark").asText(), is("gsm8k"));
      assertThat(q.get("eval_id").asText(), startsWith("gsm8k-test-"));
      assertThat(q.get("score").asDouble(), greaterThanOrEqualTo(0.81));
    }
    Set<String> dead = new HashSet<>();
    for (JsonNode d : Cli.json(sampleRun, "dead-letter")) {
      dead.add(Path.of(d.get("source").asText()).getFileName() + ":" + d.get("line").asInt() + " "
          + d.get("error").asText());
      assertThat(d.get("step").asText(), is("ParseRecords"));
    }
    Set<String> expectClean = new HashSet<>();
    Set<String> expectQuarantine = new HashSet<>();
    Set<String> expectDead = new HashSet<>();
    Set<String> expectContaminated = new HashSet<>();
    int expectTickets = 0;
    for (JsonNode l : SampleTruth.lines()) {
      switch (l.get("outcome").asText()) {
        case "clean" -> {
          if (l.get("id").isNull()) {
            expectTickets++;
          } else {
            expectClean.add(l.get("id").asText());
          }
        }
        case "quarantine" -> expectQuarantine.add(l.get("id").asText());
        case "contaminated" -> expectContaminated.add(l.get("id").asText());
        case "dead-letter" -> expectDead.add(l.get("file").asText() + ":" + l.get("line").asInt()
            + " " + l.get("error").asText());
        default -> { }
      }
    }
    assertThat(clean, equalTo(expectClean));
    assertThat(ticketsInClean, is(expectTickets));
    assertThat(quarantined, equalTo(expectQuarantine));
    assertThat(contaminated, equalTo(expectContaminated));
    assertThat(dead, equalTo(expectDead));
  }

  @Test
  public void noSecretOrPiiValueIsWrittenAnywhere() throws IOException {
    String all = Cli.everything(sampleRun) + sampleResult.out() + sampleResult.err();
    int secrets = 0;
    for (JsonNode t : SampleTruth.values()) {
      String value = SampleTruth.valueOf(t);
      assertThat(value, all, not(containsString(value)));
      if (t.get("kind").asText().equals("secret")) {
        secrets++;
        // not even a recognisable piece of it
        assertThat(all, not(containsString(value.substring(4, 16))));
      }
    }
    assertThat(secrets, is(3));
    assertThat(all, containsString("[SECRET:GITHUB_TOKEN]"));
    assertThat(all, containsString("[EMAIL]"));
  }

  @Test
  public void cleanRecordsKeepEveryByteButTheMaskedValues() throws IOException {
    List<String> originals = Files.readAllLines(SampleTruth.SAMPLE.resolve("instructions.jsonl"));
    Set<String> cleanLines = new HashSet<>(Cli.lines(sampleRun, "clean"));
    int unchanged = 0;
    for (String o : originals) {
      if (cleanLines.contains(o)) {
        unchanged++;
      }
    }
    // records without findings are written byte for byte
    assertThat(unchanged > 100, is(true));
  }

  @Test
  public void splitReadsGiveTheSameRecordsLocatedByByteOffset() throws IOException {
    Path spec = tmp.getRoot().toPath().resolve("split.yaml");
    Files.writeString(spec, "input:\n  paths: [pipelines/sample/instructions.jsonl]\n"
        + "  split_bytes: 4096\n  id_field: /no/such/field\n");
    Path split = tmp.getRoot().toPath().resolve("split");
    Path whole = tmp.getRoot().toPath().resolve("whole");
    assertThat(Cli.run("run", spec.toString(), "--output", split.toString()).code(), is(0));
    assertThat(Cli.run("run", "--input", "pipelines/sample/instructions.jsonl", "--output",
        whole.toString(), "--decontamination", "off").code(), is(0));
    assertThat(new TreeSet<>(Cli.lines(split, "clean")),
        equalTo(new TreeSet<>(Cli.lines(whole, "clean"))));
    assertThat(Cli.report(split).at("/counts/reconciled").asBoolean(), is(true));
    assertThat(Cli.report(split).at("/counts/input_lines"),
        equalTo(Cli.report(whole).at("/counts/input_lines")));
    // the same records in other shards and order: the same content hash
    assertThat(Cli.report(split).at("/dataset/content_hash").asText(),
        equalTo(Cli.report(whole).at("/dataset/content_hash").asText()));
    for (JsonNode q : Cli.json(split, "quarantine")) {
      assertThat(q.get("record_id").asText(), containsString("instructions.jsonl@"));
      assertThat(q.get("line").isNull(), is(true));
    }
    for (JsonNode d : Cli.json(split, "dead-letter")) {
      assertThat(d.get("line").isNull(), is(true));
      assertThat(d.get("offset").asLong() > 0, is(true));
    }
  }

  @Test
  public void maskingOperatorsFromTheSpecApplyAndTheSaltIsNeverWritten() throws IOException {
    Path spec = tmp.getRoot().toPath().resolve("ops.yaml");
    Files.writeString(spec, "input:\n  paths: [pipelines/sample/chats.jsonl]\n"
        + "pii:\n  operator: pseudonymize\n  operators: {CREDIT_CARD: mask, SSN: hash}\n"
        + "  hash_salt: pepper-0f9e8d\n");
    Path out = tmp.getRoot().toPath().resolve("ops");
    Cli.Result r = Cli.run("run", spec.toString(), "--output", out.toString());
    assertThat(r.err(), r.code(), is(0));
    String clean = String.join("\n", Cli.lines(out, "clean"));
    assertThat(clean, containsString("[EMAIL_1]"));
    assertThat(clean, not(containsString("[EMAIL]")));
    assertThat(java.util.regex.Pattern.compile("\\*{4}([- ]?)\\*{4}").matcher(clean).find(),
        is(true));
    assertThat(java.util.regex.Pattern.compile("[0-9a-f]{64}").matcher(clean).find(), is(true));
    assertThat(Cli.everything(out), not(containsString("pepper-0f9e8d")));
    assertThat(Cli.report(out).at("/config/pii/hash_salt").asText(), is("***"));
    assertThat(Cli.report(out).at("/config/pii/operators/SSN").asText(), is("hash"));
  }

  @Test
  public void theSummaryNotesStringsWhosePhoneNumbersWereJudgedByLayout() throws IOException {
    String table = io.provenir.scan.TestTexts.integers(20_000, 7);
    Path in = tmp.getRoot().toPath().resolve("dense.jsonl");
    Files.writeString(in, "{\"id\":\"t\",\"prompt\":\"numbers\",\"response\":\"" + table
        + "\"}\n");
    Cli.Result r = Cli.run("run", "--input", in.toString(), "--output",
        tmp.getRoot().toPath().resolve("dense").toString(), "--decontamination", "off");
    assertThat(r.err(), r.code(), is(0));
    assertThat(r.out(), containsString("note         1 string(s) dense with numbers"));
    assertThat(sampleResult.out(), not(containsString("dense with numbers")));
  }

  @Test
  public void allowlistedSecretsStayCleanAndAreCounted() throws IOException {
    Path spec = tmp.getRoot().toPath().resolve("allow.yaml");
    Files.writeString(spec, "input:\n  paths: [pipelines/sample/chats.jsonl]\n"
        + "secrets:\n  allow:\n    patterns: ['^ghp_', '^eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9']\n");
    Path out = tmp.getRoot().toPath().resolve("allow");
    Cli.Result r = Cli.run("run", spec.toString(), "--output", out.toString());
    assertThat(r.err(), r.code(), is(0));
    JsonNode report = Cli.report(out);
    assertThat(report.at("/counts/quarantined").asLong(), is(0L));
    assertThat(report.at("/secrets/allowed").asLong(), is(2L));
    assertThat(report.at("/secrets/affected_records").asLong(), is(0L));
    Path bad = tmp.getRoot().toPath().resolve("bad-allow.yaml");
    Files.writeString(bad, "secrets:\n  allow:\n    fingerprints: [abc]\n");
    assertThat(Cli.run("run", bad.toString()).err(),
        containsString("'secrets.allow.fingerprints[0]' must be 16 hex digits"));
  }

  /** What would only fail after the pipeline ran is refused before it, with exit code 2. */
  @Test
  public void problemsFoundLateAreRefusedUpFront() throws IOException {
    Path root = tmp.getRoot().toPath();
    String input = "--input=pipelines/sample/instructions.jsonl";
    Path notADir = root.resolve("audit-file");
    Files.writeString(notADir, "x");
    Cli.Result audit = Cli.run("run", input, "--output", root.resolve("o1").toString(),
        "--audit-dir", notADir.toString());
    assertThat(audit.err(), audit.code(), is(2));
    assertThat(audit.err(), containsString("audit.dir " + notADir + "/ exists and is not a"));
    Path results = root.resolve("results.json");
    Files.writeString(results, "{\"results\": [{\"task\": {\"type\": \"text-generation\"},"
        + " \"dataset\": {\"type\": \"gsm8k\", \"name\": \"GSM8K\", \"config\": 5},"
        + " \"metrics\": {\"accuracy\": 0.5}}]}");
    Path spec = root.resolve("card.yaml");
    Files.writeString(spec, "input:\n  paths: [" + Path.of("pipelines/sample/instructions.jsonl")
        .toAbsolutePath() + "]\nmodel_card:\n  eval_results: " + results + "\n  model:\n"
        + "    name: m\n");
    Cli.Result card = Cli.run("run", spec.toString(), "--output", root.resolve("o2").toString());
    assertThat(card.err(), card.code(), is(2));
    assertThat(card.err(), containsString("dataset.config must be a string"));
    assertThat(Files.exists(root.resolve("o1")) || Files.exists(root.resolve("o2")), is(false));
    Cli.Result glob = Cli.run("run", "--input", "[", "--output", root.resolve("o3").toString());
    assertThat(glob.err(), glob.code(), is(2));
    assertThat(glob.err(), containsString("input '[' is not a valid glob"));
    Cli.Result underAFile = Cli.run("run", input, "--output", notADir.resolve("out").toString());
    assertThat(underAFile.err(), underAFile.code(), is(2));
    assertThat(underAFile.err(), containsString("cannot be created"));
    Cli.Result s3 = Cli.run("run", "--input", "s3://b/x.jsonl", "--output",
        root.resolve("o4").toString());
    assertThat(s3.err(), s3.code(), is(2));
    assertThat(s3.err(), containsString("PROVENIR_PROFILES=aws"));
  }

  @Test
  public void rerunIntoTheSameDirectoryFailsUnlessOverwrite() throws IOException {
    Path out = tmp.getRoot().toPath().resolve("r");
    String input = "--input=pipelines/sample/instructions.jsonl";
    assertThat(Cli.run("run", input, "--output", out.toString()).code(), is(0));
    Cli.Result again = Cli.run("run", input, "--output", out.toString());
    assertThat(again.code(), is(2));
    assertThat(again.err(), allOf(containsString("not empty"), containsString("--overwrite")));
    assertThat(Cli.run("run", input, "--output", out.toString(), "--overwrite").code(), is(0));
    Files.writeString(out.resolve("notes.txt"), "mine");
    Cli.Result refused = Cli.run("run", input, "--output", out.toString(), "--overwrite");
    assertThat(refused.code(), is(2));
    assertThat(refused.err(), allOf(containsString("refusing"), containsString("notes.txt")));
    assertThat(Files.exists(out.resolve("notes.txt")), is(true));
  }

  @Test
  public void failPolicyWritesEverythingThenExitsWithThree() throws IOException {
    Path out = tmp.getRoot().toPath().resolve("f");
    Cli.Result r = Cli.run("run", "--output", out.toString(), "--secrets-policy", "fail");
    assertThat(r.code(), is(3));
    assertThat(r.err(), containsString("secrets.policy is 'fail'"));
    JsonNode report = Cli.report(out);
    assertThat(report.get("status").asText(), is("policy_violation"));
    assertThat(Cli.lines(out, "quarantine").size(), is(3));
    assertThat(Cli.lines(out, "clean").size(), is(357));
  }

  /**
   * A secret in a line that is not a record (cut JSON, an array) is still a secret in the input:
   * it is counted, said, and fails the 'fail' policy; the dead letter holds it redacted.
   */
  @Test
  public void aSecretInADeadLetteredLineFailsTheFailPolicy() throws IOException {
    Path in = tmp.getRoot().toPath().resolve("dl.jsonl");
    Files.writeString(in, "{\"id\":\"x2\",\"t\":\"token ghp_0123456789abcdefABCDEF0123456789abcd\"\n"
        + "[\"AKIAQYLPMN5HHHFPZAM2 is my key\"]\n{\"id\":\"ok\",\"t\":\"fine\"}\n");
    Path out = tmp.getRoot().toPath().resolve("dl");
    Cli.Result r = Cli.run("run", "--input", in.toString(), "--output", out.toString(),
        "--secrets-policy", "fail", "--decontamination", "off");
    assertThat(r.err(), r.code(), is(3));
    assertThat(r.out(), containsString("and 2 dead-lettered lines: AWS_ACCESS_KEY 1, GITHUB_TOKEN 1"));
    JsonNode report = Cli.report(out);
    assertThat(report.at("/secrets/dead_letter_lines").asLong(), is(2L));
    assertThat(report.get("status").asText(), is("policy_violation"));
    String dead = String.join("\n", Cli.lines(out, "dead-letter"));
    assertThat(dead, allOf(containsString("[SECRET:GITHUB_TOKEN]"),
        not(containsString("ghp_0123456789"))));
    Cli.Result quarantine = Cli.run("run", "--input", in.toString(), "--output",
        out.resolveSibling("dl-q").toString(), "--decontamination", "off");
    assertThat(quarantine.err(), quarantine.code(), is(0));
  }

  @Test
  public void nightlyAuditReportsWithoutCopyingRecords() throws IOException {
    Path out = tmp.getRoot().toPath().resolve("audit");
    Cli.Result r = Cli.run("run", "pipelines/nightly-audit.yaml", "--output", out.toString());
    assertThat(r.err(), r.code(), is(3));
    assertThat(Files.exists(out.resolve("clean")), is(false));
    assertThat(Files.exists(out.resolve("quarantine")), is(false));
    assertThat(Cli.lines(out, "findings").size(), is(SampleTruth.values().size()));
    JsonNode report = Cli.report(out);
    assertThat(report.at("/counts/reconciled").asBoolean(), is(true));
    assertThat(report.at("/outputs/clean").isMissingNode(), is(true));
  }

  @Test
  public void malformedLinesAreDeadLetteredAndCounted() throws IOException {
    Path in = tmp.getRoot().toPath().resolve("bad.jsonl");
    byte[] invalidUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}', '\n'};
    Files.write(in, ("{\"id\":\"ok\",\"t\":\"fine\"}\n"
        + "not json at all ghp_Q8w2E4r6T8y0U2i4O6p8A0s2D4f6G8h0J2k4\n"
        + "42\n"
        + "{\"id\":\"big\",\"t\":\"" + "z".repeat(3000) + "\"}\n"
        + "\n").getBytes(StandardCharsets.UTF_8));
    Files.write(in, invalidUtf8, java.nio.file.StandardOpenOption.APPEND);
    Path spec = tmp.getRoot().toPath().resolve("small.yaml");
    Files.writeString(spec, "input:\n  paths: [" + in + "]\n  max_record_bytes: 1024\n");
    Path out = tmp.getRoot().toPath().resolve("bad-out");
    Cli.Result r = Cli.run("run", spec.toString(), "--output", out.toString());
    assertThat(r.err(), r.code(), is(0));
    JsonNode report = Cli.report(out);
    assertThat(report.at("/counts/input_lines").asLong(), is(6L));
    assertThat(report.at("/counts/clean").asLong(), is(1L));
    assertThat(report.at("/counts/blank").asLong(), is(1L));
    assertThat(report.at("/counts/dead_letter").asLong(), is(4L));
    assertThat(report.at("/counts/reconciled").asBoolean(), is(true));
    List<String> errors = new ArrayList<>();
    for (JsonNode d : Cli.json(out, "dead-letter")) {
      errors.add(d.get("line").asInt() + " " + d.get("error").asText());
      assertThat(d.get("message").asText().isEmpty(), is(false));
    }
    assertThat(new TreeSet<>(errors), equalTo(new TreeSet<>(List.of("2 invalid_json",
        "3 not_an_object", "4 too_large", "6 invalid_utf8"))));
    assertThat(Cli.everything(out), not(containsString("ghp_Q8w2")));
  }

  @Test
  public void anEmptyInputFileIsAnEmptyButReconciledRun() throws IOException {
    Path in = tmp.getRoot().toPath().resolve("empty.jsonl");
    Files.writeString(in, "");
    Path out = tmp.getRoot().toPath().resolve("empty-out");
    Cli.Result r = Cli.run("run", "--input", in.toString(), "--output", out.toString());
    assertThat(r.err(), r.code(), is(0));
    JsonNode report = Cli.report(out);
    assertThat(report.at("/counts/input_lines").asLong(), is(0L));
    assertThat(report.at("/counts/reconciled").asBoolean(), is(true));
    assertThat(report.at("/inputs/files/0/lines").asLong(), is(0L));
    assertThat(Cli.lines(out, "clean").isEmpty(), is(true));
  }

  @Test
  public void usageErrorsExitWithTwoAndNameTheProblemWithoutAStackTrace() throws IOException {
    Path spec = tmp.getRoot().toPath().resolve("typo.yaml");
    Files.writeString(spec, "input:\n  paths: [pipelines/sample/]\nsecrets:\n  polcy: fail\n");
    List<Cli.Result> results = List.of(
        Cli.run("run", spec.toString()),
        Cli.run("run", "--input", "no/such/*.jsonl", "--output", tmp.getRoot() + "/x"),
        // A missing file right under /: Beam's glob fallback would walk the whole file system.
        Cli.run("run", "--input", "/no-such-provenir-input.jsonl", "--output", tmp.getRoot() + "/z"),
        Cli.run("run", "no-such-spec.yaml"),
        Cli.run("run", "--secrets-policy", "maybe"),
        Cli.run("run", "--run-id", "bad id!"),
        Cli.run("run", "--output", tmp.getRoot() + "/y", "--", "--noSuchBeamOption=1"),
        Cli.run("run", "--runner-config", "no/such/runner.yaml"),
        Cli.run("run", "--no-such-flag"));
    List<String> expected = List.of("unknown key 'secrets.polcy' (line 4)",
        "input 'no/such/*.jsonl' matched no files",
        "input '/no-such-provenir-input.jsonl' matched no files",
        "no-such-spec.yaml: pipeline spec not found",
        "--secrets-policy 'maybe' must be one of quarantine, fail, report",
        "--run-id 'bad id!'", "noSuchBeamOption", "no/such/runner.yaml: runner config not found",
        "Unknown option: '--no-such-flag'");
    for (int i = 0; i < results.size(); i++) {
      Cli.Result r = results.get(i);
      assertThat(r.err(), r.code(), is(2));
      assertThat(r.err(), containsString(expected.get(i)));
      assertThat(r.err(), not(containsString("\tat ")));
      assertThat(r.err(), not(containsString("Exception")));
    }
  }

  @Test
  public void runnerConfigAndPassThroughOptionsAreApplied() throws IOException {
    Path out = tmp.getRoot().toPath().resolve("rc");
    Cli.Result r = Cli.run("run", "--runner-config", "runner-configs/direct.yaml",
        "--input", "pipelines/sample/chats.jsonl", "--output", out.toString(), "--",
        "--targetParallelism=2");
    assertThat(r.err(), r.code(), is(0));
    assertThat(Cli.report(out).get("runner").asText(), is("DirectRunner"));
  }

  @Test
  public void helpAndVersion() {
    Cli.Result help = Cli.run("--help");
    assertThat(help.code(), is(0));
    assertThat(help.out(), allOf(containsString("run"), containsString("Exit codes")));
    Cli.Result runHelp = Cli.run("run", "--help");
    assertThat(runHelp.code(), is(0));
    assertThat(runHelp.out(), allOf(containsString("--runner-config"), containsString("--input"),
        containsString("--output"), containsString("--run-id"), containsString("-- BEAM_OPTION"),
        containsString("PipelineOptionsFactory")));
    Cli.Result version = Cli.run("--version");
    assertThat(version.code(), is(0));
    assertThat(version.out(), allOf(containsString("provenir 0.1.0"),
        containsString("Apache Beam 2.70.0")));
    assertThat(Cli.run().code(), is(2));
  }
}
