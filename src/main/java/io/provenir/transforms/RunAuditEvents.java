package io.provenir.transforms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provenir.audit.RunEvents;
import java.io.IOException;
import java.time.Instant;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * The run's audit events as drafts (JSON strings), for {@link WriteAuditEvents}: the
 * {@code run_start} event fixed when the pipeline is built, and, once {@code report.json} is
 * written (the input: its path), the events derived from it ({@link RunEvents#fromReport}).
 */
public final class RunAuditEvents extends PTransform<PCollection<String>, PCollection<String>> {

  private final String runStartDraft;
  private final String actor;

  private RunAuditEvents(String runStartDraft, String actor) {
    this.runStartDraft = runStartDraft;
    this.actor = actor;
  }

  public static RunAuditEvents of(ObjectNode runStart, String actor) {
    return new RunAuditEvents(runStart.toString(), actor);
  }

  @Override
  public PCollection<String> expand(PCollection<String> reportPaths) {
    PCollection<String> start = reportPaths.getPipeline()
        .apply("RunStart", Create.of(runStartDraft).withCoder(StringUtf8Coder.of()));
    PCollection<String> end = reportPaths
        .apply("FromReport", ParDo.of(new FromReportFn(actor)))
        .setCoder(StringUtf8Coder.of());
    return PCollectionList.of(start).and(end).apply("AllEvents", Flatten.pCollections());
  }

  static final class FromReportFn extends DoFn<String, String> {
    private final String actor;

    FromReportFn(String actor) {
      this.actor = actor;
    }

    @ProcessElement
    public void process(@Element String reportPath, OutputReceiver<String> out)
        throws IOException {
      JsonNode report = BeamFiles.readJson(reportPath);
      // the run's end as the report states it: the manifest and card, written in parallel with
      // these events from the same report, come after it
      Instant end = report.path("end_time").isTextual()
          ? Instant.parse(report.path("end_time").asText()) : Instant.now();
      for (ObjectNode d : RunEvents.fromReport(report, actor, end)) {
        out.output(d.toString());
      }
    }
  }
}
