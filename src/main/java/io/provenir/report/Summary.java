package io.provenir.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The one-screen text summary of a run, rendered from its {@code report.json}. */
public final class Summary {

  private Summary() {}

  public static String format(JsonNode r, Duration elapsed) {
    StringBuilder sb = new StringBuilder();
    JsonNode c = r.path("counts");
    String dir = r.path("output_dir").asText();
    String pipeline = r.path("pipeline").asText();
    sb.append(String.format(Locale.ROOT, "Provenir run %s (%s%s): %s in %.1f s%n",
        r.path("run_id").asText(), pipeline.isBlank() ? "" : pipeline + ", ",
        r.path("runner").asText(), r.path("status").asText(), elapsed.toMillis() / 1000.0));
    sb.append("Outputs in ").append(dir).append('\n');
    int files = r.path("inputs").path("files").size();
    sb.append(String.format(Locale.ROOT, "  %-12s %8d line%s in %d file%s (%d blank)%n", "input",
        c.path("input_lines").asLong(), plural(c.path("input_lines").asLong()), files,
        files == 1 ? "" : "s", c.path("blank").asLong()));
    JsonNode outs = r.path("outputs");
    line(sb, "clean", c.path("clean").asLong(), "record" + plural(c.path("clean").asLong())
        + (c.path("masked").asLong() > 0 ? " (" + c.path("masked").asLong() + " masked)" : ""),
        outs.has("clean") ? "clean/" : "(not written)");
    line(sb, "quarantine", c.path("quarantined").asLong(),
        "record" + plural(c.path("quarantined").asLong()),
        outs.has("quarantine") ? "quarantine/" : "(not written)");
    if (r.path("decontamination").path("enabled").asBoolean()) {
      line(sb, "contaminated", c.path("contaminated").asLong(),
          "record" + plural(c.path("contaminated").asLong()),
          outs.has("contaminated") ? "contaminated/" : "(not written)");
    }
    line(sb, "dead-letter", c.path("dead_letter").asLong(),
        "line" + plural(c.path("dead_letter").asLong()), "dead-letter/");
    if (outs.has("findings")) {
      line(sb, "findings", outs.path("findings").path("lines").asLong(), "", "findings/");
    }
    line(sb, "report", -1, "", "report.json");
    sb.append("  ").append(c.path("reconciled").asBoolean() ? "reconciled: " : "NOT RECONCILED: ")
        .append(r.path("reconciliation").asText()).append('\n');
    JsonNode pii = r.path("pii");
    if (pii.path("enabled").asBoolean()) {
      sb.append(String.format(Locale.ROOT, "  PII          %d record%s, %d finding%s%s%n",
          pii.path("affected_records").asLong(), plural(pii.path("affected_records").asLong()),
          pii.path("findings").asLong(), plural(pii.path("findings").asLong()),
          byType(pii.path("by_type"))));
    }
    JsonNode sec = r.path("secrets");
    if (sec.path("enabled").asBoolean()) {
      long allowed = sec.path("allowed").asLong();
      sb.append(String.format(Locale.ROOT,
          "  secrets      %d record%s, %d finding%s%s (policy: %s)%s%n",
          sec.path("affected_records").asLong(), plural(sec.path("affected_records").asLong()),
          sec.path("findings").asLong(), plural(sec.path("findings").asLong()),
          byType(sec.path("by_type")), sec.path("policy").asText(),
          allowed > 0 ? "; " + allowed + " allowed by the allowlist" : ""));
      long inDeadLetters = sec.path("dead_letter_lines").asLong();
      if (inDeadLetters > 0) {
        sb.append(String.format(Locale.ROOT,
            "               and %d dead-lettered line%s: %s (redacted in dead-letter/)%n",
            inDeadLetters, plural(inDeadLetters), byType(sec.path("dead_letter_by_type"))
                .replaceFirst("^: ", "")));
      }
    }
    JsonNode dc = r.path("decontamination");
    if (dc.path("enabled").asBoolean()) {
      List<String> parts = new ArrayList<>();
      dc.path("benchmarks").fields().forEachRemaining(e -> parts.add(String.format(Locale.ROOT,
          "%s %d/%d items leaked (%.1f%%), %d record%s", e.getKey(),
          e.getValue().path("items_hit").asLong(), e.getValue().path("items").asLong(),
          100 * e.getValue().path("leaked_share").asDouble(),
          e.getValue().path("records_removed").asLong(),
          plural(e.getValue().path("records_removed").asLong()))));
      sb.append(String.format(Locale.ROOT, "  decontam     %s%s: %s%n", dc.path("method").asText(),
          dc.has("threshold") ? " @ " + dc.path("threshold").asText() : "",
          String.join("; ", parts)));
    }
    JsonNode ex = r.path("execution");
    if (ex.has("restarts")) {
      List<String> lost = new ArrayList<>();
      ex.path("failures").forEach(f -> {
        String tm = f.path("taskmanager").asText("");
        if (!tm.isEmpty() && !lost.contains(tm)) {
          lost.add(tm);
        }
      });
      sb.append(String.format(Locale.ROOT, "  flink        job %s, %d restart%s%s%n",
          ex.path("flink_job_id").asText(), ex.path("restarts").asLong(),
          plural(ex.path("restarts").asLong()),
          lost.isEmpty() ? "" : " (failures reported by " + String.join(", ", lost) + ")"));
    }
    JsonNode dl = r.path("dead_letter").path("by_error");
    if (dl.size() > 0) {
      sb.append("  dead letters").append(byType(dl)).append('\n');
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, String name, long n, String unit, String where) {
    String count = n < 0 ? "" : String.format(Locale.ROOT, "%8d %s", n, unit);
    sb.append(String.format(Locale.ROOT, "  %-12s %-32s %s%n", name, count, where));
  }

  private static String plural(long n) {
    return n == 1 ? "" : "s";
  }

  private static String byType(JsonNode counts) {
    if (counts.size() == 0) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    counts.fields().forEachRemaining(e -> parts.add(e.getKey() + " " + e.getValue().asLong()));
    return ": " + String.join(", ", parts);
  }
}
