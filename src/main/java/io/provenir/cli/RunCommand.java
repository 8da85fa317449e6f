package io.provenir.cli;

import io.provenir.config.RunnerConfig;
import io.provenir.config.SpecException;
import io.provenir.pipeline.ExitCodes;
import io.provenir.pipeline.RunLauncher;
import io.provenir.pipeline.DecontamOverrides;
import io.provenir.pipeline.RunRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code provenir run}: one governance run. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Run a governance pipeline: read JSONL, scan for PII and secrets, mask, check"
        + " against eval sets, route every line to clean/, quarantine/, contaminated/ or"
        + " dead-letter/, write findings/ and report.json, and print a summary.",
    customSynopsis = {
      "provenir run [PIPELINE.yaml] [--runner-config FILE] [--input GLOB]...",
      "             [--output DIR] [--run-id ID] [--overwrite]",
      "             [--secrets-policy POLICY] [--eval NAME=PATH]...",
      "             [--eval-field POINTER] [--decontamination METHOD]",
      "             [--threshold X] [--ngram N] [--audit-dir DIR] [--actor NAME]",
      "             [-- BEAM_OPTION...]"
    },
    footer = {
      "",
      "Flags override the spec. Everything after -- goes to Beam's",
      "PipelineOptionsFactory untouched and overrides the runner config, e.g.:",
      "  provenir run -- --targetParallelism=8",
      "",
      "Exit codes: 0 ok; 1 failure; 2 usage or config error (the message names",
      "the flag, key or option); 3 secrets found with secrets.policy 'fail'",
      "(outputs and report are written first)."
    })
final class RunCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PIPELINE.yaml",
      description = "Pipeline spec (default: ${DEFAULT-VALUE}).",
      defaultValue = "pipelines/governance.yaml")
  Path pipeline;

  @Option(
      names = "--runner-config",
      paramLabel = "FILE",
      description = "Runner config YAML (runner-configs/*.yaml). Default: the Direct Runner in"
          + " this JVM with production settings.")
  Path runnerConfig;

  @Option(
      names = "--input",
      paramLabel = "GLOB",
      description = "Input JSONL file, glob or directory; repeatable. Replaces input.paths.")
  List<String> inputs = new ArrayList<>();

  @Option(names = "--output", paramLabel = "DIR",
      description = "Output directory. Replaces output.dir.")
  String output;

  @Option(names = "--run-id", paramLabel = "ID",
      description = "Run id (letters, digits, '.', '_', '-'). Default: UTC time and 6 hex digits.")
  String runId;

  @Option(names = "--overwrite",
      description = "Replace an existing output directory that holds only Provenir outputs.")
  boolean overwrite;

  @Option(names = "--secrets-policy", paramLabel = "POLICY",
      description = "quarantine, fail or report. Replaces secrets.policy.")
  String secretsPolicy;

  @Option(names = "--eval", paramLabel = "NAME=PATH",
      description = "An eval set to decontaminate against: JSONL files (file, glob or"
          + " directory) or an embedding set from 'provenir embed'; repeatable. Replaces"
          + " decontamination.eval_sets.")
  List<String> evals = new ArrayList<>();

  @Option(names = "--eval-field", paramLabel = "POINTER",
      description = "The eval items' text field (default: the first of /question, /prompt,"
          + " /text).")
  String evalField;

  @Option(names = "--decontamination", paramLabel = "METHOD",
      description = "semantic, ngram, both or off. Replaces decontamination.method.")
  String decontamination;

  @Option(names = "--threshold", paramLabel = "X",
      description = "Cosine similarity at or above which a record matches an eval item."
          + " Replaces decontamination.threshold.")
  Double threshold;

  @Option(names = "--ngram", paramLabel = "N",
      description = "Word n-gram size. Replaces decontamination.ngram.")
  Integer ngram;

  @Option(names = "--audit-dir", paramLabel = "DIR",
      description = "The audit trail's directory. Replaces audit.dir.")
  String auditDir;

  @Option(names = "--actor", paramLabel = "NAME",
      description = "Who the run's audit events name as actor (default: audit.actor,"
          + " $PROVENIR_ACTOR or the OS user).")
  String actor;

  /** Set by {@link Main#execute}: the arguments after {@code --}. */
  List<String> beamArgs = List.of();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RunnerConfig rc;
    try {
      rc = runnerConfig == null ? RunnerConfig.directDefaults() : RunnerConfig.load(runnerConfig);
    } catch (SpecException e) {
      err.println("provenir: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    RunRequest req = new RunRequest(pipeline, inputs, output, runId, overwrite, secretsPolicy, rc,
        beamArgs, Path.of(""),
        new DecontamOverrides(evals, evalField, decontamination, threshold, ngram), auditDir,
        actor);
    return RunLauncher.runAndReport(req, out, err);
  }
}
