package io.provenir.modelcard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a Hugging Face model card from a {@link RunManifest} and {@link EvalResults}:
 * front matter ({@code license}, {@code language}, {@code tags}, {@code datasets},
 * {@code base_model}, {@code metrics}, {@code model-index}) checked offline the way the Hub checks
 * it, then the sections: model description, intended and out-of-scope uses, training data, data
 * governance, evaluation results with 95 % intervals, training configuration, known limitations,
 * license. Deterministic: the same inputs give the same bytes.
 *
 * <pre>{@code
 * ModelCard card = new ModelCardGenerator().generate(manifest, EvalResults.load(path));
 * card.save(Path.of("MODEL_CARD.md"));
 * }</pre>
 */
public final class ModelCardGenerator {

  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
  private static final Set<String> MODEL_KEYS = Set.of("name", "description", "base_model",
      "license", "license_name", "license_link", "language", "tags", "datasets",
      "intended_uses", "out_of_scope_uses", "limitations", "training_config");

  /** The card for {@code manifest} with {@code eval} (may be {@link EvalResults#none()}). */
  public ModelCard generate(RunManifest manifest, EvalResults eval) {
    JsonNode model = manifest.node().path("model");
    checkKeys(model);
    ObjectNode meta = metadata(manifest, model, eval);
    validate(meta);
    return new ModelCard(meta, body(manifest, model, eval));
  }

  /**
   * Checks the user's model fields on their own, as a spec is loaded: known keys, and the types
   * and license the Hub would check.
   *
   * @throws ModelCardException naming the field
   */
  public static void checkModel(JsonNode model) {
    checkModel(model, EvalResults.none());
  }

  /**
   * {@link #checkModel}, with the eval results the card will show: the front matter the card will
   * have, checked before a run rather than after it (the {@code model-index} needs
   * {@code model.name} and well-typed datasets).
   *
   * @throws ModelCardException naming the field
   */
  public static void checkModel(JsonNode model, EvalResults eval) {
    checkKeys(model);
    validate(metadata(null, model, eval));
  }

  private static void checkKeys(JsonNode model) {
    if (!model.isObject()) {
      throw new ModelCardException("model must be a mapping");
    }
    for (Iterator<String> it = model.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!MODEL_KEYS.contains(k)) {
        throw new ModelCardException("model." + k + " is not a model field (allowed: "
            + String.join(", ", new java.util.TreeSet<>(MODEL_KEYS)) + ")");
      }
    }
  }

  // ---- front matter ----

  private static ObjectNode metadata(RunManifest manifest, JsonNode model, EvalResults eval) {
    ObjectNode m = RunManifest.JSON.createObjectNode();
    copy(model, m, "license");
    copy(model, m, "license_name");
    copy(model, m, "license_link");
    if (model.has("language")) {
      m.set("language", model.get("language").isTextual()
          ? RunManifest.JSON.createArrayNode().add(model.get("language").asText())
          : model.get("language").deepCopy());
    }
    copy(model, m, "base_model");
    copy(model, m, "datasets");
    ArrayNode tags = m.putArray("tags");
    if (model.has("tags")) {
      if (!model.get("tags").isArray()) {
        m.set("tags", model.get("tags").deepCopy()); // reported by validate
      } else {
        model.get("tags").forEach(tags::add);
      }
    }
    if (m.get("tags").isArray()) {
      Set<String> seen = new LinkedHashSet<>();
      m.get("tags").forEach(t -> seen.add(t.asText()));
      for (String t : List.of("provenir", "data-governance")) {
        if (!seen.contains(t)) {
          ((ArrayNode) m.get("tags")).add(t);
        }
      }
    }
    if (!eval.isEmpty()) {
      Set<String> types = new LinkedHashSet<>();
      eval.results().forEach(r -> r.metrics().forEach(x -> types.add(x.type())));
      ArrayNode metrics = m.putArray("metrics");
      types.forEach(metrics::add);
      ArrayNode index = m.putArray("model-index");
      ObjectNode entry = index.addObject();
      copy(model, entry, "name");
      ArrayNode results = entry.putArray("results");
      for (EvalResults.Result r : eval.results()) {
        ObjectNode res = results.addObject();
        res.set("task", r.task().deepCopy());
        res.set("dataset", r.dataset().deepCopy());
        ArrayNode ms = res.putArray("metrics");
        for (EvalResults.Metric x : r.metrics()) {
          ms.addObject().put("type", x.type()).put("value", x.value()).put("name", x.name());
        }
      }
    }
    return m;
  }

  private static void copy(JsonNode from, ObjectNode to, String key) {
    if (from.has(key) && !from.get(key).isNull()) {
      to.set(key, from.get(key).deepCopy());
    }
  }

  /**
   * Checks what the Hub checks when a card is pushed, offline: the license, list and string
   * types, and the required fields of {@code model-index}.
   *
   * @throws ModelCardException naming the first bad field by its path
   */
  public static void validate(ObjectNode meta) {
    if (meta.has("license")) {
      JsonNode l = meta.get("license");
      if (!l.isTextual()) {
        throw new ModelCardException("license must be a string");
      }
      if (!HubLicenses.IDS.contains(l.asText())) {
        throw new ModelCardException("license '" + l.asText() + "' is not a Hugging Face license"
            + " id (e.g. apache-2.0, mit, cc-by-4.0, llama3.1); use 'other' with license_name"
            + " and license_link");
      }
      if (l.asText().equals("other")) {
        requireString(meta, "license_name", "");
        requireString(meta, "license_link", "");
      }
    }
    for (String k : List.of("license_name", "license_link")) {
      if (meta.has(k)) {
        requireString(meta, k, "");
      }
    }
    if (meta.has("language")) {
      stringList(meta.get("language"), "language");
      for (int i = 0; i < meta.get("language").size(); i++) {
        if (!LANGUAGE.matcher(meta.get("language").get(i).asText()).matches()) {
          throw new ModelCardException("language[" + i + "] must be an ISO 639-1 or 639-3 code"
              + " such as en or fra, not '" + meta.get("language").get(i).asText() + "'");
        }
      }
    }
    for (String k : List.of("tags", "datasets", "metrics")) {
      if (meta.has(k)) {
        stringList(meta.get(k), k);
      }
    }
    if (meta.has("base_model")) {
      JsonNode b = meta.get("base_model");
      if (!b.isTextual()) {
        stringList(b, "base_model");
      }
    }
    if (meta.has("model-index")) {
      JsonNode index = meta.get("model-index");
      if (!index.isArray()) {
        throw new ModelCardException("model-index must be a list");
      }
      for (int i = 0; i < index.size(); i++) {
        String p = "model-index[" + i + "]";
        JsonNode e = index.get(i);
        if (!e.isObject()) {
          throw new ModelCardException(p + " must be a mapping");
        }
        if (!e.path("name").isTextual()) {
          throw new ModelCardException(p + ".name must be a string (set model.name)");
        }
        if (!e.path("results").isArray()) {
          throw new ModelCardException(p + ".results must be a list");
        }
        for (int j = 0; j < e.get("results").size(); j++) {
          String rp = p + ".results[" + j + "]";
          JsonNode r = e.get("results").get(j);
          requireObject(r, "task", rp);
          requireString(r.get("task"), "type", rp + ".task.");
          optionalString(r.get("task"), "name", rp + ".task.");
          requireObject(r, "dataset", rp);
          requireString(r.get("dataset"), "type", rp + ".dataset.");
          requireString(r.get("dataset"), "name", rp + ".dataset.");
          for (String k : List.of("config", "split", "revision")) {
            optionalString(r.get("dataset"), k, rp + ".dataset.");
          }
          JsonNode ms = r.path("metrics");
          if (!ms.isArray() || ms.size() == 0) {
            throw new ModelCardException(rp + ".metrics must be a non-empty list");
          }
          for (int k = 0; k < ms.size(); k++) {
            String mp = rp + ".metrics[" + k + "].";
            requireString(ms.get(k), "type", mp);
            if (!ms.get(k).path("value").isNumber()) {
              throw new ModelCardException(mp + "value must be a number");
            }
            optionalString(ms.get(k), "name", mp);
          }
        }
      }
    }
  }

  private static void requireObject(JsonNode n, String key, String path) {
    if (!n.path(key).isObject()) {
      throw new ModelCardException(path + "." + key + " must be a mapping");
    }
  }

  private static void requireString(JsonNode n, String key, String path) {
    if (!n.path(key).isTextual() || n.get(key).asText().isBlank()) {
      throw new ModelCardException(path + key + " must be a string");
    }
  }

  private static void optionalString(JsonNode n, String key, String path) {
    if (n.has(key) && !n.get(key).isTextual()) {
      throw new ModelCardException(path + key + " must be a string");
    }
  }

  private static void stringList(JsonNode n, String path) {
    if (!n.isArray()) {
      throw new ModelCardException(path + " must be a list of strings");
    }
    for (int i = 0; i < n.size(); i++) {
      if (!n.get(i).isTextual()) {
        throw new ModelCardException(path + "[" + i + "] must be a string");
      }
    }
  }

  // ---- body ----

  private static String body(RunManifest manifest, JsonNode model, EvalResults eval) {
    JsonNode m = manifest.node();
    StringBuilder sb = new StringBuilder();
    String name = model.path("name").asText("Model trained on " + m.path("run_id").asText());
    sb.append("# ").append(oneLine(name)).append("\n\n");

    sb.append("## Model description\n\n");
    sb.append(model.path("description").asText("No description given.")).append("\n\n");
    if (model.has("base_model")) {
      sb.append("- **Base model:** ").append(list(model.get("base_model"))).append('\n');
    }
    if (model.has("language")) {
      sb.append("- **Language(s):** ").append(list(model.get("language"))).append('\n');
    }
    sb.append("- **License:** ").append(license(model)).append("\n\n");

    sb.append("## Intended uses\n\n").append(textOrList(model.path("intended_uses"),
        "Not stated.")).append("\n\n");
    sb.append("## Out-of-scope uses\n\n").append(textOrList(model.path("out_of_scope_uses"),
        "Not stated.")).append("\n\n");

    JsonNode ds = m.path("dataset");
    sb.append("## Training data\n\n");
    sb.append(String.format(Locale.ROOT, "- **Records:** %,d (%,d bytes) after governance%n",
        ds.path("records").asLong(), ds.path("bytes").asLong()));
    sb.append("- **Content hash:** `").append(ds.path("content_hash").asText())
        .append("` (").append(ds.path("content_hash_method").asText()).append(")\n");
    sb.append("- **Sources:**\n");
    for (JsonNode f : m.path("inputs")) {
      sb.append(String.format(Locale.ROOT, "  - %s (%,d lines, %,d bytes)%n",
          code(f.path("source").asText()), f.path("lines").asLong(),
          f.path("size_bytes").asLong()));
    }
    if (model.has("datasets")) {
      sb.append("- **Hub datasets:** ").append(list(model.get("datasets"))).append('\n');
    }
    sb.append('\n');

    JsonNode g = m.path("governance");
    JsonNode c = g.path("counts");
    sb.append("## Data governance\n\n");
    sb.append("Every input line was accounted for by a Provenir run (`")
        .append(m.path("run_id").asText()).append("`, Provenir ")
        .append(m.path("provenir_version").asText()).append(", ")
        .append(m.path("runner").asText()).append(", config `")
        .append(m.path("config_sha256").asText()).append("`): ")
        .append(g.path("reconciled").asBoolean() ? "reconciled, " : "NOT reconciled, ")
        .append('`').append(g.path("reconciliation").asText()).append("`.\n\n");
    sb.append("| check | result |\n|---|---|\n");
    JsonNode pii = g.path("pii");
    sb.append("| PII ").append(pii.path("masked").asBoolean() ? "masked" : "found (not masked)")
        .append(" | ").append(pii.path("enabled").asBoolean()
            ? String.format(Locale.ROOT, "%,d records, %,d values: %s",
                pii.path("records").asLong(), pii.path("findings").asLong(),
                counts(pii.path("by_type")))
            : "not scanned").append(" |\n");
    JsonNode sec = g.path("secrets");
    sb.append("| Secrets (policy ").append(sec.path("policy").asText()).append(") | ")
        .append(sec.path("enabled").asBoolean()
            ? String.format(Locale.ROOT, "%,d records quarantined, %,d secrets: %s",
                sec.path("quarantined").asLong(), sec.path("findings").asLong(),
                counts(sec.path("by_type")))
            : "not scanned").append(" |\n");
    JsonNode dc = g.path("decontamination");
    if (dc.path("enabled").asBoolean()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = dc.path("benchmarks").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> b = it.next();
        sb.append(String.format(Locale.ROOT, "| Decontamination: %s (%s%s) | %,d records removed;"
                + " %,d of %,d eval items leaked (%s) |%n", b.getKey(),
            dc.path("method").asText(), dc.has("threshold")
                ? ", cosine >= " + num(dc.path("threshold").asDouble()) : "",
            b.getValue().path("records_removed").asLong(),
            b.getValue().path("items_hit").asLong(), b.getValue().path("items").asLong(),
            pct(b.getValue().path("leaked_share").asDouble())));
      }
    } else {
      sb.append("| Decontamination | not run |\n");
    }
    sb.append(String.format(Locale.ROOT, "| Dead letters (unusable lines) | %,d |%n",
        g.path("dead_letter").path("count").asLong()));
    sb.append('\n');
    JsonNode audit = m.path("audit");
    if (audit.isObject()) {
      sb.append("Provenance: the run's events are in the audit trail ")
          .append(code(audit.path("dir").asText())).append(" as ")
          .append(code(audit.path("events").asText())).append(", sealed by ")
          .append(code(audit.path("digest").asText()));
      JsonNode prev = audit.path("previous_digest");
      if (prev.isObject()) {
        // Not "chains to": a run that started later may seal first, and this digest then
        // chains to that one's.
        sb.append("; when the run started, the trail's newest digest was `")
            .append(prev.path("file").asText()).append("` (`").append(prev.path("hash").asText())
            .append("`)");
      }
      sb.append(". The run's `model_card_written` event holds the SHA-256 of the card the run"
          + " wrote; check the trail with `provenir audit verify`.\n\n");
    }

    sb.append("## Evaluation results\n\n");
    if (eval.isEmpty()) {
      sb.append("No evaluation results were given.\n\n");
    } else {
      Set<String> methods = new LinkedHashSet<>();
      for (EvalResults.Result r : eval.results()) {
        sb.append("### ").append(r.task().path("name").asText(r.task().path("type")
            .asText("task"))).append(" on ").append(r.dataset().path("name").asText(
                r.dataset().path("type").asText("dataset")));
        if (r.dataset().has("split")) {
          sb.append(" (").append(r.dataset().path("split").asText()).append(')');
        }
        sb.append("\n\n| metric | value | 95% CI | n | interval |\n|---|---|---|---|---|\n");
        for (EvalResults.Metric x : r.metrics()) {
          methods.add(x.method().name());
          sb.append("| ").append(cell(x.name())).append(" | ").append(num(x.value())).append(" | ")
              .append(Double.isNaN(x.low()) ? "-" : "[" + num(x.low()) + ", " + num(x.high())
                  + "]")
              .append(" | ").append(x.n() > 0 ? String.valueOf(x.n()) : "-").append(" | ")
              .append(x.method().name().toLowerCase(Locale.ROOT)).append(" |\n");
        }
        sb.append('\n');
      }
      sb.append("Intervals: ");
      List<String> parts = new ArrayList<>();
      for (String meth : methods) {
        EvalResults.CiMethod cm = EvalResults.CiMethod.valueOf(meth);
        parts.add(meth.toLowerCase(Locale.ROOT) + " = " + cm.description);
      }
      sb.append(String.join("; ", parts)).append(".\n\n");
    }

    sb.append("## Training configuration\n\n");
    JsonNode tc = model.path("training_config");
    if (tc.isObject() && tc.size() > 0) {
      sb.append("| setting | value |\n|---|---|\n");
      for (Iterator<Map.Entry<String, JsonNode>> it = tc.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        // numbers as written (2E-5 read back is 2.0E-5 as a double); text escaped for the table
        String shown = v.isIntegralNumber() ? v.asText()
            : v.isNumber() ? v.decimalValue().stripTrailingZeros().toPlainString()
            : v.isValueNode() ? v.asText() : v.toString();
        sb.append("| ").append(cell(e.getKey())).append(" | ").append(cell(shown)).append(" |\n");
      }
      sb.append('\n');
    } else {
      sb.append("Not given.\n\n");
    }

    sb.append("## Known limitations\n\n").append(textOrList(model.path("limitations"),
        "Not stated.")).append('\n');
    sb.append("\n## License\n\n").append(license(model)).append('\n');
    return sb.toString();
  }

  private static String license(JsonNode model) {
    if (!model.has("license")) {
      return "Not stated.";
    }
    String l = model.get("license").asText();
    if (l.equals("other")) {
      return model.path("license_name").asText("other") + " (" + model.path("license_link")
          .asText() + ")";
    }
    return "`" + l + "`";
  }

  private static String list(JsonNode n) {
    if (n.isArray()) {
      List<String> s = new ArrayList<>();
      n.forEach(x -> s.add(x.asText()));
      return String.join(", ", s);
    }
    return n.asText();
  }

  private static String textOrList(JsonNode n, String absent) {
    if (n.isMissingNode() || n.isNull()) {
      return absent;
    }
    if (n.isArray()) {
      StringBuilder sb = new StringBuilder();
      n.forEach(x -> sb.append("- ").append(x.asText()).append('\n'));
      return sb.toString().stripTrailing();
    }
    return n.asText();
  }

  private static String counts(JsonNode byType) {
    if (byType.size() == 0) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    byType.fields().forEachRemaining(e -> parts.add(e.getKey() + " " + e.getValue().asLong()));
    return String.join(", ", parts);
  }

  /**
   * {@code text} as a Markdown code span: fenced by one more backtick than its longest run of them
   * (padded with a space when it starts or ends with one), on one line (a file name may hold a
   * backtick or a line break, which would otherwise end the span or the list item).
   */
  static String code(String text) {
    String t = oneLine(text);
    int longest = 0;
    for (int i = 0, run = 0; i < t.length(); i++) {
      run = t.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(longest + 1);
    String pad = t.startsWith("`") || t.endsWith("`") ? " " : "";
    return fence + pad + t + pad + fence;
  }

  /** {@code text} with its line breaks as spaces (a heading, a list item, a code span). */
  private static String oneLine(String text) {
    return text.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ');
  }

  /** Text for a Markdown table cell: a {@code |} would end the cell, a line break the row. */
  private static String cell(String text) {
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ")
        .replace("\n", " ");
  }

  static String num(double v) {
    String s = String.format(Locale.ROOT, "%.4f", v);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  private static String pct(double share) {
    return num(100 * share) + "%";
  }
}
