package io.provenir.pipeline;

import io.provenir.config.GovernanceSpec;
import io.provenir.pii.PiiMasking;
import io.provenir.report.RunInfo;
import io.provenir.transforms.InputFile;
import io.provenir.transforms.EvalSource;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * A checked run: the effective spec, the matched input files, a free output directory and parsed
 * Beam options.
 *
 * @param runId the run id
 * @param spec the effective spec (overrides applied)
 * @param inputs the input files, deduplicated, in a stable order
 * @param outputDir absolute output directory or URI, ending with a separator
 * @param options the Beam pipeline options
 * @param info what the report says about the run
 * @param fingerprintKey the HMAC key for secret fingerprints (never logged or reported)
 * @param masking how PII is masked, or null when it is not (salt and key never reported)
 * @param evalSources the resolved eval sets (empty when decontamination is off)
 * @param modelId the embedding model's id, or null when the semantic method is off
 * @param audit where and as whom the run's events go (null: not audited)
 * @param card the manifest and model card of the run
 */
public record RunPlan(
    String runId,
    GovernanceSpec spec,
    List<InputFile> inputs,
    String outputDir,
    PipelineOptions options,
    RunInfo info,
    String fingerprintKey,
    PiiMasking masking,
    List<EvalSource> evalSources,
    String modelId,
    AuditTarget audit,
    CardTarget card) {

  /**
   * The run's manifest and card.
   *
   * @param manifestDir the manifests directory (absolute, ending with a separator)
   * @param model the model fields
   * @param evalResults eval results JSON, or null
   * @param audit the manifest's {@code audit} object, or null
   * @param writeCard whether to write {@code MODEL_CARD.md}
   */
  public record CardTarget(String manifestDir, com.fasterxml.jackson.databind.JsonNode model,
      com.fasterxml.jackson.databind.JsonNode evalResults,
      com.fasterxml.jackson.databind.JsonNode audit, boolean writeCard) {}

  /**
   * The run's audit trail.
   *
   * @param dir the audit directory (absolute path or URI, ending with a separator)
   * @param actor the events' actor
   * @param hmacKey the chain's HMAC key, or null (never logged)
   * @param startTime when the run started (the run_start event's time)
   */
  public record AuditTarget(String dir, String actor, String hmacKey, java.time.Instant startTime) {
    @Override
    public String toString() {
      return "AuditTarget{" + dir + ", " + actor + ", keyed=" + (hmacKey != null) + "}";
    }
  }

  /** The directory of one output, e.g. {@code outputDir + "clean/"}. */
  public String outputDir(String name) {
    return outputDir + name + "/";
  }

  @Override
  public String toString() {
    return "RunPlan{" + runId + ", " + inputs.size() + " inputs, " + outputDir + "}";
  }
}
