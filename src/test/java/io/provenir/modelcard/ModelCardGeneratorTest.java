package io.provenir.modelcard;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class ModelCardGeneratorTest {

  private static final Path DIR = Path.of("src/test/resources/ModelCardGeneratorTest");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static RunManifest manifest() throws Exception {
    return RunManifest.fromReport(JSON.readTree(DIR.resolve("report.json").toFile()),
        JSON.readTree(DIR.resolve("model.json").toFile()),
        JSON.readTree(DIR.resolve("audit.json").toFile()));
  }

  private static ModelCard card() throws Exception {
    return new ModelCardGenerator().generate(manifest(),
        EvalResults.load(DIR.resolve("eval-results.json")));
  }

  /** Regenerate with -Dgolden.update=true after an intended change, and review the diff. */
  @Test
  public void aFullCardMatchesTheGoldenFile() throws Exception {
    String card = card().render();
    Path golden = DIR.resolve("MODEL_CARD.golden.md");
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(golden, card, StandardCharsets.UTF_8);
    }
    assertThat(card, equalTo(Files.readString(golden, StandardCharsets.UTF_8)));
  }

  @Test
  public void theFrontMatterParsesBackToTheSameDataAndTheSameInputsGiveTheSameBytes()
      throws Exception {
    ModelCard card = card();
    String text = card.render();
    assertThat(text.startsWith("---\n"), is(true));
    String yaml = text.substring(4, text.indexOf("\n---\n") + 1);
    JsonNode parsed = new YAMLMapper().readTree(yaml);
    assertThat(parsed, equalTo(card.metadata()));
    assertThat(parsed.at("/model-index/0/results/0/dataset/config").asText(), is("main"));
    assertThat(card().render(), equalTo(text));
    assertThat(manifest().toBytes(), equalTo(manifest().toBytes()));
  }

  @Test
  public void governanceNumbersComeFromTheReport() throws Exception {
    JsonNode report = JSON.readTree(DIR.resolve("report.json").toFile());
    String body = card().body();
    JsonNode g = report.at("/decontamination/benchmarks/gsm8k");
    assertThat(body, containsString(String.format("| Decontamination: gsm8k (both, cosine >= 0.77)"
        + " | %d records removed; %d of %d eval items leaked (1.5%%) |",
        g.get("records_removed").asLong(), g.get("items_hit").asLong(),
        g.get("items").asLong())));
    assertThat(body, containsString(report.at("/reconciliation").asText()));
    assertThat(body, containsString(report.at("/dataset/content_hash").asText()));
    assertThat(body, containsString("| Dead letters (unusable lines) | "
        + report.at("/dead_letter/count").asLong() + " |"));
    assertThat(body, containsString(report.at("/secrets/affected_records").asLong()
        + " records quarantined"));
  }

  @Test
  public void intervalsAreWilsonForProportionsAndBootstrapForScores() {
    double[] w = ConfidenceIntervals.wilson(0.81, 500);
    assertThat(w[0], closeTo(0.7733, 1e-4));
    assertThat(w[1], closeTo(0.8420, 1e-4));
    double[] all = ConfidenceIntervals.wilson(1.0, 10);
    assertThat(all[1], closeTo(1.0, 1e-12));
    assertThat(all[0], closeTo(0.7225, 1e-4));
    double[] b = ConfidenceIntervals.bootstrap(new double[] {1, 0, 1, 1, 0, 1, 1, 1});
    assertThat(b[0] < 0.75 && b[1] > 0.75, is(true));
    assertThat(ConfidenceIntervals.bootstrap(new double[] {1, 0, 1, 1, 0, 1, 1, 1}),
        equalTo(b)); // seeded
  }

  private static String cardError(Map<String, Object> modelChanges, String evalJson)
      throws Exception {
    ObjectNode model = (ObjectNode) JSON.readTree(DIR.resolve("model.json").toFile());
    modelChanges.forEach((k, v) -> {
      if (v == null) {
        model.remove(k);
      } else {
        model.set(k, JSON.valueToTree(v));
      }
    });
    EvalResults eval = evalJson == null ? EvalResults.none()
        : EvalResults.parse(JSON.readTree(evalJson));
    return assertThrows(ModelCardException.class, () -> new ModelCardGenerator()
        .generate(manifest().withModel(model), eval)).getMessage();
  }

  @Test
  public void everyValidationErrorNamesItsField() throws Exception {
    String result = "{\"task\":{\"type\":\"text-generation\"},\"dataset\":{\"type\":\"gsm8k\","
        + "\"name\":\"GSM8K\"%s},\"metrics\":{\"em\":0.5}}";
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("license=foo", "license 'foo' is not a Hugging Face license id");
    cases.put("license=other", "license_name must be a string");
    cases.put("language=English", "language[0] must be an ISO 639-1 or 639-3 code");
    cases.put("tags=[1]", "tags[0] must be a string");
    cases.put("base_model=7", "base_model must be a list of strings");
    cases.put("name=-", "model-index[0].name must be a string (set model.name)");
    cases.put("config=3", "model-index[0].results[0].dataset.config must be a string");
    cases.put("unknown=x", "model.unknown is not a model field");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      String[] kv = c.getKey().split("=", 2);
      Map<String, Object> change = new LinkedHashMap<>();
      String eval = String.format(result, "");
      switch (kv[0]) {
        case "license" -> change.put("license", kv[1]);
        case "language" -> change.put("language", kv[1]);
        case "tags" -> change.put("tags", java.util.List.of(1));
        case "base_model" -> change.put("base_model", 7);
        case "name" -> change.put("name", null);
        case "config" -> eval = String.format(result, ",\"config\":3");
        default -> change.put("unknown", kv[1]);
      }
      assertThat(c.getKey(), cardError(change, eval), containsString(c.getValue()));
    }
    String missingType = "{\"task\":{},\"dataset\":{\"type\":\"x\",\"name\":\"X\"},"
        + "\"metrics\":{\"em\":0.5}}";
    assertThat(cardError(Map.of(), missingType),
        containsString("model-index[0].results[0].task.type must be a string"));
    String noDatasetName = "{\"task\":{\"type\":\"t\"},\"dataset\":{\"type\":\"x\"},"
        + "\"metrics\":{\"em\":0.5}}";
    assertThat(cardError(Map.of(), noDatasetName),
        containsString("model-index[0].results[0].dataset.name must be a string"));
  }

  @Test
  public void badEvalResultsNameTheirField() {
    Map<String, String> cases = Map.of(
        "{\"metrics\":{\"em\":{\"value\":1.2,\"n\":10}}}", "metrics.em: a value with n is a"
            + " proportion",
        "{\"metrics\":{\"em\":{\"value\":0.5,\"n\":0}}}", "metrics.em.n must be a positive",
        "{\"metrics\":{\"em\":{\"value\":0.5,\"ci\":[0.6,0.7]}}}", "must contain the value",
        "{\"metrics\":{\"em\":{\"scores\":[1,\"x\"]}}}", "metrics.em.scores[1] must be a number",
        "{\"metrics\":{}}", "metrics must be an object",
        "{\"results\":[{\"metrics\":{\"em\":\"high\"}}]}", "results[0].metrics.em must be a"
            + " number or an object");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      assertThat(c.getKey(), assertThrows(ModelCardException.class,
          () -> EvalResults.parse(JSON.readTree(c.getKey()))).getMessage(),
          containsString(c.getValue()));
    }
  }

  @Test
  public void aCardWithoutEvalResultsOrLicenseIsStillValid() throws Exception {
    ObjectNode model = JSON.createObjectNode().put("name", "m");
    ModelCard card = new ModelCardGenerator().generate(manifest().withModel(model),
        EvalResults.none());
    assertThat(card.metadata().has("model-index"), is(false));
    assertThat(card.body(), containsString("No evaluation results were given."));
    ObjectNode other = JSON.createObjectNode().put("license", "other")
        .put("license_name", "acme-model-license").put("license_link", "LICENSE");
    assertThat(new ModelCardGenerator().generate(manifest().withModel(other), EvalResults.none())
        .body(), containsString("acme-model-license (LICENSE)"));
  }

  /**
   * A YAML 1.1 reader (PyYAML, as huggingface_hub reads cards; SnakeYAML here) gets back the types
   * the card means: strings that look like dates, base-60 numbers, '=' or '<<' stay strings, and
   * a large or small metric value stays a number.
   */
  @Test
  public void aYaml11ReaderGetsStringsAsStringsAndNumbersAsNumbers() throws Exception {
    List<String> tags = List.of("2024-06-01", "2024-06-01 12:00:00", "12:30", "=", "<<", "~",
        "on", "y", ".inf", "0x1F", "1_000", "1e3", "plain", "fine-tuned");
    ObjectNode model = JSON.createObjectNode().put("name", "m").put("base_model", "2024-01-02");
    tags.forEach(model.putArray("tags")::add);
    JsonNode results = JSON.readTree("{\"task\": {\"type\": \"text-generation\"}, \"dataset\":"
        + " {\"type\": \"gsm8k\", \"name\": \"GSM8K\"}, \"metrics\": {\"tokens_per_second\":"
        + " {\"value\": 15000000}, \"tiny\": {\"value\": 1.5e-7}, \"acc\": {\"value\": 0.8}}}");
    String text = new ModelCardGenerator().generate(manifest().withModel(model),
        EvalResults.parse(results)).render();
    String yaml = text.substring(4, text.indexOf("\n---\n") + 1);
    Map<String, Object> data = new org.yaml.snakeyaml.Yaml().load(yaml);
    assertThat(((List<?>) data.get("tags")).subList(0, tags.size()), equalTo(tags));
    assertThat(data.get("base_model"), equalTo("2024-01-02"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> metrics = (List<Map<String, Object>>) ((Map<String, Object>)
        ((List<Object>) ((Map<String, Object>) ((List<Object>) data.get("model-index")).get(0))
            .get("results")).get(0)).get("metrics");
    for (Map<String, Object> m : metrics) {
      assertThat(m.get("type") + " " + m.get("value"), m.get("value") instanceof Double, is(true));
    }
    assertThat(((Number) metrics.get(0).get("value")).doubleValue(), is(15000000.0));
    assertThat(((Number) metrics.get(1).get("value")).doubleValue(), is(1.5e-7));
  }

  /** Table cells keep to their cell: a '|' or a line break in a value would break the table. */
  @Test
  public void tableCellsAreEscaped() throws Exception {
    com.fasterxml.jackson.databind.node.ObjectNode model =
        (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(
            DIR.resolve("model.json").toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) model.get("training_config"))
        .put("optimizer", "adamw | cosine\nwarmup").put("steps", 1000);
    String body = new ModelCardGenerator().generate(manifest().withModel(model),
        EvalResults.none()).body();
    assertThat(body, containsString("| optimizer | adamw \\| cosine warmup |"));
    assertThat(body, containsString("| steps | 1000 |"));
  }

  /** A backtick or a line break in a file name or the model's name keeps to its code span. */
  @Test
  public void codeSpansAndTheHeadingKeepToOneLine() throws Exception {
    assertThat(ModelCardGenerator.code("we`ird | name.jsonl"), is("``we`ird | name.jsonl``"));
    assertThat(ModelCardGenerator.code("`x``"), is("``` `x`` ```"));
    assertThat(ModelCardGenerator.code("a\nb.jsonl"), is("`a b.jsonl`"));
    ObjectNode model = JSON.createObjectNode().put("name", "m\n# Injected heading");
    String body = new ModelCardGenerator().generate(manifest().withModel(model),
        EvalResults.none()).body();
    assertThat(body.startsWith("# m # Injected heading\n"), is(true));
  }
}
