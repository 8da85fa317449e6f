package io.provenir.record;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.provenir.pii.PiiDetectors;
import io.provenir.scan.Detector;
import io.provenir.scan.TextScanner;
import io.provenir.secrets.SecretDetectors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class DeadLetterFactoryTest {

  private static final DeadLetterFactory FACTORY;

  static {
    List<Detector> all = new ArrayList<>(PiiDetectors.all());
    all.addAll(SecretDetectors.all());
    FACTORY = new DeadLetterFactory(new TextRedactor(new TextScanner(all)), 1024);
  }

  private static DeadLetter create(String recordId) {
    byte[] line = ("{\"id\":\"" + recordId + "\"}").getBytes(StandardCharsets.UTF_8);
    return FACTORY.create(new SourceRef("in.jsonl", 7, 600L), recordId, "MaskPii",
        DeadLetter.ERROR_PROCESSING, "MaskPii failed", line, line.length, false);
  }

  /** A dead letter names its record by location when the id holds a secret or PII value. */
  @Test
  public void anIdHoldingAValueIsReplacedByTheLocation() {
    assertThat(create("jane.doe@example.com").recordId(), is("in.jsonl:7"));
    assertThat(create("AKIAZDOCIS2JHTLGMXGE").recordId(), is("in.jsonl:7"));
    assertThat(create("rec-17").recordId(), is("rec-17"));
  }
}
