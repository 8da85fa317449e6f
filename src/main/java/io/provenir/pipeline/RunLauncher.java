package io.provenir.pipeline;

import io.provenir.audit.AuditDigest;
import io.provenir.audit.AuditException;
import io.provenir.audit.AuditLogger;
import io.provenir.audit.ChainHasher;
import com.fasterxml.jackson.databind.JsonNode;
import io.provenir.config.SpecException;
import io.provenir.io.InputReadException;
import io.provenir.report.RunReport;
import io.provenir.report.Summary;
import io.provenir.transforms.BeamFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.metrics.MetricResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Plans, builds and runs a governance run, then reads its report back. */
public final class RunLauncher {

  private static final Logger LOG = LoggerFactory.getLogger(RunLauncher.class);

  private RunLauncher() {}

  /**
   * The result of a finished run.
   *
   * @param plan what ran
   * @param report the parsed {@code report.json}
   * @param elapsed wall time from start to report
   * @param counters Beam counters by {@code namespace:name} (attempted values)
   */
  public record Outcome(RunPlan plan, JsonNode report, Duration elapsed,
      Map<String, Long> counters) {

    /** {@link ExitCodes#POLICY_VIOLATION}, {@link ExitCodes#FAILURE} or {@link ExitCodes#OK}. */
    public int exitCode() {
      return switch (report.path("status").asText()) {
        case RunReport.STATUS_OK -> ExitCodes.OK;
        case RunReport.STATUS_POLICY_VIOLATION -> ExitCodes.POLICY_VIOLATION;
        default -> ExitCodes.FAILURE;
      };
    }
  }

  /** Thrown when the runner fails the job; the message names the cause without record content. */
  public static final class RunFailedException extends Exception {
    public RunFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Runs {@code req} to completion.
   *
   * @throws SpecException a usage or config problem (exit code 2)
   * @throws IOException reading inputs or the report failed
   * @throws RunFailedException the runner failed the job
   */
  public static Outcome run(RunRequest req) throws SpecException, IOException, RunFailedException {
    Instant t0 = Instant.now();
    RunPlan plan = RunPlanner.plan(req);
    LOG.info("run {}: {} input file(s) -> {}", plan.runId(), plan.inputs().size(),
        plan.outputDir());
    String cluster = flinkCluster(req);
    if (cluster != null) {
      String why = FlinkJobInfo.unreachable(cluster);
      if (why != null) {
        String reason = "cannot reach the Flink cluster at " + cluster + " (" + why + "): start"
            + " it (scripts/flink-cluster.sh) or "
            + (RunnerChecks.passedAfterDashes("flinkMaster", req.beamArgs())
                ? "give the right address in --flinkMaster (after '--')"
                : "set flinkMaster in " + req.runnerConfig().source());
        auditFailure(plan, reason);
        throw new RunFailedException(reason, null);
      }
    }
    Pipeline p = Pipeline.create(plan.options());
    GovernancePipeline.build(p, plan);
    PipelineResult.State state;
    PipelineResult result;
    try {
      result = p.run();
      state = result.waitUntilFinish();
    } catch (RuntimeException e) {
      io.provenir.decontam.EvalSetException evalSet = evalSetProblem(e);
      if (evalSet != null) { // a configuration problem, as when it is found before the run
        auditFailure(plan, evalSet.getMessage());
        throw new SpecException(evalSet.getMessage());
      }
      String reason = "the pipeline failed: " + rootCause(e);
      auditFailure(plan, reason);
      throw new RunFailedException(reason, e);
    }
    if (state != PipelineResult.State.DONE) {
      auditFailure(plan, "the pipeline ended in state " + state);
      throw new RunFailedException("the pipeline ended in state " + state, null);
    }
    JsonNode report = readReport(plan.outputDir() + "report.json");
    report = addExecution(req, plan, report);
    seal(plan);
    return new Outcome(plan, report, Duration.between(t0, Instant.now()), counters(result));
  }

  /**
   * Runs {@code req}, prints the summary to {@code out} or a one-line error to {@code err}, and
   * returns the exit code.
   */
  public static int runAndReport(RunRequest req, PrintWriter out, PrintWriter err) {
    try {
      Outcome o = run(req);
      out.print(Summary.format(o.report(), o.elapsed()));
      if (o.plan().audit() != null) {
        out.printf("  %-12s %s (events-%s-*.jsonl, digest-%s.json)%n", "audit",
            o.plan().audit().dir(), o.plan().runId(), o.plan().runId());
      }
      long byLayout = o.counters().entrySet().stream()
          .filter(c -> c.getKey().endsWith(":strings_phones_judged_by_layout"))
          .mapToLong(Map.Entry::getValue).sum();
      if (byLayout > 0) {
        out.printf("  %-12s %,d string(s) dense with numbers had their remaining phone numbers"
            + " judged by layout, without libphonenumber (docs/detectors.md#phone-numbers)%n",
            "note", byLayout);
      }
      out.flush();
      if (o.exitCode() == ExitCodes.POLICY_VIOLATION) {
        err.println("provenir: secrets found and secrets.policy is 'fail': exit code 3 (outputs"
            + " and report are written)");
      } else if (o.exitCode() != ExitCodes.OK) {
        err.println("provenir: the report does not reconcile: " + o.report().path("reconciliation")
            .asText());
      }
      return o.exitCode();
    } catch (SpecException e) {
      err.println("provenir: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (RunFailedException e) {
      err.println("provenir: " + e.getMessage());
      LOG.debug("run failed", e);
      return ExitCodes.FAILURE;
    } catch (IOException e) {
      err.println("provenir: " + e.getMessage());
      return ExitCodes.FAILURE;
    }
  }

  /**
   * Seals the run's audit shards with a digest chained to the previous run's (local audit
   * directories; a remote one is left to its storage's own versioning, see docs/audit.md).
   */
  static void seal(RunPlan plan) throws RunFailedException {
    if (plan.audit() == null || InputResolver.hasScheme(plan.audit().dir())) {
      return;
    }
    try {
      String key = plan.audit().hmacKey();
      AuditDigest.seal(java.nio.file.Path.of(plan.audit().dir()), plan.runId(),
          key == null ? ChainHasher.sha256() : ChainHasher.hmac(key));
    } catch (IOException | AuditException e) {
      throw new RunFailedException("the outputs are written, but the audit digest could not be:"
          + " " + e.getMessage(), e);
    }
  }

  /** Logs {@code run_failed} to the audit log (local audit directories), never failing itself. */
  static void auditFailure(RunPlan plan, String reason) {
    if (plan.audit() == null || InputResolver.hasScheme(plan.audit().dir())) {
      return;
    }
    try {
      String key = plan.audit().hmacKey();
      new AuditLogger(java.nio.file.Path.of(plan.audit().dir()))
          .withHasher(key == null ? ChainHasher.sha256() : ChainHasher.hmac(key))
          .log("run_failed", plan.audit().actor(), "run_id", plan.runId(), "reason", reason);
    } catch (RuntimeException e) {
      LOG.warn("could not log run_failed to the audit trail: {}", e.getMessage());
    }
  }

  /** The REST address of the Flink cluster the run goes to, or null (not Flink, or in-process). */
  static String flinkCluster(RunRequest req) {
    Map<String, String> o = RunnerChecks.effective(req.runnerConfig(), req.beamArgs());
    if (!RunnerChecks.simpleName(o.getOrDefault("runner", "")).equals("flinkrunner")) {
      return null;
    }
    return FlinkJobInfo.restBase(o.get("flinkMaster"));
  }

  /**
   * On a Flink cluster, adds the job's id and the failures it recovered from (lost TaskManagers,
   * restarts) to {@code report.json} as {@code execution}; in-process runners leave it as it is.
   */
  static JsonNode addExecution(RunRequest req, RunPlan plan, JsonNode report) {
    String rest = flinkCluster(req);
    if (rest == null) {
      return report;
    }
    com.fasterxml.jackson.databind.node.ObjectNode execution =
        FlinkJobInfo.fetch(rest, plan.options().getJobName());
    if (execution == null || !(report instanceof com.fasterxml.jackson.databind.node.ObjectNode r)) {
      return report;
    }
    r.set("execution", execution);
    String path = plan.outputDir() + "report.json";
    try {
      BeamFiles.write(FileSystems.matchNewResource(path, false), "application/json",
          RunReport.toBytes(r));
    } catch (IOException e) {
      LOG.warn("could not add the Flink job's restarts to {}: {}", path, e.getMessage());
    }
    return r;
  }

  /** The run's counters; empty when the runner cannot report metrics. */
  static Map<String, Long> counters(PipelineResult result) {
    Map<String, Long> out = new TreeMap<>();
    try {
      for (MetricResult<Long> c : result.metrics().allMetrics().getCounters()) {
        out.merge(c.getName().getNamespace() + ":" + c.getName().getName(), c.getAttempted(),
            Long::sum);
      }
    } catch (UnsupportedOperationException e) {
      LOG.debug("the runner reports no metrics");
    }
    return out;
  }

  static JsonNode readReport(String path) throws IOException {
    return BeamFiles.readJson(path);
  }

  /** The eval set problem that failed the pipeline, or null. */
  static io.provenir.decontam.EvalSetException evalSetProblem(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof io.provenir.decontam.EvalSetException x) {
        return x;
      }
    }
    return null;
  }

  /** The innermost cause's class and message (runner and I/O errors; records never reach here). */
  static String rootCause(Throwable e) {
    Throwable c = e;
    while (c.getCause() != null && c.getCause() != c) {
      if (c instanceof InputReadException) {
        return c.getMessage(); // names the file; its cause often says only EOFException
      }
      c = c.getCause();
    }
    String msg = c.getMessage();
    return c.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
  }
}
