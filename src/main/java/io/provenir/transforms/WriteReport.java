package io.provenir.transforms;

import io.provenir.report.RunInfo;
import io.provenir.report.RunReport;
import io.provenir.report.Tally;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Wait;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * The run's last step: adds up every bundle's {@link Tally} and, once every output is written
 * (it waits on the writes' signals), writes {@code report.json} into the run's output directory.
 * The counts come from the data that flowed, so retries and restarts never double-count. Emits the
 * report's path.
 */
public final class WriteReport extends PTransform<PCollectionList<Tally>, PCollection<String>> {

  private final RunInfo info;
  private final List<PCollection<?>> signals;

  private WriteReport(RunInfo info, List<PCollection<?>> signals) {
    this.info = info;
    this.signals = List.copyOf(signals);
  }

  public static WriteReport of(RunInfo info) {
    return new WriteReport(info, List.of());
  }

  /** Writes the report only after all of {@code signals} are complete. */
  public WriteReport after(List<PCollection<?>> waitFor) {
    return new WriteReport(info, waitFor);
  }

  @Override
  public PCollection<String> expand(PCollectionList<Tally> tallies) {
    PCollection<Tally> total = tallies
        .apply("FlattenTallies", Flatten.pCollections())
        .apply("AddUp", Combine.globally(new MergeTallies()))
        .setCoder(ProvenirCoders.TallyCoder.of());
    if (!signals.isEmpty()) {
      total = total.apply("WaitForOutputs", Wait.on(signals.toArray(new PCollection<?>[0])))
          .setCoder(ProvenirCoders.TallyCoder.of());
    }
    return total.apply("Write", ParDo.of(new WriteReportFn(info)))
        .setCoder(StringUtf8Coder.of());
  }

  /** Adds tallies up; never mutates an input. */
  static final class MergeTallies extends Combine.CombineFn<Tally, Tally, Tally> {
    @Override
    public Tally createAccumulator() {
      return new Tally();
    }

    @Override
    public Tally addInput(Tally acc, Tally input) {
      return acc.merge(input);
    }

    @Override
    public Tally mergeAccumulators(Iterable<Tally> accs) {
      Tally out = new Tally();
      for (Tally a : accs) {
        out.merge(a);
      }
      return out;
    }

    @Override
    public Tally extractOutput(Tally acc) {
      return acc;
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<Tally> getAccumulatorCoder(
        org.apache.beam.sdk.coders.CoderRegistry registry,
        org.apache.beam.sdk.coders.Coder<Tally> inputCoder) {
      return ProvenirCoders.TallyCoder.of();
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<Tally> getDefaultOutputCoder(
        org.apache.beam.sdk.coders.CoderRegistry registry,
        org.apache.beam.sdk.coders.Coder<Tally> inputCoder) {
      return ProvenirCoders.TallyCoder.of();
    }
  }

  static final class WriteReportFn extends DoFn<Tally, String> {
    private final RunInfo info;

    WriteReportFn(RunInfo info) {
      this.info = info;
    }

    @ProcessElement
    public void process(@Element Tally total, OutputReceiver<String> out) throws IOException {
      Map<String, List<String>> files = new LinkedHashMap<>();
      for (Map.Entry<String, String> o : info.outputs().entrySet()) {
        files.put(o.getKey(), list(o.getValue()));
      }
      String end = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
      byte[] json = RunReport.toBytes(RunReport.render(info, total, end, files));
      ResourceId dir = FileSystems.matchNewResource(info.outputDir(), true);
      ResourceId report = dir.resolve("report.json", StandardResolveOptions.RESOLVE_FILE);
      BeamFiles.write(report, "application/json", json);
      out.output(report.toString());
    }

    private static List<String> list(String dir) throws IOException {
      List<String> names = new ArrayList<>();
      MatchResult m = FileSystems.match(dir + "part-*");
      if (m.status() == MatchResult.Status.OK) {
        for (MatchResult.Metadata md : m.metadata()) {
          names.add(md.resourceId().getFilename());
        }
      }
      return names;
    }
  }
}
