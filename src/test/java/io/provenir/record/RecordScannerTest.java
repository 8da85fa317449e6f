package io.provenir.record;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provenir.pii.PiiDetectors;
import io.provenir.scan.Category;
import io.provenir.scan.Detector;
import io.provenir.scan.TextScanner;
import io.provenir.secrets.Fingerprints;
import io.provenir.secrets.SecretAllowlist;
import io.provenir.secrets.SecretDetectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/**
 * One scanner holding PII and secret detectors finds what two scanners, one per kind, find (PII
 * under a secret dropped, PII first): on every labelled PII and secret case, alone and several to a
 * record, with and without an allowlist that lets secrets through.
 */
public class RecordScannerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Fingerprints FP = new Fingerprints("test-key");
  private static final JsonRecordParser PARSER = new JsonRecordParser("id");

  private static List<String> texts(String resource) throws IOException {
    List<String> texts = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("src/test/resources/corpora", resource))) {
      if (!line.isBlank()) {
        texts.add(JSON.readTree(line).path("text").asText());
      }
    }
    return texts;
  }

  /** Records of one case each, of three cases in three fields, and of three cases in one. */
  private static List<List<StringLeaf>> records() throws Exception {
    List<String> cases = new ArrayList<>(texts("pii/presidio_dev.jsonl"));
    cases.addAll(texts("secrets/gitleaks_dev.jsonl"));
    cases.addAll(texts("secrets/detect-secrets/detect_secrets_dev.jsonl"));
    List<List<StringLeaf>> records = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      ObjectNode one = JSON.createObjectNode().put("id", "r" + i).put("text", cases.get(i));
      records.add(leaves(one));
      String a = cases.get(i);
      String b = cases.get((i * 7 + 3) % cases.size());
      String c = cases.get((i * 13 + 5) % cases.size());
      ObjectNode three = JSON.createObjectNode().put("id", "t" + i);
      three.putObject("m").put("a", a).put("b", b);
      three.putArray("l").add(c);
      records.add(leaves(three));
      records.add(leaves(JSON.createObjectNode().put("id", "j" + i)
          .put("text", a + " and " + b + "\n" + c)));
    }
    return records;
  }

  private static List<StringLeaf> leaves(ObjectNode record) throws Exception {
    return PARSER.parse(JSON.writeValueAsString(record).getBytes(StandardCharsets.UTF_8))
        .leaves();
  }

  private static final TextScanner PII = new TextScanner(PiiDetectors.all());
  private static final TextScanner SECRETS = new TextScanner(SecretDetectors.all());

  private static RecordScanner.Result twoScans(List<StringLeaf> leaves, SecretAllowlist allow) {
    List<Finding> pii = new RecordScanner(PII, FieldSelector.of(List.of()), null).scan(leaves);
    RecordScanner.Result secrets = new RecordScanner(SECRETS, FieldSelector.of(List.of()), FP,
        allow).scanCounting(leaves);
    return new RecordScanner.Result(secrets.findings().isEmpty() ? pii
        : RecordScanner.withSecrets(pii, secrets.findings()), secrets.allowed(), 0);
  }

  @Test
  public void saysInHowManyStringsPhoneNumbersWereJudgedByLayout() throws Exception {
    // A table of integers in one field spends its string's libphonenumber questions; a sentence
    // with a phone number beside it does not.
    String table = io.provenir.scan.TestTexts.integers(20_000, 3);
    RecordScanner one = oneScanner(SecretAllowlist.none());
    ObjectNode record = JSON.createObjectNode().put("id", "x").put("table", table)
        .put("text", "Call me on 030 555 12345.");
    assertThat(one.scanCounting(leaves(record)).judgedByLayout(), is(1));
    record.put("other", table + "1");
    assertThat(one.scanCounting(leaves(record)).judgedByLayout(), is(2));
    ObjectNode plain = JSON.createObjectNode().put("id", "y")
        .put("text", "Call me on 030 555 12345.");
    assertThat(one.scanCounting(leaves(plain)).judgedByLayout(), is(0));
    // An allowed secret in the table: the string is scanned again for PII alone, and still
    // counted once.
    ObjectNode keyed = JSON.createObjectNode().put("id", "k")
        .put("table", table + " key AKIAQX4BZ7MNPL2WRT5K");
    String fp = one.scanCounting(leaves(keyed)).findings().stream()
        .filter(f -> f.category() == Category.SECRET).findFirst().orElseThrow().fingerprint();
    RecordScanner.Result allowed = oneScanner(SecretAllowlist.of(List.of(), List.of(fp)))
        .scanCounting(leaves(keyed));
    assertThat(allowed.allowed(), is(1));
    assertThat(allowed.judgedByLayout(), is(1));
  }

  private static RecordScanner oneScanner(SecretAllowlist allow) {
    List<Detector> all = new ArrayList<>(SecretDetectors.all());
    all.addAll(PiiDetectors.all());
    return new RecordScanner(new TextScanner(all), FieldSelector.of(List.of()), FP, allow);
  }

  @Test
  public void oneScannerForBothKindsFindsWhatTwoScannersFind() throws Exception {
    RecordScanner one = oneScanner(SecretAllowlist.none());
    int pii = 0;
    int secrets = 0;
    for (List<StringLeaf> leaves : records()) {
      RecordScanner.Result expected = twoScans(leaves, SecretAllowlist.none());
      assertThat(leaves.toString(), one.scanCounting(leaves), is(expected));
      for (Finding f : expected.findings()) {
        if (f.category() == Category.PII) {
          pii++;
        } else {
          secrets++;
        }
      }
    }
    assertThat(pii, greaterThan(300));
    assertThat(secrets, greaterThan(300));
  }

  @Test
  public void anAllowedSecretHidesNoPii() throws Exception {
    // Allow every secret the cases hold: then all their PII must be found, including PII that an
    // allowed secret overlaps and that the combined resolution had dropped in its favour.
    List<List<StringLeaf>> records = records();
    List<String> fingerprints = new ArrayList<>();
    for (List<StringLeaf> leaves : records) {
      for (Finding f : twoScans(leaves, SecretAllowlist.none()).findings()) {
        if (f.category() == Category.SECRET) {
          fingerprints.add(f.fingerprint());
        }
      }
    }
    SecretAllowlist allowAll = SecretAllowlist.of(List.of(), fingerprints);
    RecordScanner one = oneScanner(allowAll);
    int allowed = 0;
    int underSecrets = 0;
    for (List<StringLeaf> leaves : records) {
      RecordScanner.Result expected = twoScans(leaves, allowAll);
      RecordScanner.Result got = one.scanCounting(leaves);
      assertThat(leaves.toString(), got, is(expected));
      allowed += got.allowed();
      underSecrets += got.findings().size()
          - twoScans(leaves, SecretAllowlist.none()).findings().stream()
              .filter(f -> f.category() == Category.PII).count();
    }
    assertThat(allowed, greaterThan(300));
    assertThat("PII that a secret overlapped, found once the secret is allowed", underSecrets,
        greaterThan(0));
  }
}
