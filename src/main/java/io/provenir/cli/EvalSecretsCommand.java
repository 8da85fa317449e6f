package io.provenir.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provenir.config.SpecException;
import io.provenir.eval.SecretEvaluation;
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

/** {@code provenir eval secrets}: record-level precision, recall and F1, by rule family. */
@Command(
    name = "secrets",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Score the secret detectors on labelled records (text, secret, rule) or on a"
        + " bench/make_corpus.py truth sidecar with its corpus: does each record hold a secret?"
        + " Prints precision, recall and F1 overall and the agreement per rule family.",
    footer = {
      "",
      "Exit codes: 0 every threshold met; 2 usage error; 3 a threshold not met.",
      "Example:",
      "  provenir eval secrets --cases gitleaks_dev.jsonl \\",
      "    --min-precision 0.95 --min-recall 0.95"
    })
final class EvalSecretsCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--cases", paramLabel = "FILE", required = true,
      description = "Labelled cases (JSONL); repeatable. Each file is scored on its own.")
  List<Path> cases = new ArrayList<>();

  @Option(names = "--corpus", paramLabel = "FILE",
      description = "The corpus of a truth sidecar (default: its name without .truth).")
  Path corpus;

  @Option(names = "--min-precision", paramLabel = "X", description = "Fail (exit 3) below X.")
  Double minPrecision;

  @Option(names = "--min-recall", paramLabel = "X", description = "Fail (exit 3) below X.")
  Double minRecall;

  @Option(names = "--max-decoy-records", paramLabel = "N",
      description = "Fail (exit 3) when more than N decoy records are flagged.")
  Long maxDecoyRecords;

  @Option(names = "--json", description = "Print the scores as JSON.")
  boolean json;

  @Option(names = "--show-errors", paramLabel = "N", defaultValue = "0",
      description = "Print up to N mistakes per file (labelled test data only).")
  int showErrors;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<SecretEvaluation.Result> results = new ArrayList<>();
    try {
      Thresholds.checkUnit("--min-precision", minPrecision);
      Thresholds.checkUnit("--min-recall", minRecall);
      Thresholds.checkNotNegative("--max-decoy-records", maxDecoyRecords);
      Thresholds.checkNotNegative("--show-errors", showErrors);
      SecretEvaluation eval = new SecretEvaluation();
      for (Path f : cases) {
        results.add(eval.evaluate(SecretEvaluation.load(f, cases.size() == 1 ? corpus : null)));
      }
    } catch (SpecException e) {
      err.println("provenir: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      SecretEvaluation.Result r = results.get(i);
      String name = cases.get(i).getFileName().toString();
      if (minPrecision != null && r.all().precision() < minPrecision) {
        failures.add(String.format(Locale.ROOT, "%s precision %.4f < %.4f", name,
            r.all().precision(), minPrecision));
      }
      if (minRecall != null && r.all().recall() < minRecall) {
        failures.add(String.format(Locale.ROOT, "%s recall %.4f < %.4f", name, r.all().recall(),
            minRecall));
      }
      if (maxDecoyRecords != null && r.flaggedDecoyRecords() > maxDecoyRecords) {
        failures.add(String.format(Locale.ROOT, "%s %d decoy records flagged > %d", name,
            r.flaggedDecoyRecords(), maxDecoyRecords));
      }
    }
    if (json) {
      out.println(toJson(results, failures));
    } else {
      for (int i = 0; i < cases.size(); i++) {
        out.print(table(cases.get(i), results.get(i)));
        results.get(i).errors().stream().limit(showErrors).forEach(x -> out.println("    " + x));
      }
      failures.forEach(f -> out.println("BELOW THRESHOLD: " + f));
    }
    out.flush();
    return failures.isEmpty() ? ExitCodes.OK : ExitCodes.POLICY_VIOLATION;
  }

  static String table(Path file, SecretEvaluation.Result r) {
    StringBuilder sb = new StringBuilder();
    SecretEvaluation.Counts a = r.all();
    sb.append(String.format(Locale.ROOT, "%s: %d records, %d with a secret%n", file, a.total(),
        a.tp() + a.fn()));
    sb.append(String.format(Locale.ROOT,
        "  record level: precision %.4f  recall %.4f  F1 %.4f  (tp %d, fp %d, fn %d, tn %d)%n",
        a.precision(), a.recall(), a.f1(), a.tp(), a.fp(), a.fn(), a.tn()));
    if (r.decoyRecords() > 0) {
      sb.append(String.format(Locale.ROOT, "  decoys: %d of %d decoy records flagged%n",
          r.flaggedDecoyRecords(), r.decoyRecords()));
    }
    sb.append(String.format(Locale.ROOT, "  %-34s %5s %5s %5s %5s  %9s%n", "family", "tp", "fn",
        "fp", "tn", "agreement"));
    for (Map.Entry<String, SecretEvaluation.Counts> e : r.byFamily().entrySet()) {
      SecretEvaluation.Counts c = e.getValue();
      sb.append(String.format(Locale.ROOT, "  %-34s %5d %5d %5d %5d  %9.4f%n", e.getKey(), c.tp(),
          c.fn(), c.fp(), c.tn(), c.agreement()));
    }
    return sb.toString();
  }

  private String toJson(List<SecretEvaluation.Result> results, List<String> failures) {
    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = m.createObjectNode();
    ArrayNode files = root.putArray("files");
    for (int i = 0; i < cases.size(); i++) {
      SecretEvaluation.Result r = results.get(i);
      ObjectNode f = files.addObject();
      f.put("path", cases.get(i).toString());
      counts(f.putObject("all"), r.all());
      ObjectNode fam = f.putObject("families");
      r.byFamily().forEach((k, v) -> counts(fam.putObject(k), v));
      f.putObject("decoys").put("records", r.decoyRecords())
          .put("flagged", r.flaggedDecoyRecords());
      ObjectNode types = f.putObject("found_types");
      r.foundTypes().forEach(types::put);
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

  private static void counts(ObjectNode o, SecretEvaluation.Counts c) {
    o.put("tp", c.tp()).put("fn", c.fn()).put("fp", c.fp()).put("tn", c.tn())
        .put("precision", c.precision()).put("recall", c.recall()).put("f1", c.f1())
        .put("agreement", c.agreement());
  }
}
