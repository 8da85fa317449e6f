package io.provenir.cli;

import io.provenir.pipeline.ExitCodes;
import io.provenir.report.RunComparison;
import io.provenir.report.RunComparison.OutputDiff;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code provenir compare}: are two runs' outputs the same records, whatever the runner? */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Compare two run output directories (e.g. the same input on the Direct Runner"
        + " and on Flink): each output (clean, quarantine, contaminated, dead-letter, findings)"
        + " as a multiset of lines, in any order or sharding, and the counts, content hash and"
        + " findings summaries of report.json and manifest.json. Differences are shown by count"
        + " and location (file:line), never by content.",
    footer = {
      "",
      "Exit codes: 0 identical; 1 different; 2 usage (a directory that is not a run's).",
      "Example:",
      "  provenir compare artifacts/runs/nightly-direct artifacts/runs/nightly-flink"
    })
final class CompareCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_A", description = "A run's output directory.")
  Path a;

  @Parameters(index = "1", paramLabel = "RUN_B", description = "Another run's output directory.")
  Path b;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RunComparison.Result r;
    try {
      r = RunComparison.compare(a, b);
    } catch (IOException e) {
      err.println("provenir compare: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    for (OutputDiff d : r.outputs()) {
      if (!d.inA() && !d.inB()) {
        continue;
      }
      String verdict;
      if (d.same()) {
        verdict = "identical";
      } else if (d.inA() != d.inB()) {
        verdict = "written only in " + (d.inA() ? "A" : "B");
      } else {
        verdict = d.onlyA() + " only in A" + (d.firstOnlyA() == null ? "" : " (first: "
            + d.firstOnlyA() + ")") + ", " + d.onlyB() + " only in B"
            + (d.firstOnlyB() == null ? "" : " (first: " + d.firstOnlyB() + ")");
      }
      out.printf("%-13s %9d %s %-9d lines  %s%n", d.name(), d.linesA(),
          d.linesA() == d.linesB() ? "=" : "!=", d.linesB(), verdict);
    }
    if (r.reportDiffs().isEmpty()) {
      out.println("report        counts, findings, decontamination and content hash agree");
    } else {
      r.reportDiffs().forEach(s -> out.println("differs       " + s));
    }
    out.println(r.identical() ? "identical: the same records in every output"
        : "DIFFERENT");
    out.flush();
    return r.identical() ? ExitCodes.OK : ExitCodes.FAILURE;
  }
}
