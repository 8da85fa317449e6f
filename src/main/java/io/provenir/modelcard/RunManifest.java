package io.provenir.modelcard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A run's manifest (schema in docs/model-card.md): what ran, on what, what came out (with a
 * content hash that does not depend on order, sharding or runner), what governance it passed,
 * where its audit events are, and the model fields users give. Built from {@code report.json};
 * deterministic: the same report gives the same bytes.
 */
public final class RunManifest {

  public static final int VERSION = 1;
  static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private final ObjectNode json;

  private RunManifest(ObjectNode json) {
    this.json = json;
  }

  public ObjectNode json() {
    return json.deepCopy();
  }

  public String runId() {
    return json.path("run_id").asText();
  }

  JsonNode node() {
    return json;
  }

  /**
   * The manifest of the run that wrote {@code report}.
   *
   * @param model the user's model fields (name, base_model, license, ...), or null
   * @param audit {@code {"dir","events","digest","previous_digest"}}, or null when not audited
   */
  public static RunManifest fromReport(JsonNode report, JsonNode model, JsonNode audit) {
    ObjectNode m = JSON.createObjectNode();
    m.put("manifest_version", VERSION);
    for (String k : new String[] {"run_id", "pipeline", "provenir_version", "runner",
        "start_time", "end_time", "status"}) {
      m.set(k, report.path(k).deepCopy());
    }
    m.put("config_sha256", "sha256:" + report.path("config_sha256").asText());
    m.set("config", report.path("config").deepCopy());
    ArrayNode inputs = m.putArray("inputs");
    for (JsonNode f : report.path("inputs").path("files")) {
      inputs.addObject().put("source", f.path("source").asText())
          .put("size_bytes", f.path("size_bytes").asLong())
          .put("lines", f.path("lines").asLong());
    }
    ObjectNode ds = m.putObject("dataset");
    JsonNode d = report.path("dataset");
    ds.put("records", d.path("records").asLong());
    ds.put("bytes", d.path("bytes").asLong());
    ds.put("content_hash", d.path("content_hash").asText());
    ds.put("content_hash_method", d.path("content_hash_method").asText());
    JsonNode clean = report.path("outputs").path("clean");
    if (clean.isMissingNode()) {
      ds.putNull("path");
    } else {
      ds.put("path", clean.path("path").asText());
    }
    ObjectNode g = m.putObject("governance");
    JsonNode c = report.path("counts");
    g.put("reconciled", c.path("reconciled").asBoolean());
    g.put("reconciliation", report.path("reconciliation").asText());
    g.set("counts", c.deepCopy());
    JsonNode pii = report.path("pii");
    g.putObject("pii").put("enabled", pii.path("enabled").asBoolean())
        .put("masked", pii.path("masked").asBoolean())
        .put("records", pii.path("affected_records").asLong())
        .put("findings", pii.path("findings").asLong())
        .set("by_type", pii.path("by_type").deepCopy());
    JsonNode sec = report.path("secrets");
    g.putObject("secrets").put("enabled", sec.path("enabled").asBoolean())
        .put("policy", sec.path("policy").asText())
        .put("records", sec.path("affected_records").asLong())
        .put("findings", sec.path("findings").asLong())
        .put("quarantined", c.path("quarantined").asLong())
        .set("by_type", sec.path("by_type").deepCopy());
    JsonNode dc = report.path("decontamination");
    ObjectNode dco = g.putObject("decontamination");
    dco.put("enabled", dc.path("enabled").asBoolean());
    if (dc.path("enabled").asBoolean()) {
      dco.put("method", dc.path("method").asText());
      if (dc.has("threshold")) {
        dco.put("threshold", dc.path("threshold").asDouble());
        dco.put("model", dc.path("model").asText());
      }
      if (dc.has("ngram")) {
        dco.put("ngram", dc.path("ngram").asInt());
      }
      dco.put("contaminated_records", dc.path("contaminated_records").asLong());
      ObjectNode b = dco.putObject("benchmarks");
      dc.path("benchmarks").fields().forEachRemaining(e -> b.putObject(e.getKey())
          .put("items", e.getValue().path("items").asLong())
          .put("items_hit", e.getValue().path("items_hit").asLong())
          .put("leaked_share", e.getValue().path("leaked_share").asDouble())
          .put("records_removed", e.getValue().path("records_removed").asLong()));
    }
    g.set("dead_letter", report.path("dead_letter").deepCopy());
    if (audit == null) {
      m.putNull("audit");
    } else {
      m.set("audit", audit.deepCopy());
    }
    m.set("model", model == null ? JSON.createObjectNode() : model.deepCopy());
    return new RunManifest(m);
  }

  /** The fields a card is written from, as JSON Pointers. */
  private static final java.util.List<String> REQUIRED = java.util.List.of("/run_id", "/runner",
      "/config_sha256", "/dataset/records", "/dataset/bytes", "/dataset/content_hash",
      "/governance/reconciled", "/governance/reconciliation", "/governance/counts",
      "/governance/pii", "/governance/secrets", "/inputs", "/model");

  /** Reads a manifest file. */
  public static RunManifest load(Path file) {
    JsonNode n;
    try {
      n = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new ModelCardException(file + ": no such file");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ModelCardException(file + ": not valid JSON");
    } catch (IOException e) {
      throw new ModelCardException(file + (Files.isDirectory(file) ? ": a directory, not a"
          + " manifest file" : ": cannot read (" + e.getClass().getSimpleName() + ")"));
    }
    if (!(n instanceof ObjectNode o) || o.path("manifest_version").asInt() != VERSION) {
      throw new ModelCardException(file + ": not a Provenir run manifest (manifest_version "
          + VERSION + ")");
    }
    for (String p : REQUIRED) { // the card states each: an empty one would read as a fact
      JsonNode v = o.at(p);
      if (v.isMissingNode() || v.isNull()) {
        throw new ModelCardException(file + ": not a complete run manifest: no '"
            + p.substring(1).replace('/', '.') + "'");
      }
    }
    return new RunManifest(o);
  }

  /** The manifest with the model fields replaced by {@code model}. */
  public RunManifest withModel(JsonNode model) {
    ObjectNode copy = json.deepCopy();
    copy.set("model", model.deepCopy());
    return new RunManifest(copy);
  }

  /** Pretty-printed JSON with a trailing newline. */
  public byte[] toBytes() {
    try {
      return (JSON.writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public void save(Path file) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.write(file, toBytes());
  }
}
