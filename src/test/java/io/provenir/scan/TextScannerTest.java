package io.provenir.scan;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import io.provenir.pii.PiiDetectors;
import io.provenir.secrets.SecretDetectors;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class TextScannerTest {

  private static Detector fixed(String type, Category cat, int priority, int start, int end) {
    return new Detector() {
          @Override
          public String type() {
            return type;
          }

          @Override
          public Category category() {
            return cat;
          }

          @Override
          public String id() {
            return type.toLowerCase();
          }

          @Override
          public int priority() {
            return priority;
          }

          @Override
          public boolean mayMatch(String text) {
            return true;
          }

          @Override
          public void find(String text, List<Detection> out) {
            out.add(new Detection(type, cat, start, end, id(), priority));
          }
        };
  }

  private static List<String> spans(List<Detection> ds) {
    List<String> out = new ArrayList<>();
    for (Detection d : ds) {
      out.add(d.type() + "@" + d.start() + "-" + d.end());
    }
    return out;
  }

  /** A detector that reports [0, 4) when all its required keywords occur (ignoring case). */
  private static Detector needing(String type, String... keywords) {
    return new BaseDetector(type, Category.SECRET, type.toLowerCase(), 50, List.of(keywords)) {
      @Override
      public boolean mayMatch(String text) {
        return true;
      }

      @Override
      public void find(String text, List<Detection> out) {
        out.add(detection(0, 4));
      }
    };
  }

  /**
   * The scanner's one keyword pass answers each detector about its own keywords: detectors are
   * numbered one after another in one automaton, and a keyword of one says nothing for another.
   */
  @Test
  public void eachDetectorIsAskedAboutItsOwnKeywords() {
    TextScanner s = new TextScanner(List.of(needing("A", "alpha"), needing("B", "beta", "gamma"),
        needing("C", "delta")));
    assertThat(types(s.scan("alpha and beta, but no third word")), contains("A"));
    assertThat(types(s.scan("BETA met Gamma at last")), contains("B"));
    assertThat(types(s.scan("nothing of the kind at all here")), empty());
    assertThat(types(s.scan("delta")), contains("C"));
  }

  private static List<String> types(List<Detection> ds) {
    List<String> out = new ArrayList<>();
    for (Detection d : ds) {
      out.add(d.type());
    }
    return out;
  }

  /**
   * Short strings' results are remembered per thread: scanning thousands of distinct short strings
   * (more than the table's slots, so slots are shared and overwritten) twice over gives, each
   * time, exactly what a scan that remembers nothing gives.
   */
  @Test
  public void rememberedShortStringsGiveTheSameResultAsAFreshScan() {
    List<Detector> all = new ArrayList<>(PiiDetectors.forTypes(
        io.provenir.pii.PiiType.names(), io.provenir.pii.PhoneDetector.DEFAULT_REGIONS));
    all.addAll(SecretDetectors.all());
    TextScanner s = new TextScanner(all);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      texts.add(switch (i % 4) {
        case 0 -> "user" + i + "@example.org";
        case 1 -> "call 415-555-" + (1000 + i);
        case 2 -> "role" + i;
        default -> "10.0." + (i % 250) + "." + (i % 7);
      });
    }
    int found = 0;
    for (int round = 0; round < 2; round++) {
      for (String t : texts) {
        String copy = new String(t.toCharArray()); // another instance of the same string
        assertThat(t, spans(s.scan(copy)), is(spans(s.scan(t, false))));
        found += s.scan(t).size();
      }
    }
    assertThat(found > 4000, is(true));
  }

  @Test(expected = UnsupportedOperationException.class)
  public void resultsAreUnmodifiable() {
    TextScanner s = new TextScanner(PiiDetectors.forTypes(List.of("EMAIL"), List.of()));
    s.scan("write to a@example.org").clear();
  }

  @Test
  public void longestMatchWinsWithinACategory() {
    TextScanner s = new TextScanner(List.of(
        fixed("PHONE", Category.PII, 40, 0, 12),
        fixed("CREDIT_CARD", Category.PII, 60, 0, 19)));
    assertThat(spans(s.scan("x".repeat(30))), contains("CREDIT_CARD@0-19"));
  }

  @Test
  public void priorityBreaksTiesOfEqualLength() {
    TextScanner s = new TextScanner(List.of(
        fixed("A", Category.SECRET, 20, 5, 15), fixed("B", Category.SECRET, 90, 5, 15)));
    assertThat(spans(s.scan("x".repeat(30))), contains("B@5-15"));
  }

  @Test
  public void specificSecretBeatsLongerGenericOne() {
    TextScanner s = new TextScanner(List.of(
        fixed("HIGH_ENTROPY", Category.SECRET, TextScanner.GENERIC_PRIORITY, 0, 30),
        fixed("GITHUB_TOKEN", Category.SECRET, 90, 10, 30)));
    assertThat(spans(s.scan("x".repeat(40))), contains("GITHUB_TOKEN@10-30"));
  }

  @Test
  public void secretWinsOverOverlappingPiiEvenWhenShorter() {
    TextScanner s = new TextScanner(List.of(
        fixed("EMAIL", Category.PII, 55, 0, 30), fixed("URL_CREDENTIALS", Category.SECRET, 80,
            10, 20)));
    assertThat(spans(s.scan("x".repeat(40))), contains("URL_CREDENTIALS@10-20"));
  }

  @Test
  public void nonOverlappingMatchesAreAllKeptInOrder() {
    TextScanner s = new TextScanner(List.of(
        fixed("B", Category.PII, 50, 20, 25), fixed("A", Category.PII, 50, 0, 5)));
    assertThat(spans(s.scan("x".repeat(40))), contains("A@0-5", "B@20-25"));
  }

  @Test
  public void placeholdersAreNeverRedetected() {
    List<Detector> all = new ArrayList<>(PiiDetectors.all());
    all.addAll(SecretDetectors.all());
    TextScanner s = new TextScanner(all);
    String masked = "Mail [EMAIL] or call [PHONE]; key [SECRET:AWS_ACCESS_KEY], card [CREDIT_CARD]"
        + " token=[SECRET:HIGH_ENTROPY] [EMAIL_1] [EMAIL_3f2a9c1b]";
    assertThat(s.scan(masked), is(empty()));
  }

  @Test
  public void candidatesTouchingAPlaceholderAreKeptThoseOverlappingOneAreDropped() {
    // Placeholders at [3,10) and [14,21).
    String text = "ab [EMAIL] cd [PHONE] ef";
    TextScanner s = new TextScanner(List.of(fixed("A", Category.PII, 50, 0, 2),
        fixed("B", Category.PII, 50, 3, 10), fixed("C", Category.PII, 50, 9, 12),
        fixed("D", Category.PII, 50, 10, 14), fixed("E", Category.PII, 50, 12, 16),
        fixed("F", Category.PII, 50, 21, 24)));
    assertThat(spans(s.scan(text)), contains("A@0-2", "D@10-14", "F@21-24"));
  }

  /** The texts of a labelled corpus file under src/test/resources/corpora. */
  private static List<String> texts(String resource) throws java.io.IOException {
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    List<String> texts = new ArrayList<>();
    for (String line : java.nio.file.Files.readAllLines(
        java.nio.file.Path.of("src/test/resources/corpora", resource))) {
      if (!line.isBlank()) {
        texts.add(json.readTree(line).path("text").asText());
      }
    }
    return texts;
  }

  @Test
  public void aLongStringScannedInSegmentsHasExactlyTheFindingsOfAWholeScan()
      throws java.io.IOException {
    List<Detector> all = new ArrayList<>(PiiDetectors.all());
    all.addAll(SecretDetectors.all());
    TextScanner s = new TextScanner(all);
    List<String> cases = new ArrayList<>(texts("pii/presidio_dev.jsonl"));
    cases.addAll(texts("secrets/gitleaks_dev.jsonl"));
    cases.addAll(new ArrayList<>(cases)); // twice over: long enough for many segments
    // Real PII and secret cases (PEM keys, JWTs, keyword assignments, phone numbers with their
    // context words) joined by line breaks, by spaces, and with no separator at all, so that
    // segment cuts fall everywhere: between lines, inside sentences, inside tokens.
    for (String sep : new String[] {"\n", " ", ""}) {
      String text = String.join(sep, cases);
      assertThat(text.length() > 4 * TextScanner.LONG_TEXT, is(true));
      List<Detection> whole = s.scan(text, false);
      assertThat(whole.size() > 200, is(true));
      assertThat("separator '" + sep + "'", s.scan(text, true), is(whole));
    }
  }

  @Test
  public void emptyAndPlainTextHaveNoFindings() {
    TextScanner s = new TextScanner(PiiDetectors.all());
    assertThat(s.scan(""), is(empty()));
    assertThat(s.scan("The committee approved the budget on Tuesday."), is(empty()));
  }
}
