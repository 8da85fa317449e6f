package io.provenir.report;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What a run's report says about the run itself, fixed when the pipeline is built.
 *
 * @param runId the run id
 * @param pipeline the spec's name
 * @param provenirVersion the tool version
 * @param runner the Beam runner's name
 * @param startTime ISO-8601 UTC
 * @param inputPaths the input paths and globs as given
 * @param inputSizes bytes on storage per input file (by source name)
 * @param outputDir the run's output directory (absolute path or URI, ending with a separator)
 * @param outputs output name to directory (e.g. {@code clean} to {@code <outputDir>clean/})
 * @param piiEnabled whether PII was scanned
 * @param piiMasked whether PII was masked
 * @param secretsEnabled whether secrets were scanned
 * @param secretPolicy {@code quarantine}, {@code fail} or {@code report}
 * @param configJson the effective spec as JSON (defaults filled in, overrides applied)
 * @param configSha256 hex SHA-256 of {@code configJson}
 */
public record RunInfo(
    String runId,
    String pipeline,
    String provenirVersion,
    String runner,
    String startTime,
    List<String> inputPaths,
    Map<String, Long> inputSizes,
    String outputDir,
    Map<String, String> outputs,
    boolean piiEnabled,
    boolean piiMasked,
    boolean secretsEnabled,
    String secretPolicy,
    String configJson,
    String configSha256) implements Serializable {

  public RunInfo {
    inputPaths = List.copyOf(inputPaths);
    inputSizes = Map.copyOf(inputSizes);
    outputs = Map.copyOf(outputs);
  }
}
