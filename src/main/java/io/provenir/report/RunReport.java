package io.provenir.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders {@code report.json}: the run, its inputs, every count with the reconciliation
 * {@code input_lines == clean + quarantined + dead_letter + blank}, PII and secrets by type and
 * field, dead letters by error, the outputs and the effective config. Deterministic key order.
 */
public final class RunReport {

  /** Bumped when a field changes meaning or disappears; new fields do not bump it. */
  public static final int REPORT_VERSION = 1;
  public static final String STATUS_OK = "ok";
  public static final String STATUS_POLICY_VIOLATION = "policy_violation";
  public static final String STATUS_UNRECONCILED = "unreconciled";

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private RunReport() {}

  /**
   * @param outputFiles output name to the file names written there
   */
  public static ObjectNode render(RunInfo info, Tally t, String endTime,
      Map<String, List<String>> outputFiles) {
    ObjectNode r = MAPPER.createObjectNode();
    r.put("report_version", REPORT_VERSION);
    r.put("provenir_version", info.provenirVersion());
    r.put("run_id", info.runId());
    r.put("pipeline", info.pipeline());
    r.put("status", status(info, t));
    r.put("start_time", info.startTime());
    r.put("end_time", endTime);
    r.put("runner", info.runner());
    r.put("output_dir", info.outputDir());

    ObjectNode inputs = r.putObject("inputs");
    ArrayNode paths = inputs.putArray("paths");
    info.inputPaths().forEach(paths::add);
    ArrayNode files = inputs.putArray("files");
    Map<String, long[]> sources = new TreeMap<>(t.sources());
    for (String s : new TreeMap<>(info.inputSizes()).keySet()) {
      sources.putIfAbsent(s, new long[3]);
    }
    sources.forEach((source, v) -> files.addObject()
        .put("source", source)
        .put("size_bytes", info.inputSizes().getOrDefault(source, -1L))
        .put("lines", v[0])
        .put("blank_lines", v[1])
        .put("bytes_read", v[2]));

    ObjectNode counts = r.putObject("counts");
    counts.put("input_lines", t.inputLines());
    counts.put("blank", t.blankLines());
    counts.put("records", t.inputLines() - t.blankLines());
    counts.put("clean", t.clean());
    counts.put("masked", t.masked());
    counts.put("quarantined", t.quarantined());
    counts.put("contaminated", t.contaminated());
    counts.put("dead_letter", t.deadLetter());
    counts.put("reconciled", t.reconciles());
    r.put("reconciliation", String.format(
        "input_lines (%d) %s clean (%d) + quarantined (%d) + contaminated (%d) + dead_letter (%d)"
            + " + blank (%d)",
        t.inputLines(), t.reconciles() ? "==" : "!=", t.clean(), t.quarantined(),
        t.contaminated(), t.deadLetter(), t.blankLines()));

    ObjectNode dataset = r.putObject("dataset");
    dataset.put("records", t.clean());
    dataset.put("bytes", t.cleanBytes());
    dataset.put("content_hash", t.cleanContentHash());
    dataset.put("content_hash_method", "sum mod 2^256 of the SHA-256 of each clean line (without"
        + " its newline): the same records give the same hash in any order or sharding");

    ObjectNode pii = r.putObject("pii");
    pii.put("enabled", info.piiEnabled());
    pii.put("masked", info.piiMasked());
    pii.put("affected_records", t.piiRecords());
    pii.put("findings", t.piiFindings());
    putCounts(pii.putObject("by_type"), t.piiByType());
    putCounts(pii.putObject("fields"), t.piiFields());

    ObjectNode secrets = r.putObject("secrets");
    secrets.put("enabled", info.secretsEnabled());
    secrets.put("policy", info.secretPolicy());
    secrets.put("affected_records", t.secretRecords());
    secrets.put("findings", t.secretFindings());
    secrets.put("allowed", t.secretsAllowed());
    putCounts(secrets.putObject("by_type"), t.secretsByType());
    putCounts(secrets.putObject("fields"), t.secretFields());
    secrets.put("dead_letter_lines", t.deadLetterSecretLines());
    putCounts(secrets.putObject("dead_letter_by_type"), t.deadLetterSecretsByType());

    decontamination(r.putObject("decontamination"), info.decontamination(), t);

    ObjectNode dl = r.putObject("dead_letter");
    dl.put("count", t.deadLetter());
    putCounts(dl.putObject("by_error"), t.deadLetterByError());

    ObjectNode outputs = r.putObject("outputs");
    Map<String, Long> lineCounts = Map.of(
        "clean", t.clean(), "quarantine", t.quarantined(), "contaminated", t.contaminated(),
        "dead-letter", t.deadLetter(), "findings", t.piiFindings() + t.secretFindings());
    new TreeMap<>(info.outputs()).forEach((name, dir) -> {
      ObjectNode o = outputs.putObject(name);
      o.put("path", dir);
      o.put("lines", lineCounts.getOrDefault(name, 0L));
      if (name.equals("clean")) {
        o.put("bytes", t.cleanBytes());
        o.put("content_hash", t.cleanContentHash());
      }
      ArrayNode fl = o.putArray("files");
      outputFiles.getOrDefault(name, List.of()).stream().sorted().forEach(fl::add);
    });

    r.put("config_sha256", info.configSha256());
    try {
      r.set("config", MAPPER.readTree(info.configJson()));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    return r;
  }

  private static void decontamination(ObjectNode d, RunInfo.Decontam info, Tally t) {
    d.put("enabled", info.enabled());
    if (!info.enabled()) {
      return;
    }
    d.put("method", info.method());
    if (!"ngram".equals(info.method())) {
      d.put("threshold", info.threshold());
      d.put("model", info.model());
    }
    if (!"semantic".equals(info.method())) {
      d.put("ngram", info.ngram());
    }
    d.put("checked_records", t.decontamChecked());
    d.put("contaminated_records", t.contaminated());
    ObjectNode sets = d.putObject("eval_sets");
    new TreeMap<>(info.evalSets()).forEach(sets::put);
    ObjectNode benchmarks = d.putObject("benchmarks");
    java.util.TreeSet<String> names = new java.util.TreeSet<>(info.evalSets().keySet());
    names.addAll(t.benchmarkItems().keySet());
    for (String name : names) {
      ObjectNode b = benchmarks.putObject(name);
      long items = t.benchmarkItems().getOrDefault(name, 0L);
      int hit = t.itemsHit().getOrDefault(name, new java.util.TreeSet<>()).size();
      long[] rec = t.benchmarkRecords().getOrDefault(name, new long[4]);
      b.put("items", items);
      b.put("items_hit", hit);
      b.put("leaked_share", items == 0 ? 0.0 : Math.round(1e6 * hit / (double) items) / 1e6);
      b.put("records_removed", rec[0]);
      ObjectNode by = b.putObject("records_by_method");
      by.put("semantic", rec[1]);
      by.put("ngram", rec[2]);
      by.put("both", rec[3]);
      long[] h = t.histograms().get(name);
      if (h != null || !"ngram".equals(info.method())) {
        ObjectNode hist = b.putObject("score_histogram");
        hist.put("bin_width", 1.0 / Tally.HISTOGRAM_BINS);
        hist.put("of", "each checked record's best cosine similarity, under the benchmark it is"
            + " most similar to");
        ArrayNode counts = hist.putArray("counts");
        for (int i = 0; i < Tally.HISTOGRAM_BINS; i++) {
          counts.add(h == null ? 0 : h[i]);
        }
      }
    }
  }

  /**
   * {@code policy_violation} when the policy is {@code fail} and a secret was found, in a record or
   * in a line that could not be one.
   */
  static String status(RunInfo info, Tally t) {
    if (!t.reconciles()) {
      return STATUS_UNRECONCILED;
    }
    if ("fail".equals(info.secretPolicy())
        && (t.secretRecords() > 0 || t.deadLetterSecretLines() > 0)) {
      return STATUS_POLICY_VIOLATION;
    }
    return STATUS_OK;
  }

  private static void putCounts(ObjectNode o, Map<String, Long> m) {
    new TreeMap<>(m).forEach(o::put);
  }

  /** Pretty-printed JSON bytes with a trailing newline. */
  public static byte[] toBytes(JsonNode report) {
    try {
      byte[] b = MAPPER.writeValueAsBytes(report);
      byte[] out = java.util.Arrays.copyOf(b, b.length + 1);
      out[b.length] = '\n';
      return out;
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
