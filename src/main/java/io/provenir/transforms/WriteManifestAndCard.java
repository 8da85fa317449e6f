package io.provenir.transforms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provenir.audit.ChainHasher;
import io.provenir.audit.RunEvents;
import io.provenir.modelcard.EvalResults;
import io.provenir.modelcard.ModelCard;
import io.provenir.modelcard.ModelCardGenerator;
import io.provenir.modelcard.RunManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * The run's last step, once {@code report.json} is written (the input: its path): writes the
 * run manifest into the output directory and the manifests directory, and, when enabled,
 * {@code MODEL_CARD.md} into the output directory. Emits audit event drafts
 * ({@code manifest_written}, {@code model_card_written}) with the files' SHA-256. Counter:
 * {@code model_cards_written}.
 */
public final class WriteManifestAndCard extends PTransform<PCollection<String>,
    PCollection<String>> {

  private final String outputDir;
  private final String manifestDir;
  private final String model;
  private final String evalResults;
  private final String audit;
  private final boolean card;
  private final String actor;

  private WriteManifestAndCard(String outputDir, String manifestDir, String model,
      String evalResults, String audit, boolean card, String actor) {
    this.outputDir = outputDir;
    this.manifestDir = manifestDir;
    this.model = model;
    this.evalResults = evalResults;
    this.audit = audit;
    this.card = card;
    this.actor = actor;
  }

  /**
   * @param outputDir the run's output directory (ending with a separator)
   * @param manifestDir the manifests directory (ending with a separator)
   * @param model the model fields
   * @param evalResults eval results JSON, or null
   * @param audit the manifest's {@code audit} object, or null
   * @param card whether to write the card
   * @param actor the audit events' actor
   */
  public static WriteManifestAndCard of(String outputDir, String manifestDir, JsonNode model,
      JsonNode evalResults, JsonNode audit, boolean card, String actor) {
    return new WriteManifestAndCard(outputDir, manifestDir, model.toString(),
        evalResults == null ? null : evalResults.toString(), audit == null ? null
            : audit.toString(), card, actor);
  }

  @Override
  public PCollection<String> expand(PCollection<String> reportPaths) {
    return reportPaths.apply("Write", ParDo.of(new WriteFn(this)))
        .setCoder(StringUtf8Coder.of());
  }

  static final class WriteFn extends DoFn<String, String> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final WriteManifestAndCard s;
    private final Counter cards = Metrics.counter(WriteFn.class, "model_cards_written");

    WriteFn(WriteManifestAndCard s) {
      this.s = s;
    }

    @ProcessElement
    public void process(@Element String reportPath, OutputReceiver<String> out)
        throws IOException {
      JsonNode report = BeamFiles.readJson(reportPath);
      RunManifest manifest = RunManifest.fromReport(report, JSON.readTree(s.model),
          s.audit == null ? null : JSON.readTree(s.audit));
      byte[] m = manifest.toBytes();
      String runId = manifest.runId();
      BeamFiles.write(s.outputDir, "manifest.json", "application/json", m);
      String manifestPath = BeamFiles.write(s.manifestDir, runId + ".json", "application/json", m);
      ObjectNode d = RunEvents.draft("manifest_written", s.actor, Instant.now(), runId);
      d.put("path", manifestPath);
      d.put("sha256", ChainHasher.sha256Of(m));
      out.output(d.toString());
      if (s.card) {
        EvalResults eval = s.evalResults == null ? EvalResults.none()
            : EvalResults.parse(JSON.readTree(s.evalResults));
        ModelCard card = new ModelCardGenerator().generate(manifest, eval);
        byte[] c = card.render().getBytes(StandardCharsets.UTF_8);
        String cardPath = BeamFiles.write(s.outputDir, "MODEL_CARD.md", "text/markdown", c);
        cards.inc();
        ObjectNode e = RunEvents.draft("model_card_written", s.actor, Instant.now(), runId);
        e.put("path", cardPath);
        e.put("sha256", ChainHasher.sha256Of(c));
        e.put("eval_results", !eval.isEmpty());
        out.output(e.toString());
      }
    }
  }
}
