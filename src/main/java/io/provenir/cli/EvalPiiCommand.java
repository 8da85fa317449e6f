package io.provenir.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provenir.config.SpecException;
import io.provenir.eval.CaseLoader;
import io.provenir.eval.LabelledCase;
import io.provenir.eval.PiiEvaluation;
import io.provenir.eval.TypeScores;
import io.provenir.pii.PhoneDetector;
import io.provenir.pipeline.ExitCodes;
import java.io.IOException;
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

/** {@code provenir eval pii}: precision, recall and F1 of the PII detectors per type. */
@Command(
    name = "pii",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Score the PII detectors against labelled cases: Presidio-style cases (text,"
        + " entities, checked_types, weak) or a bench/make_corpus.py truth sidecar with its"
        + " corpus. Prints precision, recall and F1 per type, exact-span and overlap, and the"
        + " share of decoy records flagged.",
    footer = {
      "",
      "Exit codes: 0 every threshold met; 2 usage error; 3 a threshold not met.",
      "Example:",
      "  provenir eval pii --cases presidio_dev.jsonl --min-f1 0.97 --min-f1 PHONE=0.92"
    })
final class EvalPiiCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--cases", paramLabel = "FILE", required = true,
      description = "Labelled cases (JSONL); repeatable. Each file is scored on its own.")
  List<Path> cases = new ArrayList<>();

  @Option(names = "--corpus", paramLabel = "FILE",
      description = "The corpus of a truth sidecar (default: its name without .truth).")
  Path corpus;

  @Option(names = "--min-f1", paramLabel = "[TYPE=]X",
      description = "Fail (exit 3) when an exact-span F1 is below X, for every type or one.")
  List<String> minF1 = new ArrayList<>();

  @Option(names = "--min-overlap-f1", paramLabel = "[TYPE=]X",
      description = "Fail (exit 3) when an overlap F1 is below X.")
  List<String> minOverlapF1 = new ArrayList<>();

  @Option(names = "--max-decoy-rate", paramLabel = "X",
      description = "Fail (exit 3) when more than this share of decoy records is flagged.")
  Double maxDecoyRate;

  @Option(names = "--phone-regions", paramLabel = "CC", split = ",",
      description = "Regions for national phone numbers where a case names none"
          + " (default: ${DEFAULT-VALUE}).",
      defaultValue = "US,GB,CA,DE,FR,IL,IN,BR,JP,CN")
  List<String> phoneRegions;

  @Option(names = "--json", description = "Print the scores as JSON.")
  boolean json;

  @Option(names = "--show-errors", paramLabel = "N", defaultValue = "0",
      description = "Print up to N exact-span mistakes (false positives and misses) per file,"
          + " with their text: for labelled test data, never for production data.")
  int showErrors;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Thresholds f1;
    Thresholds overlap;
    List<PiiEvaluation.Result> results = new ArrayList<>();
    try {
      f1 = Thresholds.parse("--min-f1", minF1, io.provenir.pii.PiiType.names());
      overlap = Thresholds.parse("--min-overlap-f1", minOverlapF1,
          io.provenir.pii.PiiType.names());
      Thresholds.checkUnit("--max-decoy-rate", maxDecoyRate);
      Thresholds.checkNotNegative("--show-errors", showErrors);
      for (String r : phoneRegions) {
        if (!PhoneDetector.isSupportedRegion(r)) {
          throw new SpecException("--phone-regions: '" + r + "' is not a region code (use ISO"
              + " 3166 codes such as US, GB, DE)");
        }
      }
      PiiEvaluation eval = new PiiEvaluation(phoneRegions);
      for (Path f : cases) {
        List<LabelledCase> loaded = CaseLoader.load(f, cases.size() == 1 ? corpus : null);
        results.add(eval.evaluate(loaded));
      }
    } catch (SpecException e) {
      err.println("provenir: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      check(cases.get(i), results.get(i), f1, overlap, failures);
    }
    if (json) {
      out.println(toJson(results, failures));
    } else {
      for (int i = 0; i < cases.size(); i++) {
        out.print(table(cases.get(i), results.get(i)));
        results.get(i).errors().stream().limit(showErrors).forEach(x -> out.println("    " + x));
      }
      for (String f : failures) {
        out.println("BELOW THRESHOLD: " + f);
      }
    }
    out.flush();
    return failures.isEmpty() ? ExitCodes.OK : ExitCodes.POLICY_VIOLATION;
  }

  private void check(Path file, PiiEvaluation.Result r, Thresholds f1, Thresholds overlap,
      List<String> failures) {
    for (Map.Entry<String, TypeScores> e : r.byType().entrySet()) {
      TypeScores s = e.getValue();
      if (s.gold() == 0 && s.exactFp() == 0) {
        continue;
      }
      Double min = f1.minimum(e.getKey());
      if (min != null && s.f1() < min) {
        failures.add(String.format(Locale.ROOT, "%s %s F1 %.4f < %.4f", file.getFileName(),
            e.getKey(), s.f1(), min));
      }
      Double minO = overlap.minimum(e.getKey());
      if (minO != null && s.overlapF1() < minO) {
        failures.add(String.format(Locale.ROOT, "%s %s overlap F1 %.4f < %.4f",
            file.getFileName(), e.getKey(), s.overlapF1(), minO));
      }
    }
    if (maxDecoyRate != null && r.decoyFlagRate() > maxDecoyRate) {
      failures.add(String.format(Locale.ROOT, "%s decoy rate %.4f > %.4f", file.getFileName(),
          r.decoyFlagRate(), maxDecoyRate));
    }
  }

  static String table(Path file, PiiEvaluation.Result r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s: %d cases%n", file, r.cases()));
    sb.append(String.format(Locale.ROOT, "  %-12s %6s %6s %6s %6s  %9s %7s %7s  %9s %7s %7s%n",
        "type", "gold", "tp", "fp", "fn", "precision", "recall", "f1", "ovl-prec", "ovl-rec",
        "ovl-f1"));
    for (Map.Entry<String, TypeScores> e : r.byType().entrySet()) {
      row(sb, e.getKey(), e.getValue());
    }
    row(sb, "all", r.all());
    if (r.decoyRecords() > 0) {
      sb.append(String.format(Locale.ROOT, "  decoys: %d of %d decoy records flagged (%.2f %%)%n",
          r.flaggedDecoyRecords(), r.decoyRecords(), 100 * r.decoyFlagRate()));
    }
    return sb.toString();
  }

  private static void row(StringBuilder sb, String name, TypeScores s) {
    sb.append(String.format(Locale.ROOT,
        "  %-12s %6d %6d %6d %6d  %9.4f %7.4f %7.4f  %9.4f %7.4f %7.4f%n", name, s.gold(),
        s.exactTp(), s.exactFp(), s.exactFn(), s.precision(), s.recall(), s.f1(),
        s.overlapPrecision(), s.overlapRecall(), s.overlapF1()));
  }

  private String toJson(List<PiiEvaluation.Result> results, List<String> failures) {
    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = m.createObjectNode();
    ArrayNode files = root.putArray("files");
    for (int i = 0; i < cases.size(); i++) {
      PiiEvaluation.Result r = results.get(i);
      ObjectNode f = files.addObject();
      f.put("path", cases.get(i).toString());
      f.put("cases", r.cases());
      ObjectNode types = f.putObject("types");
      r.byType().forEach((t, s) -> scores(types.putObject(t), s));
      scores(f.putObject("all"), r.all());
      f.putObject("decoys").put("records", r.decoyRecords())
          .put("flagged", r.flaggedDecoyRecords()).put("rate", r.decoyFlagRate());
    }
    root.put("passed", failures.isEmpty());
    ArrayNode fl = root.putArray("failures");
    failures.forEach(fl::add);
    try {
      return m.writeValueAsString(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void scores(ObjectNode o, TypeScores s) {
    o.put("gold", s.gold()).put("tp", s.exactTp()).put("fp", s.exactFp()).put("fn", s.exactFn())
        .put("precision", s.precision()).put("recall", s.recall()).put("f1", s.f1());
    o.putObject("overlap").put("precision", s.overlapPrecision())
        .put("recall", s.overlapRecall()).put("f1", s.overlapF1());
  }
}
