package io.provenir.pipeline;

import java.util.List;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Provenir's options for launching with Beam's own argument conventions, e.g.
 * {@code java -cp provenir.jar io.provenir.pipeline.GovernancePipeline --spec=pipelines/governance.yaml
 * --runner=FlinkRunner --flinkMaster=...} (as Flink's and Dataflow's launchers expect). The
 * {@code provenir run} command sets the same values from its flags.
 */
public interface ProvenirOptions extends PipelineOptions {

  @Description("The governance pipeline spec (YAML)")
  @Default.String("pipelines/governance.yaml")
  String getSpec();

  void setSpec(String spec);

  @Description("Input JSONL files or globs (comma-separated); replaces the spec's input.paths")
  List<String> getInput();

  void setInput(List<String> input);

  @Description("The run's output directory; replaces the spec's output.dir")
  String getOutput();

  void setOutput(String output);

  @Description("The run id (letters, digits, '.', '_', '-'); generated when absent")
  String getRunId();

  void setRunId(String runId);

  @Description("Replace an existing output directory that holds only Provenir outputs")
  @Default.Boolean(false)
  boolean getOverwrite();

  void setOverwrite(boolean overwrite);

  @Description("The audit trail's directory; replaces the spec's audit.dir")
  String getAuditDir();

  void setAuditDir(String dir);
}
