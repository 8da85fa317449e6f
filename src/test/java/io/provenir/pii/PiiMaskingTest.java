package io.provenir.pii;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import io.provenir.record.FieldSelector;
import io.provenir.record.Finding;
import io.provenir.record.JsonRecordParser;
import io.provenir.record.RecordRedactor;
import io.provenir.record.RecordScanner;
import io.provenir.record.StringLeaf;
import io.provenir.scan.TextScanner;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class PiiMaskingTest {

  private static final RecordScanner SCANNER = new RecordScanner(
      new TextScanner(PiiDetectors.all()), FieldSelector.all(), null);

  private static String mask(PiiMasking masking, String line) throws Exception {
    byte[] raw = line.getBytes(StandardCharsets.UTF_8);
    List<StringLeaf> leaves = new JsonRecordParser(null).parse(raw).leaves();
    List<Finding> findings = SCANNER.scan(leaves);
    return new String(new RecordRedactor(masking).redact(raw, leaves, findings),
        StandardCharsets.UTF_8);
  }

  private static PiiMasking only(MaskOperator op, String salt, String key) {
    return PiiMasking.of(op, Map.of(), '*', 4, salt, key);
  }

  private static final String CHAT = "{\"messages\":[{\"content\":\"I am jane@example.com, call"
      + " (415) 555-0132\"},{\"content\":\"Jane@Example.com again; bob@example.org too\"}]}";

  @Test
  public void replaceWritesTypedPlaceholders() throws Exception {
    assertThat(mask(PiiMasking.placeholders(), CHAT), is("{\"messages\":[{\"content\":\"I am"
        + " [EMAIL], call [PHONE]\"},{\"content\":\"[EMAIL] again; [EMAIL] too\"}]}"));
  }

  /**
   * A value with no more letters and digits than the kept number is still masked, at least half
   * of it (8.8.8.8 and a@b.co came out whole), by code point, and what is written is not found
   * again.
   */
  @Test
  public void maskMasksAtLeastHalfOfAShortValueAndLettersOutsideTheBmp() throws Exception {
    PiiMasking m = only(MaskOperator.MASK, null, null);
    String once = mask(m, "{\"t\":\"dns 8.8.8.8 and 10.0.0.1, mail a@b.co, 𝓳𝓪𝓷𝓮.doe@example.com\"}");
    assertThat(once, is("{\"t\":\"dns *.*.8.8 and **.*.0.1, mail *@*.co, ****.***@******e.com\"}"));
    assertThat(mask(m, once), is(once));
  }

  @Test
  public void redactRemovesTheValue() throws Exception {
    assertThat(mask(only(MaskOperator.REDACT, null, null), "{\"t\":\"ssn 123-45-6789.\"}"),
        is("{\"t\":\"ssn .\"}"));
  }

  @Test
  public void maskKeepsTheLastDigitsAndTheFormat() throws Exception {
    PiiMasking cards = PiiMasking.of(MaskOperator.REPLACE,
        Map.of(PiiType.CREDIT_CARD, MaskOperator.MASK), '#', 4, null, null);
    assertThat(mask(cards, "{\"t\":\"card 4111 1111 1111 1111, mail a@example.com\"}"),
        is("{\"t\":\"card #### #### #### 1111, mail [EMAIL]\"}"));
  }

  @Test
  public void hashIsStableForASaltAcrossFormsOfOneValue() throws Exception {
    PiiMasking h = only(MaskOperator.HASH, "salt-1", null);
    String a = mask(h, "{\"t\":\"jane@example.com\"}");
    String b = mask(h, "{\"x\":\"JANE@example.com\"}");
    assertThat(a, matchesPattern("\\{\"t\":\"[0-9a-f]{64}\"\\}"));
    assertThat(a.substring(6, 70), is(b.substring(6, 70)));
    assertThat(mask(only(MaskOperator.HASH, "salt-2", null), "{\"t\":\"jane@example.com\"}"),
        not(a));
    assertThat(a, not(containsString("salt")));
    assertThrows(IllegalArgumentException.class, () -> only(MaskOperator.HASH, null, null));
  }

  @Test
  public void pseudonymsNumberDistinctValuesWithinARecord() throws Exception {
    assertThat(mask(only(MaskOperator.PSEUDONYMIZE, null, null), CHAT),
        is("{\"messages\":[{\"content\":\"I am [EMAIL_1], call [PHONE_1]\"},{\"content\":"
            + "\"[EMAIL_1] again; [EMAIL_2] too\"}]}"));
    // numbers already in the record (masked before) are not given to new values
    assertThat(mask(only(MaskOperator.PSEUDONYMIZE, null, null),
        "{\"t\":\"[EMAIL_1] wrote to bob@x.org and [EMAIL_3]\"}"),
        is("{\"t\":\"[EMAIL_1] wrote to [EMAIL_4] and [EMAIL_3]\"}"));
  }

  @Test
  public void keyedPseudonymsAreStableAcrossRecords() throws Exception {
    PiiMasking k = only(MaskOperator.PSEUDONYMIZE, null, "key-1");
    String a = mask(k, "{\"t\":\"bob@example.org\"}");
    String b = mask(k, "{\"other\":\"x\",\"t\":\"hi Bob@Example.org\"}");
    assertThat(a, matchesPattern("\\{\"t\":\"\\[EMAIL_[0-9a-f]{8}\\]\"\\}"));
    assertThat(b, containsString(a.substring(6, a.length() - 2)));
    assertThat(mask(only(MaskOperator.PSEUDONYMIZE, null, "key-2"), "{\"t\":\"bob@example.org\"}"),
        not(a));
  }

  @Test
  public void everyOperatorIsIdempotent() throws Exception {
    String line = "{\"t\":\"jane@example.com 4111 1111 1111 1111 123-45-6789 10.0.0.1"
        + " +44 20 7946 0958\"}";
    for (MaskOperator op : MaskOperator.values()) {
      PiiMasking m = only(op, "s", op == MaskOperator.PSEUDONYMIZE ? "k" : null);
      String once = mask(m, line);
      assertThat(op.name(), mask(m, once), is(once));
    }
  }

  @Test
  public void toStringNeverShowsSaltOrKey() {
    assertThat(only(MaskOperator.HASH, "my-salt", "my-key").toString(),
        not(containsString("my-")));
  }
}
