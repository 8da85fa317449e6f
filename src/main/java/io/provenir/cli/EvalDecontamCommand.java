package io.provenir.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provenir.config.SpecException;
import io.provenir.decontam.DecontamMethod;
import io.provenir.decontam.Embedders;
import io.provenir.decontam.EvalEntry;
import io.provenir.decontam.EvalItemParser;
import io.provenir.decontam.MiniLmEmbedder;
import io.provenir.eval.DecontamEvaluation;
import io.provenir.pipeline.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code provenir eval decontam}: recall and negatives flagged over a range of thresholds. */
@Command(
    name = "decontam",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Measure decontamination on labelled data: embed the eval set, check every"
        + " training record, and print recall (per kind of contamination) and the share of"
        + " negatives flagged at each threshold, for the semantic and the n-gram method.",
    footer = {
      "",
      "Labels: one JSON object per training record: {\"id\": <record id>,",
      "\"eval_id\": <eval item id, or null for a negative>, \"kind\": <e.g. verbatim,",
      "embedded, rephrased, negative>}. scripts/make-decontam-calibration.py builds",
      "the calibration sets.",
      "",
      "Exit codes: 0 thresholds met; 2 usage error; 3 a --min-recall or",
      "--max-negative-rate not met at --at (or by the n-gram method, with",
      "--method ngram).",
      "Example:",
      "  provenir eval decontam --eval target/calibration/gsm8k/eval.jsonl \\",
      "    --train target/calibration/gsm8k/train.jsonl \\",
      "    --labels target/calibration/gsm8k/labels.jsonl"
    })
final class EvalDecontamCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--eval", paramLabel = "FILE", required = true,
      description = "Eval set (JSONL).")
  Path eval;

  @Option(names = "--train", paramLabel = "FILE", required = true,
      description = "Training records (JSONL).")
  Path train;

  @Option(names = "--labels", paramLabel = "FILE", required = true,
      description = "Labels of the training records (JSONL).")
  Path labels;

  @Option(names = "--eval-field", paramLabel = "POINTER",
      description = "The eval item's text (default: the first of /question, /prompt, /text).")
  String evalField;

  @Option(names = "--train-field", paramLabel = "POINTER",
      description = "Training fields to compare; repeatable (default: every string value).")
  List<String> trainFields = new ArrayList<>();

  @Option(names = "--id-field", paramLabel = "FIELD", defaultValue = "id",
      description = "Id field of eval items and training records (default: ${DEFAULT-VALUE}).")
  String idField;

  @Option(names = "--method", paramLabel = "METHOD", defaultValue = "both",
      description = "semantic, ngram or both (default: ${DEFAULT-VALUE}).")
  String method;

  @Option(names = "--ngram", paramLabel = "N", defaultValue = "13",
      description = "N-gram size (default: ${DEFAULT-VALUE}).")
  int ngram;

  @Option(names = "--thresholds", paramLabel = "FROM:TO:STEP", defaultValue = "0.50:0.95:0.05",
      description = "Thresholds to report (default: ${DEFAULT-VALUE}).")
  String thresholds;

  @Option(names = "--at", paramLabel = "X",
      description = "The threshold that --min-recall and --max-negative-rate apply to.")
  Double at;

  @Option(names = "--min-recall", paramLabel = "X",
      description = "Fail (exit 3) below X at --at (with --method ngram: the n-gram method's).")
  Double minRecall;

  @Option(names = "--max-negative-rate", paramLabel = "X", defaultValue = "0.01",
      description = "The share of negatives a recommended threshold may flag (default:"
          + " ${DEFAULT-VALUE}); with --at (or --method ngram --min-recall), fail (exit 3)"
          + " above it.")
  double maxNegativeRate;

  @Option(names = "--threads", paramLabel = "N",
      description = "Embedding threads (default: the number of cores).")
  Integer threads;

  @Option(names = "--json", description = "Print the results as JSON.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DecontamMethod m = DecontamMethod.fromName(method);
    if (m == null) {
      err.println("provenir: --method '" + method + "' must be one of "
          + DecontamMethod.allowed());
      return ExitCodes.USAGE;
    }
    double[] grid;
    try {
      grid = Thresholds.grid(thresholds);
    } catch (IllegalArgumentException e) {
      err.println("provenir: --thresholds: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    try {
      if (ngram < 1) {
        throw new SpecException("--ngram " + ngram + ": must be at least 1");
      }
      if (at != null && !(at >= -1 && at <= 1)) { // a cosine
        throw new SpecException("--at " + at + ": must be between -1 and 1");
      }
      Thresholds.checkUnit("--min-recall", minRecall);
      Thresholds.checkUnit("--max-negative-rate", maxNegativeRate);
      if (at != null && !m.semantic()) {
        throw new SpecException("--at " + at + " is a cosine threshold, for --method semantic or"
            + " both; with --method ngram, --min-recall (and --max-negative-rate) gate the n-gram"
            + " method");
      }
      if (minRecall != null && at == null && m.semantic()) {
        throw new SpecException("--min-recall needs --at (the threshold to gate at)");
      }
    } catch (SpecException e) {
      err.println("provenir: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    List<EvalEntry> items;
    List<DecontamEvaluation.Labelled> records;
    try {
      items = new EvalItemParser("eval", evalField, idField).readFile(eval);
      records = DecontamEvaluation.load(train, labels, trainFields, idField);
      java.util.Set<String> itemIds = new java.util.HashSet<>();
      items.forEach(e -> itemIds.add(e.id()));
      for (DecontamEvaluation.Labelled r : records) {
        if (r.positive() && !itemIds.contains(r.evalId())) {
          // a label naming no item would count as a miss of the right item, silently
          throw new IllegalArgumentException(labels + ": the label of record '" + r.id()
              + "' names an eval_id that is no item of " + eval + " (an item whose id holds PII"
              + " or a secret is named by its location, FILE:LINE)");
        }
      }
      if (!trainFields.isEmpty() && !records.isEmpty()
          && records.stream().allMatch(r -> r.text().isEmpty())) {
        throw new IllegalArgumentException("--train-field " + String.join(", ", trainFields)
            + ": no record of " + train + " has text there");
      }
    } catch (IllegalArgumentException e) {
      err.println("provenir: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    long start = System.nanoTime();
    List<DecontamEvaluation.Scored> scored = DecontamEvaluation.score(items, records,
        m.semantic() ? Embedders.named(MiniLmEmbedder.NAME) : null, m, ngram, n);
    double seconds = (System.nanoTime() - start) / 1e9;

    List<DecontamEvaluation.Point> curve = new ArrayList<>();
    if (m.semantic()) {
      for (double t : grid) {
        curve.add(DecontamEvaluation.semanticAt(scored, t));
      }
    }
    DecontamEvaluation.Point ng = m.ngram() ? DecontamEvaluation.ngram(scored) : null;
    double lowest = m.semantic()
        ? DecontamEvaluation.lowestThreshold(scored, maxNegativeRate) : Double.NaN;
    DecontamEvaluation.Point atPoint = at != null && m.semantic()
        ? DecontamEvaluation.semanticAt(scored, at) : null;

    if (json) {
      out.print(toJson(items.size(), records.size(), curve, ng, lowest, atPoint));
    } else {
      out.printf(Locale.ROOT, "%s: %d eval items; %s: %d records (%d positive); %.1f s%n",
          eval, items.size(), train, records.size(),
          records.stream().filter(DecontamEvaluation.Labelled::positive).count(), seconds);
      if (!curve.isEmpty()) {
        out.println("semantic (cosine):");
        out.printf(Locale.ROOT, "  %-9s %-7s %-10s %-9s %-10s %s%n", "threshold", "recall",
            "right-item", "neg-rate", "precision", "recall by kind");
        curve.forEach(p -> out.println("  " + row(p)));
        if (!Double.isNaN(lowest)) {
          out.printf(Locale.ROOT, "  lowest threshold flagging <= %.1f%% of negatives: %.2f%n",
              100 * maxNegativeRate, lowest);
        }
      }
      if (ng != null) {
        out.println("n-gram (n=" + ngram + "):");
        out.println("  " + row(ng));
      }
      if (atPoint != null) {
        out.println("at " + at + ":");
        out.println("  " + row(atPoint));
      }
    }
    out.flush();
    // the semantic method at --at, or the n-gram method alone when a gate is asked for
    DecontamEvaluation.Point gated = atPoint != null ? atPoint
        : !m.semantic() && minRecall != null ? ng : null;
    if (gated != null) {
      // No labelled leaks: recall is undefined and a recall gate fails (it cannot be checked).
      // No labelled negatives: none flagged, so the negative-rate gate holds.
      boolean fail = (minRecall != null && !(gated.recall() >= minRecall))
          || gated.negativeRate() > maxNegativeRate;
      if (fail) {
        err.printf(Locale.ROOT, "provenir: %s recall %s, negatives flagged %s%n",
            atPoint != null ? String.format(Locale.ROOT, "at %.2f", at) : "n-gram",
            rate(gated.recall(), "no leaks labelled"),
            rate(gated.negativeRate(), "no negatives labelled"));
        return ExitCodes.POLICY_VIOLATION;
      }
    }
    return ExitCodes.OK;
  }

  private static String row(DecontamEvaluation.Point p) {
    StringBuilder kinds = new StringBuilder();
    for (Map.Entry<String, double[]> e : p.recallByKind().entrySet()) {
      kinds.append(String.format(Locale.ROOT, " %s %.3f", e.getKey(),
          e.getValue()[0] / e.getValue()[1]));
    }
    return String.format(Locale.ROOT, "%-9s %-7s %-10s %-9s %-10s%s",
        Double.isNaN(p.threshold()) ? "-" : String.format(Locale.ROOT, "%.2f", p.threshold()),
        fmt(p.recall()), fmt(p.positives() == 0 ? Double.NaN
            : (double) p.rightItem() / p.positives()),
        fmt(p.negativeRate()), fmt(p.precision()), kinds);
  }

  private static String fmt(double x) {
    return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.3f", x);
  }

  private static String toJson(int items, int records, List<DecontamEvaluation.Point> curve,
      DecontamEvaluation.Point ng, double lowest, DecontamEvaluation.Point atPoint) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("eval_items", items);
    root.put("records", records);
    ArrayNode c = root.putArray("semantic");
    curve.forEach(p -> point(c.addObject(), p));
    if (!Double.isNaN(lowest)) {
      root.put("lowest_threshold", lowest);
    }
    if (ng != null) {
      point(root.putObject("ngram"), ng);
    }
    if (atPoint != null) {
      point(root.putObject("at"), atPoint);
    }
    try {
      return mapper.writeValueAsString(root) + System.lineSeparator();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void point(ObjectNode o, DecontamEvaluation.Point p) {
    if (!Double.isNaN(p.threshold())) {
      o.put("threshold", p.threshold());
    }
    o.put("positives", p.positives());
    o.put("flagged_positives", p.flaggedPositives());
    o.put("right_item", p.rightItem());
    o.put("negatives", p.negatives());
    o.put("flagged_negatives", p.flaggedNegatives());
    // undefined (no positives, or no negatives, labelled): null, not Jackson's "NaN" string
    putRate(o, "recall", p.recall());
    putRate(o, "negative_rate", p.negativeRate());
    ObjectNode k = o.putObject("recall_by_kind");
    p.recallByKind().forEach((kind, v) -> putRate(k, kind, v[0] / v[1]));
  }

  private static String rate(double r, String ifUndefined) {
    return Double.isNaN(r) ? "n/a (" + ifUndefined + ")" : String.format(Locale.ROOT, "%.3f", r);
  }

  private static void putRate(ObjectNode o, String name, double rate) {
    if (Double.isNaN(rate)) {
      o.putNull(name);
    } else {
      o.put(name, rate);
    }
  }
}
