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
 * @param decontamination the decontamination settings
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
    String configSha256,
    Decontam decontamination) implements Serializable {

  /**
   * @param enabled whether records were checked
   * @param method semantic, ngram or both
   * @param threshold the cosine threshold
   * @param ngram the n-gram size
   * @param model the embedding model's id (null without the semantic method)
   * @param evalSets benchmark name to what was read (paths, or an embedding set)
   */
  public record Decontam(boolean enabled, String method, double threshold, int ngram,
      String model, Map<String, String> evalSets) implements Serializable {
    public Decontam {
      evalSets = Map.copyOf(evalSets);
    }

    public static Decontam off() {
      return new Decontam(false, "off", Double.NaN, 0, null, Map.of());
    }
  }

  public RunInfo {
    inputPaths = List.copyOf(inputPaths);
    inputSizes = Map.copyOf(inputSizes);
    outputs = Map.copyOf(outputs);
  }
}
