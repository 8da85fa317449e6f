package io.provenir.secrets;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.provenir.record.FieldSelector;
import io.provenir.record.JsonRecordParser;
import io.provenir.record.RecordScanner;
import io.provenir.scan.TextScanner;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.Test;

public class SecretAllowlistTest {

  private static RecordScanner.Result scan(SecretAllowlist allow, String line) throws Exception {
    return new RecordScanner(new TextScanner(SecretDetectors.all()), FieldSelector.all(),
        new Fingerprints("k"), allow).scanCounting(new JsonRecordParser(null)
        .parse(line.getBytes(StandardCharsets.UTF_8)).leaves());
  }

  @Test
  public void patternsAndFingerprintsDropAcceptedSecrets() throws Exception {
    String line = "{\"a\":\"sk_test_4eC39HqLyjWDarjtT1zdp7dc\",\"b\":\"AKIAZ7QX4BMN2LPW5RT6\"}";
    RecordScanner.Result none = scan(SecretAllowlist.none(), line);
    assertThat(none.findings().size(), is(2));
    String awsPrint = none.findings().stream().filter(f -> f.type().equals("AWS_ACCESS_KEY"))
        .findFirst().orElseThrow().fingerprint();
    RecordScanner.Result some = scan(SecretAllowlist.of(List.of("^sk_test_"), List.of(awsPrint)),
        line);
    assertThat(some.findings().size(), is(0));
    assertThat(some.allowed(), is(2));
  }

  @Test
  public void badPatternsAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SecretAllowlist.of(List.of("ok", "(unclosed"), List.of()));
    assertThat(e.getMessage().startsWith("pattern 1 does not compile"), is(true));
  }
}
