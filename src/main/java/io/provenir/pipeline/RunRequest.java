package io.provenir.pipeline;

import io.provenir.config.RunnerConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * What the user asked for: a spec and overrides from the command line.
 *
 * @param spec the pipeline spec file
 * @param inputs input paths or globs that replace {@code input.paths}; empty to keep the spec's
 * @param output output directory that replaces {@code output.dir}, or null
 * @param runId the run id, or null to generate one
 * @param overwrite replace an existing output directory that holds only Provenir outputs
 * @param secretsPolicy replaces {@code secrets.policy} when not null
 * @param runnerConfig the runner and its options
 * @param beamArgs Beam pipeline options passed through untouched ({@code --name=value})
 * @param workingDir the directory relative paths are resolved against
 * @param decontamination command-line overrides of the spec's decontamination section
 * @param auditDir replaces {@code audit.dir} when not null
 * @param actor replaces {@code audit.actor} when not null
 */
public record RunRequest(
    Path spec,
    List<String> inputs,
    String output,
    String runId,
    boolean overwrite,
    String secretsPolicy,
    RunnerConfig runnerConfig,
    List<String> beamArgs,
    Path workingDir,
    DecontamOverrides decontamination,
    String auditDir,
    String actor) {

  public RunRequest {
    inputs = List.copyOf(inputs);
    beamArgs = List.copyOf(beamArgs);
    workingDir = workingDir.toAbsolutePath().normalize();
    decontamination = decontamination == null ? DecontamOverrides.none() : decontamination;
  }

  /** A request without decontamination overrides. */
  public RunRequest(Path spec, List<String> inputs, String output, String runId,
      boolean overwrite, String secretsPolicy, RunnerConfig runnerConfig, List<String> beamArgs,
      Path workingDir) {
    this(spec, inputs, output, runId, overwrite, secretsPolicy, runnerConfig, beamArgs,
        workingDir, null, null, null);
  }
}
