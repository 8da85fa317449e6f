package io.provenir.transforms;

import io.provenir.config.SecretPolicy;
import io.provenir.record.DeadLetter;
import io.provenir.record.JsonlLine;
import io.provenir.record.JsonlRecord;
import io.provenir.record.SourceRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;

/** The record steps, each on its own and chained, with the Direct Runner's element checks on. */
public class RecordStepsTest {

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final String AWS = "AKIAQX4BZ7MNPL2WRT5K";

  private static JsonlLine line(int n, String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return new JsonlLine(new SourceRef("in.jsonl", n, n * 100L), b, b.length, false);
  }

  private PCollection<JsonlLine> lines(String... texts) {
    List<JsonlLine> l = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      l.add(line(i + 1, texts[i]));
    }
    return p.apply(Create.of(l).withCoder(ProvenirCoders.JsonlLineCoder.of()));
  }

  private static PCollection<String> ids(PCollection<JsonlRecord> records) {
    return records.apply("Ids", MapElements.into(TypeDescriptors.strings()).via(JsonlRecord::id));
  }

  private static PCollection<String> findings(PCollection<JsonlRecord> records) {
    return records.apply("Findings", MapElements.into(TypeDescriptors.strings()).via(r ->
        r.id() + " " + r.findings().stream().map(f -> f.type() + f.pointer() + ":" + f.start()
            + "-" + f.end()).toList()));
  }

  private static PCollection<String> errors(PCollection<DeadLetter> dls) {
    return dls.apply("Errors", MapElements.into(TypeDescriptors.strings())
        .via(d -> d.ref().locator() + " " + d.error() + " " + d.raw()));
  }

  private static PCollection<String> utf8(PCollection<byte[]> lines, String name) {
    return lines.apply(name, MapElements.into(TypeDescriptors.strings())
        .via(b -> new String(b, StandardCharsets.UTF_8)));
  }

  @Test
  public void parseSendsBadLinesToDeadLetterWithRedactedExcerpts() {
    PCollectionTuple out = lines("{\"id\":\"a\",\"t\":\"x\"}", "{\"t\":\"no id\"}",
        "{\"id\":\"c\", broken " + AWS, "[1,2]").apply(ParseRecords.create());
    PAssert.that(ids(out.get(Tags.RECORDS))).containsInAnyOrder("a", "in.jsonl:2");
    PAssert.that(errors(out.get(Tags.DEAD_LETTERS))).containsInAnyOrder(
        "in.jsonl:3 invalid_json {\"id\":\"c\", broken [SECRET:AWS_ACCESS_KEY]",
        "in.jsonl:4 not_an_object [1,2]");
    p.run();
  }

  @Test
  public void parseHasNoDeadLettersForGoodInput() {
    PCollectionTuple out = lines("{\"id\":1}", "{\"id\":2}").apply(ParseRecords.create());
    PAssert.that(ids(out.get(Tags.RECORDS))).containsInAnyOrder("1", "2");
    PAssert.that(out.get(Tags.DEAD_LETTERS)).empty();
    p.run();
  }

  @Test
  public void oversizeLinesBecomeTooLargeDeadLetters() {
    byte[] prefix = "{\"id\":\"big\",\"t\":\"jane@example.com".getBytes(StandardCharsets.UTF_8);
    JsonlLine big = new JsonlLine(new SourceRef("in.jsonl", 7, 0), prefix, 5_000_000, true);
    PCollectionTuple out = p.apply(Create.of(big).withCoder(ProvenirCoders.JsonlLineCoder.of()))
        .apply(ParseRecords.create());
    PAssert.that(out.get(Tags.RECORDS)).empty();
    PAssert.that(errors(out.get(Tags.DEAD_LETTERS))).containsInAnyOrder(
        "in.jsonl:7 too_large {\"id\":\"big\",\"t\":\"[EMAIL]");
    p.run();
  }

  @Test
  public void scansAddFindingsAndSecretsWinOverPiiInTheSameSpan() {
    PCollection<JsonlRecord> records = lines(
        "{\"id\":\"p\",\"messages\":[{\"content\":\"mail jane@example.com\"}]}",
        "{\"id\":\"s\",\"prompt\":\"export AWS_ACCESS_KEY_ID=" + AWS + "\"}",
        "{\"id\":\"n\",\"prompt\":\"nothing here\"}")
        .apply(ParseRecords.create()).get(Tags.RECORDS);
    PCollectionTuple pii = records.apply("Pii", ScanForPii.create());
    PCollectionTuple secrets = pii.get(Tags.RECORDS).apply("Secrets", ScanForSecrets.create());
    PAssert.that(findings(secrets.get(Tags.RECORDS))).containsInAnyOrder(
        "p [EMAIL/messages/0/content:5-21]", "s [AWS_ACCESS_KEY/prompt:25-45]", "n []");
    PAssert.that(pii.get(Tags.DEAD_LETTERS)).empty();
    PAssert.that(secrets.get(Tags.DEAD_LETTERS)).empty();
    p.run();
  }

  @Test
  public void theScanStepCountsStringsWhosePhoneNumbersWereJudgedByLayout() {
    String table = io.provenir.scan.TestTexts.integers(20_000, 5);
    PCollection<JsonlRecord> records = lines(
        "{\"id\":\"t\",\"table\":\"" + table + "\"}",
        "{\"id\":\"n\",\"prompt\":\"call 030 555 12345\"}")
        .apply(ParseRecords.create()).get(Tags.RECORDS);
    records.apply("Both", ScanRecords.create().withFingerprintKey("k"));
    org.apache.beam.sdk.metrics.MetricQueryResults metrics = p.run().metrics().queryMetrics(
        org.apache.beam.sdk.metrics.MetricsFilter.builder().addNameFilter(
            org.apache.beam.sdk.metrics.MetricNameFilter.named(ScanRecords.ScanFn.class,
                "strings_phones_judged_by_layout")).build());
    long total = 0;
    for (org.apache.beam.sdk.metrics.MetricResult<Long> c : metrics.getCounters()) {
      total += c.getAttempted();
    }
    org.hamcrest.MatcherAssert.assertThat(total, org.hamcrest.Matchers.is(1L));
  }

  @Test
  public void oneScanStepFindsWhatThePiiAndSecretStepsFind() {
    PCollection<JsonlRecord> records = lines(
        "{\"id\":\"p\",\"messages\":[{\"content\":\"mail jane@example.com\"}]}",
        "{\"id\":\"s\",\"prompt\":\"export AWS_ACCESS_KEY_ID=" + AWS + "\"}",
        "{\"id\":\"b\",\"prompt\":\"key " + AWS + " for jane@example.com\"}",
        "{\"id\":\"n\",\"prompt\":\"nothing here\"}")
        .apply(ParseRecords.create()).get(Tags.RECORDS);
    PCollectionTuple out = records.apply("Both", ScanRecords.create().withFingerprintKey("k"));
    PAssert.that(findings(out.get(Tags.RECORDS))).containsInAnyOrder(
        "p [EMAIL/messages/0/content:5-21]", "s [AWS_ACCESS_KEY/prompt:25-45]",
        "b [EMAIL/prompt:29-45, AWS_ACCESS_KEY/prompt:4-24]", "n []");
    PAssert.that(out.get(Tags.DEAD_LETTERS)).empty();
    p.run();
  }

  @Test
  public void aSecretTheAllowlistLetsThroughStillHasItsPiiFound() {
    // The e-mail address is a password's value: resolved together, the secret wins the span; once
    // the allowlist lets the secret through, the address must still be found.
    PCollection<JsonlRecord> records = lines(
        "{\"id\":\"a\",\"cfg\":\"password = 'jane.doe@example.com'\"}")
        .apply(ParseRecords.create()).get(Tags.RECORDS);
    PCollectionTuple out = records.apply("Both", ScanRecords.create().withFingerprintKey("k")
        .withAllowlist(io.provenir.secrets.SecretAllowlist.of(List.of("example\\.com"),
            List.of())));
    PAssert.that(findings(out.get(Tags.RECORDS))).containsInAnyOrder("a [EMAIL/cfg:12-32]");
    PAssert.that(out.get(Tags.RECORDS).apply("Allowed", MapElements
        .into(TypeDescriptors.integers()).via(JsonlRecord::allowedSecrets))).containsInAnyOrder(1);
    p.run();
  }

  @Test
  public void textFieldsLimitWhatIsScanned() {
    PCollection<JsonlRecord> records = lines(
        "{\"id\":\"r\",\"prompt\":\"a@example.com\",\"meta\":{\"owner\":\"b@example.com\"}}")
        .apply(ParseRecords.create()).get(Tags.RECORDS);
    PCollectionTuple out = records.apply(ScanForPii.create().withTextFields(List.of("/prompt")));
    PAssert.that(findings(out.get(Tags.RECORDS))).containsInAnyOrder("r [EMAIL/prompt:0-13]");
    p.run();
  }

  /**
   * With text fields, object keys a selected field lies under are scanned too (they are part of
   * the pointers the outputs write), and an id outside the fields that holds a value does not name
   * the record.
   */
  @Test
  public void textFieldsKeepKeysOnTheirPathsAndUnselectedIdsOutOfTheOutputs() {
    PCollection<JsonlRecord> records = lines(
        "{\"id\":\"r\",\"users\":{\"jane@example.com\":{\"phone\":\"(415) 555-0132\"}},"
            + "\"other\":{\"bob@example.com\":1}}",
        "{\"id\":\"jo@example.com\",\"prompt\":\"call (415) 555-0132\"}")
        .apply(ParseRecords.create()).get(Tags.RECORDS);
    PCollectionTuple out = records.apply(ScanForPii.create().withTextFields(
        List.of("/prompt", "/users/*/phone")));
    PAssert.that(findings(out.get(Tags.RECORDS))).containsInAnyOrder(
        "r [EMAIL/users/jane@example.com:0-16, PHONE/users/jane@example.com/phone:0-14]",
        "in.jsonl:2 [PHONE/prompt:5-19]");
    p.run();
  }

  private PCollectionTuple governed(SecretPolicy policy, boolean mask, String... texts) {
    PCollection<JsonlRecord> r = lines(texts).apply(ParseRecords.create()).get(Tags.RECORDS)
        .apply("Pii", ScanForPii.create()).get(Tags.RECORDS)
        .apply("Secrets", ScanForSecrets.create().withFingerprintKey("k")).get(Tags.RECORDS)
        .apply("Mask", MaskPii.create().withPiiMasking(mask)).get(Tags.RECORDS);
    return r.apply(RouteRecords.create().withPolicy(policy).withPiiMasked(mask));
  }

  @Test
  public void routingQuarantinesSecretsAndMasksPii() {
    PCollectionTuple out = governed(SecretPolicy.QUARANTINE, true,
        "{\"id\":\"c\",\"t\":\"call (415) 555-0132\"}",
        "{\"id\":\"q\",\"t\":\"key " + AWS + " for jane@example.com\"}");
    PAssert.that(utf8(out.get(RouteRecords.CLEAN), "Clean"))
        .containsInAnyOrder("{\"id\":\"c\",\"t\":\"call [PHONE]\"}");
    PAssert.that(utf8(out.get(RouteRecords.QUARANTINE), "Quarantine")).satisfies(q -> {
      List<String> all = new ArrayList<>();
      q.forEach(all::add);
      org.hamcrest.MatcherAssert.assertThat(all, org.hamcrest.Matchers.contains(
          org.hamcrest.Matchers.allOf(
              org.hamcrest.Matchers.startsWith("{\"record_id\":\"q\",\"source\":\"in.jsonl\","
                  + "\"line\":2,\"offset\":200,\"secrets\":[{\"type\":\"AWS_ACCESS_KEY\","
                  + "\"pointer\":\"/t\",\"start\":4,\"end\":24,\"fingerprint\":\""),
              org.hamcrest.Matchers.endsWith("\"record\":{\"id\":\"q\",\"t\":\"key "
                  + "[SECRET:AWS_ACCESS_KEY] for [EMAIL]\"}}"))));
      return null;
    });
    PAssert.that(utf8(out.get(RouteRecords.FINDINGS), "Findings")).satisfies(f -> {
      List<String> all = new ArrayList<>();
      f.forEach(all::add);
      org.hamcrest.MatcherAssert.assertThat(all.size(), org.hamcrest.Matchers.is(3));
      for (String s : all) {
        org.hamcrest.MatcherAssert.assertThat(s, org.hamcrest.Matchers.not(
            org.hamcrest.Matchers.containsString(AWS)));
        org.hamcrest.MatcherAssert.assertThat(s, org.hamcrest.Matchers.not(
            org.hamcrest.Matchers.containsString("jane@")));
      }
      return null;
    });
    p.run();
  }

  /**
   * A card number stored as a JSON integer is found, masked (the number becomes a string) and
   * never names the record; a ten-digit integer is left alone (a timestamp as often as a phone).
   */
  @Test
  public void aCardStoredAsANumberIsMaskedAndNamesNoRecord() {
    PCollectionTuple out = governed(SecretPolicy.QUARANTINE, true,
        "{\"id\":4539578763621486,\"t\":\"hi\",\"ts\":1700000000}",
        "{\"id\":\"b\",\"pay\":{\"card\":4111111111111111}}");
    PAssert.that(utf8(out.get(RouteRecords.CLEAN), "Clean")).containsInAnyOrder(
        "{\"id\":\"[CREDIT_CARD]\",\"t\":\"hi\",\"ts\":1700000000}",
        "{\"id\":\"b\",\"pay\":{\"card\":\"[CREDIT_CARD]\"}}");
    PAssert.that(utf8(out.get(RouteRecords.FINDINGS), "Findings")).satisfies(f -> {
      List<String> all = new ArrayList<>();
      f.forEach(all::add);
      org.hamcrest.MatcherAssert.assertThat(all.size(), org.hamcrest.Matchers.is(2));
      for (String s : all) {
        org.hamcrest.MatcherAssert.assertThat(s, org.hamcrest.Matchers.not(
            org.hamcrest.Matchers.containsString("4539578763621486")));
        org.hamcrest.MatcherAssert.assertThat(s,
            org.hamcrest.Matchers.containsString("\"type\":\"CREDIT_CARD\""));
      }
      return null;
    });
    p.run();
  }

  @Test
  public void reportPolicyKeepsRecordsCleanButStillRedactsSecrets() {
    PCollectionTuple out = governed(SecretPolicy.REPORT, false,
        "{\"id\":\"q\",\"t\":\"key " + AWS + " for jane@example.com\"}");
    PAssert.that(utf8(out.get(RouteRecords.CLEAN), "Clean")).containsInAnyOrder(
        "{\"id\":\"q\",\"t\":\"key [SECRET:AWS_ACCESS_KEY] for jane@example.com\"}");
    PAssert.that(out.get(RouteRecords.QUARANTINE)).empty();
    p.run();
  }

  @Test
  public void failPolicyQuarantinesLikeQuarantine() {
    PCollectionTuple out = governed(SecretPolicy.FAIL, true,
        "{\"id\":\"q\",\"t\":\"" + AWS + "\"}", "{\"id\":\"c\",\"t\":\"fine\"}");
    PAssert.that(utf8(out.get(RouteRecords.CLEAN), "Clean"))
        .containsInAnyOrder("{\"id\":\"c\",\"t\":\"fine\"}");
    PAssert.that(utf8(out.get(RouteRecords.QUARANTINE), "Quarantine").apply("Count",
        org.apache.beam.sdk.transforms.Count.globally())).containsInAnyOrder(1L);
    p.run();
  }

  private static PCollection<String> outputs(PCollection<JsonlRecord> records, String name) {
    return records.apply(name, MapElements.into(TypeDescriptors.strings()).via(r ->
        r.id() + " " + r.findings().stream().map(f -> f.type() + f.pointer() + ":" + f.start()
            + "-" + f.end()).toList() + " " + new String(r.output(), StandardCharsets.UTF_8)));
  }

  private PCollection<JsonlLine> namedLines(String name, String... texts) {
    List<JsonlLine> l = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      l.add(line(i + 1, texts[i]));
    }
    return p.apply(name, Create.of(l).withCoder(ProvenirCoders.JsonlLineCoder.of()));
  }

  private static final String[] MIXED = {"{\"id\":\"c\",\"t\":\"call (415) 555-0132\"}",
    "{\"id\":\"q\",\"t\":\"key " + AWS + " for jane@example.com\"}",
    "{\"id\":\"n\",\"t\":\"nothing here\"}", "{\"id\":\"bad\", broken"};

  private static final String[] MIXED_OUT = {
    "c [PHONE/t:5-19] {\"id\":\"c\",\"t\":\"call [PHONE]\"}",
    "q [EMAIL/t:29-45, AWS_ACCESS_KEY/t:4-24] {\"id\":\"q\",\"t\":\"key [SECRET:AWS_ACCESS_KEY] for"
        + " [EMAIL]\"}",
    "n [] {\"id\":\"n\",\"t\":\"nothing here\"}"};

  /** Scan and mask run inside the parse step give the records they give as ParDos of their own. */
  @Test
  public void stepsRunInsideTheParseStepAsOnTheirOwn() {
    ScanRecords scan = ScanRecords.create().withFingerprintKey("k");
    MaskPii mask = MaskPii.create();
    PCollectionTuple fused = namedLines("Fused", MIXED).apply("ParseScanMask",
        ParseRecords.create().thenApply(scan, mask));
    PCollection<JsonlRecord> separate = namedLines("Separate", MIXED)
        .apply("Parse", ParseRecords.create()).get(Tags.RECORDS)
        .apply("Scan", scan).get(Tags.RECORDS)
        .apply("Mask", mask).get(Tags.RECORDS);
    PAssert.that(outputs(fused.get(Tags.RECORDS), "FusedOut")).containsInAnyOrder(MIXED_OUT);
    PAssert.that(outputs(separate, "SeparateOut")).containsInAnyOrder(MIXED_OUT);
    PAssert.that(errors(fused.get(Tags.DEAD_LETTERS)))
        .containsInAnyOrder("in.jsonl:4 invalid_json {\"id\":\"bad\", broken");
    p.run();
  }

  /** A step that throws on a record run inside the parse step: that record, under its name. */
  static final class FailsOnBoom extends RecordStep {
    @Override
    String parDoName() {
      return "Boom";
    }

    @Override
    String stepName() {
      return "BoomStep";
    }

    @Override
    RecordStepFn fn(String step) {
      return new RecordStepFn(step, 1024) {
        @Override
        void setUpStep() {}

        @Override
        JsonlRecord apply(JsonlRecord r) {
          if (r.id().equals("boom")) {
            throw new IllegalStateException("no");
          }
          return r;
        }
      };
    }
  }

  @Test
  public void aStepInsideTheParseStepDeadLettersUnderItsOwnName() {
    PCollectionTuple out = namedLines("In", "{\"id\":\"ok\"}", "{\"id\":\"boom\"}")
        .apply(ParseRecords.create().thenApply(new FailsOnBoom(), MaskPii.create()));
    PAssert.that(ids(out.get(Tags.RECORDS))).containsInAnyOrder("ok");
    PAssert.that(out.get(Tags.DEAD_LETTERS).apply("Steps", MapElements.into(
        TypeDescriptors.strings()).via(d -> d.ref().locator() + " " + d.step() + " " + d.error()
            + " " + d.message()))).containsInAnyOrder(
        "in.jsonl:2 BoomStep processing_error BoomStep failed: IllegalStateException");
    p.run();
  }
}
