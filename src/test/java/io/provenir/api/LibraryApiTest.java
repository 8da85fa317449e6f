package io.provenir.api;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provenir.pii.MaskOperator;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The library API, checked against the sample's ground truth. */
public class LibraryApiTest {

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Map<String, Long> truthCounts(String file) throws Exception {
    Map<String, Long> m = new HashMap<>();
    for (String l : Files.readAllLines(Path.of("src/test/resources/sample/truth.jsonl"))) {
      JsonNode t = JSON.readTree(l);
      if (t.get("file").asText().equals(file) && t.get("kind").asText().equals("pii")) {
        m.merge(t.get("type").asText(), 1L, Long::sum);
      }
    }
    return m;
  }

  /** A truncated .gz fails the read naming the file and the last line read. */
  @Test
  public void aTruncatedGzipFileIsNamedWhenReadingFails() throws Exception {
    byte[] gz = Files.readAllBytes(Path.of("pipelines/sample/support-tickets.jsonl.gz"));
    Path cut = tmp.getRoot().toPath().resolve("cut.jsonl.gz");
    Files.write(cut, java.util.Arrays.copyOf(gz, gz.length / 2));
    java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
        () -> JsonlDataset.fromJsonl(cut.toString()).count());
    assertThat(e.getCause().getMessage(), org.hamcrest.Matchers.matchesPattern(
        "cannot read .*cut\\.jsonl\\.gz after line [0-9]+: it ends early .*"));
  }

  @Test
  public void readsRecordsAndReportsBadLines() {
    JsonlDataset ds = JsonlDataset.fromJsonl("pipelines/sample/instructions.jsonl");
    assertThat(ds.count(), is(182L));
    assertThat(ds.badLines().map(d -> d.ref().line() + " " + d.error()).toList(),
        is(List.of("122 invalid_json")));
    assertThat(ds.records().findFirst().orElseThrow().id(), is("inst-0001"));
    assertThat(JsonlDataset.fromJsonl("pipelines/sample/support-tickets.jsonl.gz").count(),
        is(60L));
    assertThat(JsonlDataset.fromJsonl("pipelines/sample").files().size(), is(3));
    assertThat(JsonlDataset.fromJsonl("pipelines/sample/*s.jsonl").files().size(), is(2));
    assertThrows(IllegalArgumentException.class, () -> JsonlDataset.fromJsonl("no/such.jsonl"));
  }

  @Test
  public void scannerCountsMatchTheSampleTruth() throws Exception {
    PiiReport r = new PIIScanner().scan(
        JsonlDataset.fromJsonl("pipelines/sample/instructions.jsonl"));
    assertThat(r.recordCount(), is(182L));
    assertThat(r.badLines(), is(1L));
    assertThat(r.hasPii(), is(true));
    assertThat(r.countsByType(), is(truthCounts("instructions.jsonl")));
    assertThat(r.piiFields().keySet().stream().allMatch(p -> p.equals("/prompt")
        || p.equals("/response")), is(true));
  }

  @Test
  public void filterAndTypesNarrowTheScan() {
    JsonlDataset ds = JsonlDataset.fromJsonl("pipelines/sample/chats.jsonl")
        .filter(rec -> rec.json().path("messages").size() == 3);
    PiiReport r = new PIIScanner().withTypes(List.of("EMAIL")).scan(ds);
    assertThat(r.countsByType().keySet().stream().allMatch("EMAIL"::equals), is(true));
    assertThat(r.recordCount() < 120, is(true));
    assertThat(r.recordCount() > 0, is(true));
  }

  @Test
  public void maskerMasksLazilyAndSaves() throws Exception {
    JsonlDataset ds = JsonlDataset.fromJsonl("pipelines/sample/instructions.jsonl");
    JsonlDataset masked = new PIIMasker().withOperator("CREDIT_CARD", MaskOperator.MASK)
        .mask(ds);
    PiiReport after = new PIIScanner().scan(masked);
    assertThat(after.hasPii(), is(false));
    Path out = tmp.getRoot().toPath().resolve("out/masked.jsonl");
    masked.save(out);
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertThat(lines.size(), is(182));
    String all = String.join("\n", lines);
    assertThat(all, containsString("[EMAIL]"));
    assertThat(java.util.regex.Pattern.compile("\\*{4}([- ]?)\\*{4}\\1\\*{4}\\1\\d{4}")
        .matcher(all).find(), is(true));
    assertThrows(FileAlreadyExistsException.class, () -> masked.save(out));
    // the input is untouched and a second masking of the masked data changes nothing
    assertThat(new PIIScanner().scan(ds).hasPii(), is(true));
    assertThat(new PIIMasker().mask(masked).records().map(DatasetRecord::line).toList(),
        is(lines));
  }

  @Test
  public void maskerMatchesThePipelinesCleanOutput() throws Exception {
    // the same code masks in the library and in the pipeline: compare with a run's clean/
    Path run = tmp.getRoot().toPath().resolve("run");
    int code = io.provenir.cli.Main.execute(new String[] {"run", "--input",
        "pipelines/sample/chats.jsonl", "--output", run.toString()},
        new java.io.PrintWriter(new java.io.StringWriter()),
        new java.io.PrintWriter(new java.io.StringWriter()));
    assertThat(code, is(0));
    Map<String, String> clean = new HashMap<>();
    try (var files = Files.list(run.resolve("clean"))) {
      for (Path f : files.toList()) {
        for (String l : Files.readAllLines(f)) {
          clean.put(JSON.readTree(l).get("id").asText(), l);
        }
      }
    }
    Map<String, String> library = new PIIMasker()
        .mask(JsonlDataset.fromJsonl("pipelines/sample/chats.jsonl")).records()
        .filter(r -> clean.containsKey(r.id()))
        .collect(Collectors.toMap(DatasetRecord::id, DatasetRecord::line));
    assertThat(library.size(), is(clean.size()));
    assertThat(library, is(clean));
  }

  @Test
  public void secretScannerReportsTypesAndRecordsButNoValues() {
    SecretReport r = new SecretScanner().scan(
        JsonlDataset.fromJsonl("pipelines/sample/chats.jsonl"));
    assertThat(r.hasSecrets(), is(true));
    assertThat(r.secretTypes(), is(java.util.Set.of("GITHUB_TOKEN", "BEARER_TOKEN")));
    assertThat(r.affectedRecords(), is(java.util.Set.of("chat-0023", "chat-0077")));
    assertThat(r.recordCount(), is(121L));
    SecretReport allowed = new SecretScanner().withAllowlist(List.of("^ghp_", "^eyJ"), List.of())
        .scan(JsonlDataset.fromJsonl("pipelines/sample/chats.jsonl"));
    assertThat(allowed.hasSecrets(), is(false));
  }

  /** Steps apply in the order given: a filter before mask() sees the records unmasked. */
  @Test
  public void aFilterBeforeMaskingSeesTheRecordsUnmasked() {
    JsonlDataset ds = JsonlDataset.fromJsonl("pipelines/sample/instructions.jsonl");
    JsonlDataset withPii = ds.filter(r -> !new PIIScanner().findings(r).isEmpty());
    long n = withPii.count();
    assertThat(n > 0, is(true));
    JsonlDataset masked = new PIIMasker().mask(withPii);
    assertThat(masked.count(), is(n));
    // and one after it sees them masked
    assertThat(masked.filter(r -> !new PIIScanner().findings(r).isEmpty()).count(), is(0L));
    assertThat(masked.filter(r -> r.line().contains("[EMAIL]")).count() > 0, is(true));
  }

  /** An id holding a secret or PII names no record: its location does, as in the pipeline. */
  @Test
  public void idsHoldingValuesAreNotReported() throws Exception {
    Path f = tmp.getRoot().toPath().resolve("ids.jsonl");
    Files.writeString(f, "{\"id\":\"ghp_R7tY2uI9oP4aS6dF1gH8jK3lZ5xC0vB2nM7q\",\"t\":\"hi\"}\n"
        + "{\"id\":\"alice@example.com\",\"t\":\"token ghp_R7tY2uI9oP4aS6dF1gH8jK3lZ5xC0vB2nM7q\"}\n"
        + "{\"id\":\"r3\",\"t\":\"token ghp_R7tY2uI9oP4aS6dF1gH8jK3lZ5xC0vB2nM7q\"}\n");
    SecretReport r = new SecretScanner().scan(JsonlDataset.fromJsonl(f));
    assertThat(r.affectedRecords(), is(java.util.Set.of(f + ":1", f + ":2", "r3")));
    assertThat(r.toString(), not(containsString("ghp_")));
    assertThat(r.toString(), not(containsString("alice")));
  }

  @Test
  public void badArgumentsAreRefusedNamingThem() throws Exception {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new PIIScanner().withPhoneRegions(List.of("UK")));
    assertThat(e.getMessage(), containsString("'UK' is not a region code"));
    e = assertThrows(IllegalArgumentException.class,
        () -> new PIIMasker().withOperator("CARD", MaskOperator.MASK));
    assertThat(e.getMessage(), containsString("unknown PII type 'CARD'"));
    assertThrows(NullPointerException.class, () -> new PIIMasker().withOperator(null));
    // a directory named like a data file is not one
    Path dir = tmp.newFolder("d").toPath();
    Files.createDirectory(dir.resolve("sub.jsonl"));
    Files.writeString(dir.resolve("a.jsonl"), "{\"id\":\"a\"}\n");
    assertThat(JsonlDataset.fromJsonl(dir).files(), is(List.of(dir.resolve("a.jsonl"))));
  }

  @Test
  public void recordsExposeJsonTextAndLocation() {
    DatasetRecord r = JsonlDataset.fromJsonl("pipelines/sample/chats.jsonl").records()
        .findFirst().orElseThrow();
    assertThat(r.text("/messages/0/role"), is("system"));
    assertThat(r.source().line(), is(1L));
    assertThat(r.toString(), not(containsString("content")));
    assertThat(List.of(r.id()), everyItem(startsWith("chat-")));
  }

  @Test
  public void decontaminationCheckersFindLeakedEvalPrompts() throws Exception {
    Path train = tmp.newFile("train.jsonl").toPath();
    String q = "A robe takes 2 bolts of blue fiber and half that much white fiber. How many bolts"
        + " in total does it take?";
    java.nio.file.Files.write(train, List.of(
        "{\"id\": \"copy\", \"prompt\": \"" + q + "\", \"response\": \"3\"}",
        "{\"id\": \"reworded\", \"prompt\": \"To make a robe you need 2 bolts of blue fibre"
            + " plus half as much white fibre. What is the total number of bolts?\"}",
        "{\"id\": \"other\", \"prompt\": \"Name three rivers in Africa.\"}"));
    JsonlDataset data = JsonlDataset.fromJsonl(train);
    List<String> eval = List.of("Who wrote Hamlet?", q);
    List<ContaminatedRecord> semantic = new SemanticDecontaminationChecker(0.78).check(data, eval);
    assertThat(semantic.stream().map(c -> c.record().id()).toList(),
        contains("copy", "reworded"));
    assertThat(semantic.get(0).top().evalId(), is("eval-1"));
    assertThat(new SemanticDecontaminationChecker(0.99).check(data, eval).stream()
        .map(c -> c.record().id()).toList(), contains("copy"));
    List<ContaminatedRecord> ngram = new NgramDecontaminationChecker(13).check(data, eval);
    assertThat(ngram.stream().map(c -> c.record().id()).toList(), contains("copy"));
    assertThat(ngram.get(0).top().ngramMatches(), is(ngram.get(0).top().ngramTotal()));
  }
}
