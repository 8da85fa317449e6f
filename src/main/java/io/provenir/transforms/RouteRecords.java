package io.provenir.transforms;

import io.provenir.config.SecretPolicy;
import io.provenir.record.Finding;
import io.provenir.record.JsonlRecord;
import io.provenir.record.OutputLines;
import io.provenir.report.Tally;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Sends each masked record to exactly one of {@link #CLEAN}, {@link #QUARANTINE} or
 * {@link #CONTAMINATED}: a record that holds a secret is quarantined under the {@code quarantine}
 * and {@code fail} policies (and stays, redacted, under {@code report}); otherwise a record that
 * {@link Decontaminate} matched to an eval item is contaminated; the rest is clean. Also emits one
 * {@link #FINDINGS} line per finding (when enabled) and one {@link #TALLIES} element per bundle.
 * Counters: {@code clean}, {@code masked}, {@code quarantined}, {@code contaminated}.
 *
 * <p>Input records must have passed {@link MaskPii}: the output line is written, never the raw one.
 */
public final class RouteRecords extends PTransform<PCollection<JsonlRecord>, PCollectionTuple> {

  public static final TupleTag<byte[]> CLEAN = new TupleTag<>("clean") {};
  public static final TupleTag<byte[]> QUARANTINE = new TupleTag<>("quarantine") {};
  public static final TupleTag<byte[]> CONTAMINATED = new TupleTag<>("contaminated") {};
  public static final TupleTag<byte[]> FINDINGS = new TupleTag<>("findings") {};
  public static final TupleTag<Tally> TALLIES = new TupleTag<>("tallies") {};

  private final SecretPolicy policy;
  private final boolean maskPii;
  private final boolean writeFindings;

  private RouteRecords(SecretPolicy policy, boolean maskPii, boolean writeFindings) {
    this.policy = policy;
    this.maskPii = maskPii;
    this.writeFindings = writeFindings;
  }

  /** Quarantine policy, PII masked, findings written. */
  public static RouteRecords create() {
    return new RouteRecords(SecretPolicy.QUARANTINE, true, true);
  }

  public RouteRecords withPolicy(SecretPolicy p) {
    return new RouteRecords(p, maskPii, writeFindings);
  }

  /** Whether PII was masked upstream (to count masked records). */
  public RouteRecords withPiiMasked(boolean masked) {
    return new RouteRecords(policy, masked, writeFindings);
  }

  public RouteRecords withFindings(boolean write) {
    return new RouteRecords(policy, maskPii, write);
  }

  @Override
  public PCollectionTuple expand(PCollection<JsonlRecord> records) {
    PCollectionTuple out = records.apply("Route", ParDo.of(
            new RouteFn(policy, maskPii, writeFindings))
        .withOutputTags(CLEAN, TupleTagList.of(QUARANTINE).and(CONTAMINATED).and(FINDINGS)
            .and(TALLIES)));
    out.get(CLEAN).setCoder(ByteArrayCoder.of());
    out.get(QUARANTINE).setCoder(ByteArrayCoder.of());
    out.get(CONTAMINATED).setCoder(ByteArrayCoder.of());
    out.get(FINDINGS).setCoder(ByteArrayCoder.of());
    out.get(TALLIES).setCoder(ProvenirCoders.TallyCoder.of());
    return out;
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("policy", policy.specName()).withLabel("Secrets policy"));
  }

  static final class RouteFn extends DoFn<JsonlRecord, byte[]> {
    private final SecretPolicy policy;
    private final boolean maskPii;
    private final boolean writeFindings;
    private final Counter clean = Metrics.counter(RouteFn.class, "clean");
    private final Counter masked = Metrics.counter(RouteFn.class, "masked");
    private final Counter quarantined = Metrics.counter(RouteFn.class, "quarantined");
    private final Counter contaminated = Metrics.counter(RouteFn.class, "contaminated");
    private transient Tally tally;

    RouteFn(SecretPolicy policy, boolean maskPii, boolean writeFindings) {
      this.policy = policy;
      this.maskPii = maskPii;
      this.writeFindings = writeFindings;
    }

    @StartBundle
    public void startBundle() {
      tally = new Tally();
    }

    @ProcessElement
    public void process(@Element JsonlRecord r, MultiOutputReceiver out) {
      byte[] line = r.output();
      if (line == null) {
        throw new IllegalStateException("RouteRecords needs records that passed MaskPii");
      }
      if (r.decontamination() != null) {
        tally.addDecontamChecked(r.decontamination());
      }
      if (r.hasSecrets() && policy != SecretPolicy.REPORT) {
        out.get(QUARANTINE).output(OutputLines.quarantined(r, line));
        quarantined.inc();
        tally.addQuarantined(r.findings());
      } else if (r.contaminated()) {
        out.get(CONTAMINATED).output(OutputLines.contaminated(r, line));
        contaminated.inc();
        tally.addContaminated(r.findings(), r.decontamination());
      } else {
        out.get(CLEAN).output(line);
        clean.inc();
        tally.addCleanContent(line);
        boolean wasMasked = maskPii && r.hasPii();
        if (wasMasked) {
          masked.inc();
        }
        tally.addClean(r.findings(), wasMasked);
      }
      if (r.allowedSecrets() > 0) {
        tally.addAllowedSecrets(r.allowedSecrets());
      }
      if (writeFindings) {
        for (Finding f : r.findings()) {
          out.get(FINDINGS).output(OutputLines.finding(r, f));
        }
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) {
      Tallies.emit(c, TALLIES, tally);
      tally = null;
    }
  }
}
