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
        + " token=[SECRET:HIGH_ENTROPY] [EMAIL_1] [EMAIL_3f2a9c1b] [CREDIT_CARD_12]"
        + " [SECRET:PASSWORD] [SECRET:SLACK_TOKEN]";
    assertThat(s.scan(masked), is(empty()));
  }

  /**
   * Only placeholders of the types the detectors report are masked text: a key or token someone
   * wrote in brackets is still found.
   */
  @Test
  public void secretsInBracketsAreNotPlaceholders() {
    List<Detector> all = new ArrayList<>(PiiDetectors.all());
    all.addAll(SecretDetectors.all());
    TextScanner s = new TextScanner(all);
    assertThat(spans(s.scan("access key [AKIAZDOCIS2JHTLGMXGE] was denied")),
        contains("AWS_ACCESS_KEY@12-32"));
    assertThat(spans(s.scan("[SECRET:AKIAZDOCIS2JHTLGMXGE]")), contains("AWS_ACCESS_KEY@8-28"));
    assertThat(spans(s.scan("twilio [SK9F3A1C7E5B2D4F6A8C0E1B3D5F7A9C2E]")),
        contains("TWILIO_API_KEY@8-42"));
  }

  @Test
  public void candidatesTouchingAPlaceholderAreKeptThoseOverlappingOneAreDropped() {
    // Placeholders at [3,10) and [14,21).
    String text = "ab [EMAIL] cd [PHONE] ef";
    TextScanner s = new TextScanner(List.of(fixed("A", Category.PII, 50, 0, 2),
        fixed("EMAIL", Category.PII, 50, 3, 10), fixed("C", Category.PII, 50, 9, 12),
        fixed("D", Category.PII, 50, 10, 14), fixed("PHONE", Category.PII, 50, 12, 16),
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
      // A budget the text cannot spend: segments ask about the runs in their context again, so
      // with the default one the two scans would switch to layout checks at different runs.
      List<Detection> whole = s.scan(text, false, ScanBudget.ofQuestions(Integer.MAX_VALUE));
      assertThat(whole.size() > 200, is(true));
      assertThat("separator '" + sep + "'",
          s.scan(text, true, ScanBudget.ofQuestions(Integer.MAX_VALUE)), is(whole));
    }
  }

  @Test
  public void textDenseWithNumbersAsksNoMoreThanItsBudget() {
    // A table of integers: nearly every run of digits and spaces holds seven digits or more, and
    // libphonenumber was asked about each in every region (20-30 s per MB).
    TextScanner s = new TextScanner(PiiDetectors.all());
    String table = TestTexts.integers(48 * 1024, 1);
    ScanBudget unlimited = ScanBudget.ofQuestions(Integer.MAX_VALUE);
    s.scan(table, true, unlimited);
    int wanted = Integer.MAX_VALUE - unlimited.left();
    ScanBudget budget = ScanBudget.forLength(table.length());
    int allowed = budget.left();
    assertThat(allowed, is(ScanBudget.BASE + table.length() / ScanBudget.CHARS_PER_QUESTION));
    assertThat("questions without a budget: " + wanted, wanted > 20 * allowed, is(true));
    s.scan(table, true, budget);
    // Checked before each run's questions: one run (ten regions, a grouping check each) may go
    // past.
    assertThat("left: " + budget.left(), budget.left() > -2 * io.provenir.pii.PhoneDetector.DEFAULT_REGIONS.size(),
        is(true));
  }

  @Test
  public void withNoQuestionsTheLayoutRulesStillFindPresidiosPhoneNumbersInSentences()
      throws java.io.IOException {
    TextScanner s = new TextScanner(PiiDetectors.all());
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    int gold = 0;
    int found = 0;
    int wrong = 0;
    for (String line : java.nio.file.Files.readAllLines(
        java.nio.file.Path.of("src/test/resources/corpora/pii/presidio_dev.jsonl"))) {
      com.fasterxml.jackson.databind.JsonNode c = json.readTree(line);
      String text = c.path("text").asText();
      java.util.Set<String> phones = new java.util.HashSet<>();
      for (com.fasterxml.jackson.databind.JsonNode e : c.path("entities")) {
        if (e.path("type").asText().equals("PHONE")
            && !text.substring(e.path("start").asInt(), e.path("end").asInt())
                .equals(text.trim())) { // a whole string never spends its budget
          phones.add(e.path("start").asInt() + ":" + e.path("end").asInt());
        }
      }
      gold += phones.size();
      for (Detection d : s.scan(text, false, ScanBudget.ofQuestions(0))) {
        if (d.type().equals("PHONE") && !text.substring(d.start(), d.end()).equals(text.trim())) {
          if (phones.contains(d.start() + ":" + d.end())) {
            found++;
          } else {
            wrong++;
          }
        }
      }
    }
    // With questions: 19 (91-415-555-0132 is missed either way); without, two numbers written
    // in one run after "phones" are missed too.
    assertThat(gold, is(20));
    assertThat("found " + found, found >= 17, is(true));
    assertThat("false " + wrong, wrong, is(0));
  }

  @Test
  public void withItsBudgetSpentAStringsPhoneNumbersAreStillFoundByTheirLayout() {
    TextScanner s = new TextScanner(PiiDetectors.all());
    String text = TestTexts.integers(4096, 2) + "\nCall me on 030 555 12345 or +44 20 7946 0958, "
        + "or the office: 0171 555 1234. Invoice 0.1234 0.5678 0.9012, order 0012 3456 789.";
    ScanBudget none = ScanBudget.ofQuestions(0);
    List<String> found = new ArrayList<>();
    for (Detection d : s.scan(text, false, none)) {
      if (d.start() > 4096) {
        found.add(text.substring(d.start(), d.end()));
      }
    }
    assertThat(none.left(), is(0)); // nothing was asked
    assertThat(found, contains("030 555 12345", "+44 20 7946 0958", "0171 555 1234"));
  }

  @Test
  public void emptyAndPlainTextHaveNoFindings() {
    TextScanner s = new TextScanner(PiiDetectors.all());
    assertThat(s.scan(""), is(empty()));
    assertThat(s.scan("The committee approved the budget on Tuesday."), is(empty()));
  }
}
