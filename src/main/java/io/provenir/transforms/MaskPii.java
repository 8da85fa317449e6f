package io.provenir.transforms;

import io.provenir.record.JsonlRecord;
import io.provenir.record.RecordRedactor;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * Sets each record's output line: its raw bytes with every secret replaced by
 * {@code [SECRET:TYPE]} (always) and, when masking is on, every PII value by {@code [TYPE]}. Both
 * kinds of replacement happen here, in one pass, because their offsets refer to the same original
 * strings. Every other byte of the line is kept. Outputs {@link Tags#RECORDS} and
 * {@link Tags#DEAD_LETTERS}. Counter: {@code records_changed}.
 */
public final class MaskPii extends PTransform<PCollection<JsonlRecord>, PCollectionTuple> {

  private final boolean maskPii;
  private final int maxRawChars;

  private MaskPii(boolean maskPii, int maxRawChars) {
    this.maskPii = maskPii;
    this.maxRawChars = maxRawChars;
  }

  /** Masks PII and redacts secrets. */
  public static MaskPii create() {
    return new MaskPii(true, 1024);
  }

  /** With {@code false}, PII is kept and only secrets are redacted. */
  public MaskPii withPiiMasking(boolean mask) {
    return new MaskPii(mask, maxRawChars);
  }

  public MaskPii withDeadLetterRawChars(int chars) {
    return new MaskPii(maskPii, chars);
  }

  @Override
  public PCollectionTuple expand(PCollection<JsonlRecord> records) {
    return RecordStepFn.applyTo(records, "Mask", new MaskFn(maskPii, maxRawChars));
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("maskPii", maskPii).withLabel("Mask PII"));
  }

  static final class MaskFn extends RecordStepFn {
    private final boolean maskPii;
    private final Counter changed = Metrics.counter(MaskFn.class, "records_changed");
    private transient RecordRedactor redactor;

    MaskFn(boolean maskPii, int maxRawChars) {
      super("MaskPii", maxRawChars);
      this.maskPii = maskPii;
    }

    @Override
    void setUpStep() {
      redactor = new RecordRedactor(maskPii);
    }

    @Override
    JsonlRecord apply(JsonlRecord r) {
      byte[] out = r.findings().isEmpty()
          ? r.raw()
          : redactor.redact(r.raw(), r.leaves(), r.findings());
      if (out != r.raw()) {
        changed.inc();
      }
      return r.withOutput(out);
    }
  }
}
