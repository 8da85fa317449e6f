package io.provenir.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The decontamination flags of {@code provenir run}, {@code provenir embed} and {@code eval decontam}. */
public class DecontamCommandsTest {

  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static final String EVAL = "pipelines/evals/gsm8k-test-sample.jsonl";

  private static Set<String> contaminatedIds(Path out) throws IOException {
    Set<String> ids = new TreeSet<>();
    for (JsonNode n : Cli.json(out, "contaminated")) {
      ids.add(n.get("record_id").asText());
    }
    return ids;
  }

  @Test
  public void offKeepsEveryRecordAndWritesNoContaminatedOutput() throws IOException {
    Path out = TMP.getRoot().toPath().resolve("off");
    Cli.Result r = Cli.run("run", "--decontamination", "off", "--output", out.toString());
    assertThat(r.err(), r.code(), is(0));
    JsonNode report = Cli.report(out);
    assertThat(report.at("/counts/clean").asLong(), is(360L));
    assertThat(report.at("/counts/contaminated").asLong(), is(0L));
    assertThat(report.at("/decontamination/enabled").asBoolean(), is(false));
    assertThat(Files.exists(out.resolve("contaminated")), is(false));
    assertThat(r.out(), allOf(not(containsString("contaminated/")),
        not(containsString("decontam "))));
  }

  /**
   * One record holding 25 items of one benchmark and one of another: the report counts all 26
   * items hit and the record in both benchmarks; contaminated/ lists the best 20 and the count.
   */
  @Test
  public void aRecordMatchingManyItemsCountsEveryItemItHit() throws IOException {
    List<String> eval = Files.readAllLines(Path.of("pipelines/evals/gsm8k-test-sample.jsonl"));
    Path dir = TMP.newFolder("many").toPath();
    Files.write(dir.resolve("a.jsonl"), eval.subList(0, 25));
    Files.write(dir.resolve("z.jsonl"), eval.subList(30, 40));
    StringBuilder text = new StringBuilder();
    for (String line : eval.subList(0, 25)) {
      text.append(Cli.JSON.readTree(line).get("question").asText()).append(' ');
    }
    text.append(Cli.JSON.readTree(eval.get(30)).get("question").asText());
    Path train = dir.resolve("train.jsonl");
    Files.writeString(train, Cli.JSON.createObjectNode().put("id", "big")
        .put("text", text.toString()) + "\n");
    Path out = dir.resolve("out");
    Cli.Result r = Cli.run("run", "--decontamination", "ngram", "--output", out.toString(),
        "--input", train.toString(), "--eval", "a=" + dir.resolve("a.jsonl"), "--eval",
        "z=" + dir.resolve("z.jsonl"));
    assertThat(r.err(), r.code(), is(0));
    JsonNode b = Cli.report(out).at("/decontamination/benchmarks");
    assertThat(b.at("/a/items_hit").asLong(), is(25L));
    assertThat(b.at("/z/items_hit").asLong(), is(1L));
    assertThat(b.at("/z/records_removed").asLong(), is(1L));
    JsonNode line = Cli.json(out, "contaminated").get(0);
    assertThat(line.get("matches").size(), is(20));
    assertThat(line.get("matched_items").asInt(), is(26));
  }

  /**
   * One file per subject, the same file name in each directory, items without ids (MMLU's layout):
   * the ids name each file by as much of its path as tells it apart.
   */
  @Test
  public void itemsWithoutIdsInSameNamedFilesOfADirectoryPerSubjectGetDistinctIds()
      throws IOException {
    Path dir = TMP.newFolder("mmlu").toPath();
    List<String> questions = Files.readAllLines(Path.of(EVAL)).stream()
        .map(l -> Cli.JSON.createObjectNode().put("question", question(l)).toString()).toList();
    for (String subject : List.of("algebra", "history")) {
      Files.createDirectories(dir.resolve(subject));
      int from = subject.equals("algebra") ? 0 : 5;
      Files.write(dir.resolve(subject).resolve("test.jsonl"), questions.subList(from, from + 5));
    }
    Path train = dir.resolve("train.jsonl");
    Files.writeString(train, Cli.JSON.createObjectNode().put("id", "t")
        .put("text", question(Files.readAllLines(Path.of(EVAL)).get(6))) + "\n");
    Path out = dir.resolve("out");
    Cli.Result r = Cli.run("run", "--decontamination", "ngram", "--output", out.toString(),
        "--input", train.toString(), "--eval", "mmlu=" + dir + "/*/test.jsonl");
    assertThat(r.err(), r.code(), is(0));
    assertThat(Cli.json(out, "contaminated").get(0).get("eval_id").asText(),
        is("history/test.jsonl:2"));
    // several files after one --input, as a shell expands a glob; a .gz read as the JSONL in it
    Path gz = dir.resolve("history/test.jsonl.gz");
    try (java.io.OutputStream o = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
      o.write(Files.readAllBytes(dir.resolve("history/test.jsonl")));
    }
    Cli.Result e = Cli.run("embed", "--input", dir.resolve("algebra/test.jsonl").toString(),
        gz.toString(), "--output", dir.resolve("emb").toString());
    assertThat(e.err(), e.code(), is(0));
    assertThat(e.out(), containsString("embedded 10 items"));
    Cli.Result twice = Cli.run("embed", "--input", gz.toString(), "--input",
        dir.resolve("history/../history/test.jsonl.gz").toString(), "--output",
        dir.resolve("twice").toString());
    assertThat(twice.code(), is(2));
    assertThat(twice.err(), containsString("given twice"));
    // ids are unique within a set, across its files too
    Path a = dir.resolve("a.jsonl");
    Path b = dir.resolve("b.jsonl");
    Files.writeString(a, "{\"id\": \"q-1\", \"question\": \"What is two plus two?\"}\n");
    Files.writeString(b, "{\"id\": \"q-1\", \"question\": \"What is three plus three?\"}\n");
    Cli.Result same = Cli.run("embed", "--input", a.toString(), b.toString(), "--output",
        dir.resolve("same").toString());
    assertThat(same.code(), is(2));
    assertThat(same.err(), containsString(b + ": item id 'q-1' repeats the id of an item of " + a));
  }

  private static String question(String evalLine) {
    try {
      return Cli.JSON.readTree(evalLine).get("question").asText();
    } catch (IOException ex) {
      throw new java.io.UncheckedIOException(ex);
    }
  }

  @Test
  public void ngramAloneFindsTheCopiesButNotTheRewording() throws IOException {
    Path out = TMP.getRoot().toPath().resolve("ngram");
    Cli.Result r = Cli.run("run", "--decontamination", "ngram", "--output", out.toString(),
        "--input", "pipelines/sample/instructions.jsonl", "--input",
        "pipelines/sample/chats.jsonl");
    assertThat(r.err(), r.code(), is(0));
    assertThat(contaminatedIds(out), equalTo(Set.of("inst-0181", "chat-0121")));
    JsonNode g = Cli.report(out).at("/decontamination/benchmarks/gsm8k");
    assertThat(g.at("/records_by_method/ngram").asLong(), is(2L));
    assertThat(g.has("score_histogram"), is(false));
    for (JsonNode n : Cli.json(out, "contaminated")) {
      assertThat(n.get("method").asText(), is("ngram"));
      assertThat(n.get("score").isNull(), is(true));
      assertThat(n.get("ngram_matches").asInt(), greaterThan(0));
    }
  }

  @Test
  public void aPrecomputedEmbeddingSetGivesTheSameResultAndAnotherModelIsRefused()
      throws IOException {
    Path set = TMP.getRoot().toPath().resolve("emb");
    Cli.Result e = Cli.run("embed", "--input", EVAL, "--field", "/question", "--output",
        set.toString());
    assertThat(e.err(), e.code(), is(0));
    assertThat(e.out(), containsString("embedded 200 items"));
    JsonNode meta = Cli.JSON.readTree(set.resolve("meta.json").toFile());
    assertThat(meta.get("items").asInt(), is(200));
    assertThat(meta.get("dimension").asInt(), is(384));
    long bytes = Files.size(set.resolve("vectors.f32"));
    assertThat(bytes, is(4L * 384 * meta.get("vectors").asLong()));
    assertThat(Cli.run("embed", "--input", EVAL, "--output", set.toString()).code(), is(2));

    Path out = TMP.getRoot().toPath().resolve("from-set");
    Cli.Result r = Cli.run("run", "--eval", "gsm8k=" + set, "--output", out.toString());
    assertThat(r.err(), r.code(), is(0));
    assertThat(contaminatedIds(out), equalTo(Set.of("inst-0181", "inst-0182", "chat-0121")));
    assertThat(Cli.report(out).at("/decontamination/eval_sets/gsm8k").asText(),
        containsString("emb"));
    // the texts were read when the set was made: another field now is refused, the same one not
    Cli.Result otherField = Cli.run("run", "--eval", "gsm8k=" + set, "--eval-field", "/prompt",
        "--output", TMP.getRoot() + "/other-field");
    assertThat(otherField.code(), is(2));
    assertThat(otherField.err(), containsString("it was embedded from field '/question'"));
    assertThat(Cli.run("run", "--eval", "gsm8k=" + set, "--eval-field", "question",
        "--decontamination", "ngram", "--output", TMP.getRoot() + "/same-field").code(), is(0));

    ((ObjectNode) meta).put("model", "some-other-model");
    Files.writeString(set.resolve("meta.json"), meta.toString());
    Cli.Result refused = Cli.run("run", "--eval", "gsm8k=" + set, "--output",
        TMP.getRoot() + "/refused");
    assertThat(refused.code(), is(2));
    assertThat(refused.err(), allOf(containsString("eval set 'gsm8k'"),
        containsString("embedded by 'some-other-model'"), not(containsString("\tat "))));

    // a broken set is named by the file at fault, as a configuration problem (exit 2)
    Files.writeString(set.resolve("meta.json"), "{\"format\": ");
    Cli.Result badMeta = Cli.run("run", "--eval", "gsm8k=" + set, "--output",
        TMP.getRoot() + "/bad-meta");
    assertThat(badMeta.err(), badMeta.code(), is(2));
    assertThat(badMeta.err(), containsString("meta.json is not valid JSON"));
  }

  /**
   * A set of blank items embeds and is read back like the JSONL it came from; a set of no items
   * is refused when made; a set cut short since is refused when read (its benchmark would shrink).
   */
  @Test
  public void embeddingSetsKeepBlankItemsAndRefuseNoItemsOrACutList() throws IOException {
    Path dir = TMP.newFolder("sets").toPath();
    Path blank = dir.resolve("blank.jsonl");
    List<String> eval = Files.readAllLines(Path.of(EVAL));
    Files.write(blank, List.of("{\"id\": \"a\", \"question\": \"\"}",
        "{\"id\": \"b\", \"question\": \"   \"}", eval.get(0), eval.get(1), eval.get(2)));
    Path set = dir.resolve("set");
    assertThat(Cli.run("embed", "--input", blank.toString(), "--output", set.toString()).code(),
        is(0));
    Cli.Result ok = Cli.run("run", "--eval", "x=" + set, "--output", dir + "/ok",
        "--decontamination", "ngram");
    assertThat(ok.err(), ok.code(), is(0));
    assertThat(Cli.report(dir.resolve("ok")).at("/decontamination/benchmarks/x/items").asLong(),
        is(5L));
    // embedded with the default field: a field named now cannot be checked, and is refused
    Cli.Result named = Cli.run("run", "--eval", "x=" + set, "--eval-field", "/question",
        "--output", dir + "/named", "--decontamination", "ngram");
    assertThat(named.code(), is(2));
    assertThat(named.err(), containsString("it was embedded from the default field"));

    Path empty = dir.resolve("empty.jsonl");
    Files.writeString(empty, "\n\n");
    Cli.Result none = Cli.run("embed", "--input", empty.toString(), "--output",
        dir.resolve("none").toString());
    assertThat(none.code(), is(2));
    assertThat(none.err(), containsString("no items"));

    Path items = set.resolve("items.jsonl");
    List<String> lines = Files.readAllLines(items);
    Files.write(items, lines.subList(0, lines.size() - 1));
    Cli.Result cut = Cli.run("run", "--eval", "x=" + set, "--output", dir + "/cut",
        "--decontamination", "ngram");
    assertThat(cut.err(), cut.code(), is(2));
    assertThat(cut.err(), containsString("items.jsonl has 4 items, meta.json says 5"));
  }

  @Test
  public void evalSetMistakesExitWithTwoNamingTheSetAndLine() throws IOException {
    Path bad = TMP.getRoot().toPath().resolve("bad-eval.jsonl");
    Files.writeString(bad, "\n{\"id\": 1, \"prompt\": \"What is two plus two?\"}\n");
    List<Cli.Result> results = new ArrayList<>();
    results.add(Cli.run("run", "--eval", "mine=" + bad, "--eval-field", "/question"));
    results.add(Cli.run("run", "--eval", "just-a-path"));
    results.add(Cli.run("run", "--eval", "x=no/such/eval-*.jsonl"));
    results.add(Cli.run("run", "--decontamination", "fuzzy"));
    results.add(Cli.run("run", "--threshold", "1.5"));
    // found by the pipeline, not before it: still a configuration problem, exit 2
    Path late = TMP.getRoot().toPath().resolve("late-eval.jsonl");
    Files.writeString(late, "{\"id\": 1, \"question\": \"What is two plus two?\"}\n"
        + "{\"id\": 2, \"question\": \"What is three plus three?\"}\n"
        + "{\"id\": 3, \"prompt\": \"What is four plus four?\"}\n");
    results.add(Cli.run("run", "--eval", "late=" + late, "--eval-field", "/question",
        "--decontamination", "ngram", "--output", TMP.getRoot() + "/late-out"));
    Path twice = TMP.getRoot().toPath().resolve("twice-eval.jsonl");
    Files.writeString(twice, "{\"id\": 1, \"question\": \"What is two plus two?\"}\n"
        + "{\"id\": 1, \"question\": \"What is three plus three?\"}\n");
    results.add(Cli.run("run", "--eval", "twice=" + twice, "--decontamination", "ngram",
        "--output", TMP.getRoot() + "/twice-out"));
    Path latin1 = TMP.getRoot().toPath().resolve("latin1-eval.jsonl");
    Files.write(latin1, "{\"id\": 1, \"question\": \"caf\u00e9\"}\n".getBytes(
        StandardCharsets.ISO_8859_1));
    results.add(Cli.run("run", "--eval", "latin=" + latin1, "--decontamination", "ngram",
        "--output", TMP.getRoot() + "/latin-out"));
    Path empty = TMP.getRoot().toPath().resolve("empty-eval.jsonl");
    Files.writeString(empty, "\n\n");
    results.add(Cli.run("run", "--eval", "none=" + empty, "--output", TMP.getRoot() + "/e-out"));
    List<String> expected = List.of(
        "eval set 'mine': " + bad + ":2: no field /question (the line has: id, prompt)",
        "--eval 'just-a-path' must be NAME=PATH",
        "eval set 'x': input 'no/such/eval-*.jsonl' matched no files",
        "'decontamination.method' must be one of semantic, ngram, both or off, not 'fuzzy'",
        "'decontamination.threshold' must be above 0 and at most 1, not 1.5",
        late + ":3: no field /question (the line has: id, prompt)",
        "eval set 'twice': " + twice + ":2: item id '1' repeats the id of line 1",
        "eval set 'latin': " + latin1 + ": not valid UTF-8 (at line 1 or after)",
        "eval set 'none': no items (the file is empty)");
    for (int i = 0; i < results.size(); i++) {
      assertThat(results.get(i).err(), results.get(i).code(), is(2));
      assertThat(results.get(i).err(), allOf(containsString(expected.get(i)),
          not(containsString("Exception"))));
    }
  }

  @Test
  public void evalDecontamReportsTheCurveAndFailsBelowItsThresholds() throws IOException {
    Path dir = TMP.newFolder("cal").toPath();
    List<String> test = Files.readAllLines(
        Path.of("src/test/resources/corpora/gsm8k/test.jsonl"), StandardCharsets.UTF_8);
    List<String> train = Files.readAllLines(
        Path.of("src/test/resources/corpora/gsm8k/train.jsonl"), StandardCharsets.UTF_8);
    List<String> evalLines = new ArrayList<>();
    List<String> trainLines = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      JsonNode t = Cli.JSON.readTree(test.get(i));
      evalLines.add(Cli.JSON.createObjectNode().put("id", "e" + i)
          .put("question", t.get("question").asText()).toString());
    }
    for (int i = 0; i < 10; i++) {
      JsonNode t = Cli.JSON.readTree(test.get(i));
      JsonNode a = Cli.JSON.readTree(train.get(i));
      String text = i % 2 == 0 ? t.get("question").asText()
          : a.get("question").asText() + " " + a.get("answer").asText() + "\n"
              + t.get("question").asText() + "\nThen explain it.";
      trainLines.add(Cli.JSON.createObjectNode().put("id", "p" + i).put("text", text).toString());
      labels.add(Cli.JSON.createObjectNode().put("id", "p" + i).put("eval_id", "e" + i)
          .put("kind", i % 2 == 0 ? "verbatim" : "embedded").toString());
    }
    for (int i = 100; i < 160; i++) {
      trainLines.add(train.get(i).replaceFirst("\\{", "{\"id\": \"n" + i + "\", "));
      labels.add("{\"id\": \"n" + i + "\", \"eval_id\": null, \"kind\": \"negative\"}");
    }
    Files.write(dir.resolve("eval.jsonl"), evalLines);
    Files.write(dir.resolve("train.jsonl"), trainLines);
    Files.write(dir.resolve("labels.jsonl"), labels);
    String[] base = {"eval", "decontam", "--eval", dir.resolve("eval.jsonl").toString(),
        "--train", dir.resolve("train.jsonl").toString(), "--labels",
        dir.resolve("labels.jsonl").toString()};

    Cli.Result text = Cli.run(concat(base, "--thresholds", "0.80:0.90:0.05"));
    assertThat(text.err(), text.code(), is(0));
    assertThat(text.out(), allOf(containsString("10 positive"),
        containsString("0.90      1.000   1.000"), containsString("n-gram (n=13):")));

    Cli.Result json = Cli.run(concat(base, "--json", "--at", "0.78", "--min-recall", "1.0"));
    assertThat(json.err(), json.code(), is(0));
    JsonNode j = Cli.JSON.readTree(json.out());
    assertThat(j.at("/ngram/recall").asDouble(), is(1.0));
    assertThat(j.at("/at/recall_by_kind/embedded").asDouble(), is(1.0));
    assertThat(j.at("/at/recall_by_kind/verbatim").asDouble(), is(1.0));
    assertThat(j.get("semantic").size(), is(10));

    Cli.Result strict = Cli.run(concat(base, "--at", "0.2", "--max-negative-rate", "0"));
    assertThat(strict.code(), is(3));
    // the n-gram method alone is gated by --min-recall; --at (a cosine) does not apply to it
    Cli.Result ngramGate = Cli.run(concat(base, "--method", "ngram", "--min-recall", "1.0"));
    assertThat(ngramGate.err(), ngramGate.code(), is(0));
    assertThat(Cli.run(concat(base, "--method", "ngram", "--at", "0.9", "--min-recall", "1.0"))
        .code(), is(2));
    // with no positives labelled, recall is undefined: null in JSON, and a recall gate fails
    Files.write(dir.resolve("neg-train.jsonl"), trainLines.subList(10, trainLines.size()));
    Files.write(dir.resolve("neg-labels.jsonl"), labels.subList(10, labels.size()));
    String[] negatives = {"eval", "decontam", "--eval", dir.resolve("eval.jsonl").toString(),
        "--train", dir.resolve("neg-train.jsonl").toString(), "--labels",
        dir.resolve("neg-labels.jsonl").toString(), "--method", "ngram"};
    Cli.Result undefined = Cli.run(concat(negatives, "--json"));
    assertThat(undefined.err(), undefined.code(), is(0));
    assertThat(Cli.JSON.readTree(undefined.out()).at("/ngram/recall").isNull(), is(true));
    Cli.Result noLeaks = Cli.run(concat(negatives, "--min-recall", "0.5"));
    assertThat(noLeaks.code(), is(3));
    assertThat(noLeaks.err(), containsString("recall n/a (no leaks labelled)"));
    // with no negatives labelled, none is flagged: the negative-rate gate holds
    Files.write(dir.resolve("pos-train.jsonl"), trainLines.subList(0, 10));
    Files.write(dir.resolve("pos-labels.jsonl"), labels.subList(0, 10));
    Cli.Result noNegatives = Cli.run("eval", "decontam", "--eval",
        dir.resolve("eval.jsonl").toString(), "--train", dir.resolve("pos-train.jsonl").toString(),
        "--labels", dir.resolve("pos-labels.jsonl").toString(), "--method", "ngram",
        "--min-recall", "1.0");
    assertThat(noNegatives.err(), noNegatives.code(), is(0));
    // a label naming no eval item is an error, not a silent miss
    List<String> wrong = new ArrayList<>(labels);
    wrong.set(0, wrong.get(0).replace("\"e0\"", "\"e-none\""));
    Files.write(dir.resolve("wrong-labels.jsonl"), wrong);
    Cli.Result unknown = Cli.run("eval", "decontam", "--eval",
        dir.resolve("eval.jsonl").toString(), "--train", dir.resolve("train.jsonl").toString(),
        "--labels", dir.resolve("wrong-labels.jsonl").toString(), "--method", "ngram");
    assertThat(unknown.code(), is(2));
    assertThat(unknown.err(), containsString("the label of record 'p0' names an eval_id that is"
        + " no item of"));
    Cli.Result noLabel = Cli.run("eval", "decontam", "--eval", dir.resolve("eval.jsonl").toString(),
        "--train", dir.resolve("train.jsonl").toString(), "--labels",
        dir.resolve("eval.jsonl").toString());
    assertThat(noLabel.code(), is(2));
    assertThat(noLabel.err(), containsString("has no label"));
    for (String[] bad : new String[][] {{"--ngram", "0"}, {"--at", "1.5"}, {"--at", "NaN"},
      {"--min-recall", "0.99"}, {"--thresholds", "NaN:1:0.1"}, {"--thresholds", "0.5:0.6:1e-9"},
      {"--train-field", "/nope"}}) {
      Cli.Result r = Cli.run(concat(base, bad));
      assertThat(String.join(" ", bad) + ": " + r.err(), r.code(), is(2));
    }
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
