package io.provenir.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The events of a governance run, derived from its {@code report.json}: counts, types, pointers,
 * paths and hashes, never a value from a record (the report holds none). Each event is a draft
 * ({@code {"event","actor","timestamp", fields...}}) that a chained writer turns into an
 * {@link AuditEvent}.
 */
public final class RunEvents {

  private RunEvents() {}

  /** A draft event: name, actor, time, fields (with {@code run_id}). */
  public static ObjectNode draft(String event, String actor, Instant time, String runId) {
    ObjectNode d = AuditEvent.JSON.createObjectNode();
    d.put("event", event);
    d.put("actor", actor);
    d.put("timestamp", AuditEvent.formatTime(time));
    d.put("run_id", runId);
    return d;
  }

  /** Turns a draft into a chained event. */
  public static AuditEvent chain(ObjectNode draft, long seq, String prevHash, ChainHasher hasher) {
    Map<String, Object> fields = new java.util.LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = draft.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getKey().equals("event") && !e.getKey().equals("actor")
          && !e.getKey().equals("timestamp")) {
        fields.put(e.getKey(), e.getValue());
      }
    }
    return AuditEvent.create(seq, Instant.parse(draft.get("timestamp").asText()),
        draft.get("event").asText(), draft.get("actor").asText(), fields, prevHash, hasher);
  }

  /**
   * {@code run_start}: the run, its config hash and inputs (from the plan, before anything is
   * read).
   */
  public static ObjectNode runStart(String actor, Instant time, String runId, String pipeline,
      String runner, String version, String configSha256, List<String> inputs,
      String outputDir) {
    ObjectNode d = draft("run_start", actor, time, runId);
    d.put("pipeline", pipeline);
    d.put("runner", runner);
    d.put("provenir_version", version);
    d.put("config_hash", "sha256:" + configSha256);
    inputs.forEach(d.putArray("inputs")::add);
    d.put("output_dir", outputDir);
    return d;
  }

  /** A run's events in the order they happen; those closing a run share one timestamp. */
  private static final List<String> ORDER = List.of("run_start", "pii_scan_complete",
      "secret_scan_complete", "decontamination_complete", "records_quarantined",
      "outputs_written", "run_complete", "manifest_written", "model_card_written", "run_failed");

  /**
   * Where {@code event} comes in a run (other events after all of a run's): how events with one
   * timestamp are ordered when read back.
   */
  public static int order(String event) {
    int i = ORDER.indexOf(event);
    return i < 0 ? ORDER.size() : i;
  }

  /** The events that close a run, from its report. */
  public static List<ObjectNode> fromReport(JsonNode r, String actor, Instant time) {
    String runId = r.path("run_id").asText();
    List<ObjectNode> out = new ArrayList<>();
    JsonNode pii = r.path("pii");
    if (pii.path("enabled").asBoolean()) {
      ObjectNode d = draft("pii_scan_complete", actor, time, runId);
      d.put("records_with_pii", pii.path("affected_records").asLong());
      d.put("findings", pii.path("findings").asLong());
      d.set("by_type", pii.path("by_type").deepCopy());
      d.set("fields", pii.path("fields").deepCopy());
      d.put("masked", pii.path("masked").asBoolean());
      out.add(d);
    }
    JsonNode sec = r.path("secrets");
    if (sec.path("enabled").asBoolean()) {
      ObjectNode d = draft("secret_scan_complete", actor, time, runId);
      d.put("records_with_secrets", sec.path("affected_records").asLong());
      d.put("findings", sec.path("findings").asLong());
      d.put("allowed", sec.path("allowed").asLong());
      d.set("by_type", sec.path("by_type").deepCopy());
      d.put("policy", sec.path("policy").asText());
      out.add(d);
    }
    JsonNode dc = r.path("decontamination");
    if (dc.path("enabled").asBoolean()) {
      ObjectNode d = draft("decontamination_complete", actor, time, runId);
      d.put("method", dc.path("method").asText());
      if (dc.has("threshold")) {
        d.put("threshold", dc.path("threshold").asDouble());
      }
      d.put("checked_records", dc.path("checked_records").asLong());
      d.put("contaminated_records", dc.path("contaminated_records").asLong());
      ObjectNode b = d.putObject("benchmarks");
      dc.path("benchmarks").fields().forEachRemaining(e -> b.putObject(e.getKey())
          .put("items", e.getValue().path("items").asLong())
          .put("items_hit", e.getValue().path("items_hit").asLong())
          .put("leaked_share", e.getValue().path("leaked_share").asDouble())
          .put("records_removed", e.getValue().path("records_removed").asLong()));
      out.add(d);
    }
    JsonNode c = r.path("counts");
    if (c.path("quarantined").asLong() > 0) {
      ObjectNode d = draft("records_quarantined", actor, time, runId);
      d.put("records", c.path("quarantined").asLong());
      d.set("secrets_by_type", sec.path("by_type").deepCopy());
      d.put("policy", sec.path("policy").asText());
      out.add(d);
    }
    ObjectNode w = draft("outputs_written", actor, time, runId);
    w.put("output_dir", r.path("output_dir").asText());
    ObjectNode outs = w.putObject("outputs");
    r.path("outputs").fields().forEachRemaining(e -> outs.putObject(e.getKey())
        .put("path", e.getValue().path("path").asText())
        .put("lines", e.getValue().path("lines").asLong())
        .put("files", e.getValue().path("files").size()));
    ObjectNode counts = w.putObject("counts");
    c.fields().forEachRemaining(e -> counts.set(e.getKey(), e.getValue().deepCopy()));
    out.add(w);
    ObjectNode done = draft("run_complete", actor, time, runId);
    done.put("status", r.path("status").asText());
    done.put("reconciled", c.path("reconciled").asBoolean());
    done.put("reconciliation", r.path("reconciliation").asText());
    done.put("config_hash", "sha256:" + r.path("config_sha256").asText());
    out.add(done);
    return out;
  }
}
