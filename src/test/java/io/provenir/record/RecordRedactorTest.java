package io.provenir.record;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.sameInstance;

import io.provenir.pii.PiiDetectors;
import io.provenir.scan.TextScanner;
import io.provenir.secrets.Fingerprints;
import io.provenir.secrets.SecretDetectors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class RecordRedactorTest {

  private static final RecordScanner PII = new RecordScanner(new TextScanner(PiiDetectors.all()),
      FieldSelector.all(), null);
  private static final RecordScanner SECRETS = new RecordScanner(
      new TextScanner(SecretDetectors.all()), FieldSelector.all(), new Fingerprints("test"));

  private static String redact(String line, boolean maskPii) throws Exception {
    byte[] raw = line.getBytes(StandardCharsets.UTF_8);
    List<StringLeaf> leaves = new JsonRecordParser("id").parse(raw).leaves();
    List<Finding> findings = new ArrayList<>(PII.scan(leaves));
    findings.addAll(SECRETS.scan(leaves));
    return new String(new RecordRedactor(maskPii).redact(raw, leaves, findings),
        StandardCharsets.UTF_8);
  }

  @Test
  public void changesOnlyTheBytesOfEachValue() throws Exception {
    String line = "{ \"id\" : \"r1\",\"n\":1.50e3,  \"prompt\":\"mail jane@example.com\\n"
        + "thanks\",\"keep\":\"caf\\u00e9 \\\"quoted\\\"\" }";
    assertThat(redact(line, true), is("{ \"id\" : \"r1\",\"n\":1.50e3,  \"prompt\":\"mail [EMAIL]"
        + "\\nthanks\",\"keep\":\"caf\\u00e9 \\\"quoted\\\"\" }"));
  }

  /**
   * A card number stored as a JSON integer is found and masked: the number becomes a string. Other
   * integers (a phone-like or timestamp-like ten or thirteen digits, a Luhn-invalid sixteen) and
   * non-integers stay as written; an integer written with a zero fraction, as Python writes a
   * float, is an integer.
   */
  @Test
  public void aCardNumberStoredAsANumberBecomesAMaskedString() throws Exception {
    String line = "{\"id\":\"r\",\"card\": 4539578763621486 ,\"phone\":4155550132,"
        + "\"ts\":1700000000123,\"bad\":4539578763621487,\"f\":4539578763621486.0,"
        + "\"g\":4539578763621486.5,\"n\":[-4111111111111111]}";
    String masked = redact(line, true);
    assertThat(masked, is("{\"id\":\"r\",\"card\": \"[CREDIT_CARD]\" ,\"phone\":4155550132,"
        + "\"ts\":1700000000123,\"bad\":4539578763621487,\"f\":\"[CREDIT_CARD]\","
        + "\"g\":4539578763621486.5,\"n\":[\"-[CREDIT_CARD]\"]}"));
    new com.fasterxml.jackson.databind.ObjectMapper().readTree(masked); // still JSON
    assertThat(redact(line, false), is(line));
  }

  @Test
  public void mapsOffsetsThroughEscapesAndMultiByteCharacters() throws Exception {
    String line = "{\"t\":\"\\u00e9\\t\u00e9\ud83d\ude00 call (415) 555-0132 \\\"ok\\\"\"}";
    assertThat(redact(line, true), is("{\"t\":\"\\u00e9\\t\u00e9\ud83d\ude00 call [PHONE] "
        + "\\\"ok\\\"\"}"));
  }

  @Test
  public void redactsSecretsAlwaysAndPiiOnlyWhenMasking() throws Exception {
    String line = "{\"a\":\"key AKIAQX4BZ7MNPL2WRT5K from jane@example.com\"}";
    assertThat(redact(line, false), is("{\"a\":\"key [SECRET:AWS_ACCESS_KEY] from jane@example.com\"}"));
    assertThat(redact(line, true), is("{\"a\":\"key [SECRET:AWS_ACCESS_KEY] from [EMAIL]\"}"));
  }

  @Test
  public void masksSeveralValuesInSeveralFields() throws Exception {
    String line = "{\"messages\":[{\"content\":\"10.0.0.1 and 10.0.0.2\"},{\"content\":"
        + "\"SSN 123-45-6789\"}]}";
    assertThat(redact(line, true), is("{\"messages\":[{\"content\":\"[IP_ADDRESS] and "
        + "[IP_ADDRESS]\"},{\"content\":\"SSN [SSN]\"}]}"));
  }

  @Test
  public void secretsAndPiiInObjectKeysAreFoundAndReplacedToo() throws Exception {
    String line = "{\"users\":{\"jane@example.com\":{\"token\":\"AKIAQX4BZ7MNPL2WRT5K\"},"
        + "\"AKIAQX4BZ7MNPL2WRT5K\":1}}";
    assertThat(redact(line, true), is("{\"users\":{\"[EMAIL]\":{\"token\":"
        + "\"[SECRET:AWS_ACCESS_KEY]\"},\"[SECRET:AWS_ACCESS_KEY]\":1}}"));
  }

  @Test
  public void maskedKeysNeverRepeatANameTheirObjectAlreadyHas() throws Exception {
    String line = "{\"to\":{\"jane@example.com\":1,\"[EMAIL]#2\":2,\"bob@example.org\":3,"
        + "\"[EMAIL]\":4,\"ann@example.net\":5},\"cc\":{\"joe@example.com\":6},"
        + "\"x\":[{\"mail me: a@example.com\":1,\"mail me: b@example.com\":2}]}";
    String out = redact(line, true);
    assertThat(out, is("{\"to\":{\"[EMAIL]#3\":1,\"[EMAIL]#2\":2,\"[EMAIL]#4\":3,"
        + "\"[EMAIL]\":4,\"[EMAIL]#5\":5},\"cc\":{\"[EMAIL]\":6},"
        + "\"x\":[{\"mail me: [EMAIL]\":1,\"mail me: [EMAIL]#2\":2}]}"));
    // A strict reader (duplicates rejected) reads every member, and masking again changes nothing.
    com.fasterxml.jackson.databind.ObjectMapper strict = new com.fasterxml.jackson.databind
        .ObjectMapper().enable(com.fasterxml.jackson.core.JsonParser.Feature
            .STRICT_DUPLICATE_DETECTION);
    assertThat(strict.readTree(out).get("to").size(), is(5));
    assertThat(redact(out, true), is(out));
  }

  @Test
  public void pointersThroughSensitiveKeysNameThemByPlaceholder() throws Exception {
    byte[] raw = ("{\"users\":{\"jane@example.com\":{\"AKIAQX4BZ7MNPL2WRT5K\":{\"phone\":"
        + "\"(415) 555-0132\"}}},\"id\":\"jane@example.com\"}").getBytes(StandardCharsets.UTF_8);
    JsonlRecord r = JsonlRecord.parse(new JsonlLine(new SourceRef("f.jsonl", 7, 0), raw,
        raw.length, false), new JsonRecordParser("id"));
    List<Finding> f = new ArrayList<>(PII.scan(r.leaves()));
    f.addAll(SECRETS.scan(r.leaves()));
    JsonlRecord safe = r.withAllFindings(f).withSafeId().withSafePointers();
    assertThat(safe.findings().stream().map(Finding::pointer).sorted().distinct().toList(),
        is(List.of("/id", "/users/[EMAIL]", "/users/[EMAIL]/[SECRET:AWS_ACCESS_KEY]",
            "/users/[EMAIL]/[SECRET:AWS_ACCESS_KEY]/phone")));
    assertThat(safe.id(), is("f.jsonl:7"));
  }

  @Test
  public void isIdempotent() throws Exception {
    String line = "{\"p\":\"jane@example.com, 4111 1111 1111 1111, ghp_"
        + "Q8w2E4r6T8y0U2i4O6p8A0s2D4f6G8h0J2k4\"}";
    String once = redact(line, true);
    assertThat(redact(once, true), is(once));
  }

  @Test
  public void returnsTheSameBytesWhenNothingApplies() throws Exception {
    byte[] raw = "{\"a\":\"jane@example.com\"}".getBytes(StandardCharsets.UTF_8);
    List<StringLeaf> leaves = new JsonRecordParser(null).parse(raw).leaves();
    assertThat(new RecordRedactor(false).redact(raw, leaves, PII.scan(leaves)), sameInstance(raw));
  }

  @Test
  public void findingOffsetsAreCodePoints() throws Exception {
    byte[] raw = "{\"t\":\"\ud83d\ude00\ud83d\ude00 jane@example.com\"}"
        .getBytes(StandardCharsets.UTF_8);
    Finding f = PII.scan(new JsonRecordParser(null).parse(raw).leaves()).get(0);
    // Python: "😀😀 jane@example.com"[3:19] == "jane@example.com"
    assertThat(f.start(), is(3));
    assertThat(f.end(), is(19));
  }
}
