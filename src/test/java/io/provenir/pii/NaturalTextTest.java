package io.provenir.pii;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provenir.scan.Detection;
import io.provenir.scan.TextScanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/**
 * Real text with many numbers and no PII: GSM8K's test set (grade-school maths: prices,
 * quantities, arithmetic, dates). Any PII found here is a false positive.
 */
public class NaturalTextTest {

  @Test
  public void gsm8kHasNoPii() throws Exception {
    TextScanner scanner = new TextScanner(PiiDetectors.all());
    ObjectMapper json = new ObjectMapper();
    List<String> found = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("src/test/resources/corpora/gsm8k/test.jsonl"))) {
      JsonNode n = json.readTree(line);
      for (String field : List.of("question", "answer")) {
        String text = n.get(field).asText();
        for (Detection d : scanner.scan(text)) {
          found.add(d.type() + " '" + text.substring(d.start(), d.end()) + "'");
        }
      }
    }
    assertThat(found, empty());
  }
}
