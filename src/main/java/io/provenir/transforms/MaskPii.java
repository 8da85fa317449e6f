package io.provenir.transforms;

import io.provenir.pii.PiiMasking;
import io.provenir.record.JsonlRecord;
import io.provenir.record.RecordRedactor;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.display.DisplayData;

/**
 * Sets each record's output line: its raw bytes with every secret replaced by
 * {@code [SECRET:TYPE]} (always) and, when masking is on, every PII value as the
 * {@link PiiMasking} says (a typed placeholder such as {@code [EMAIL]} by default). Both
 * kinds of replacement happen here, in one pass, because their offsets refer to the same original
 * strings. Every other byte of the line is kept. A record whose id holds a finding is renamed to
 * its location ({@code <file>:<line>}), and pointers through a key that holds a finding name the
 * key by its placeholder, so neither ids nor pointers carry a value into other outputs. Outputs {@link Tags#RECORDS} and
 * {@link Tags#DEAD_LETTERS}. Counter: {@code records_changed}.
 */
public final class MaskPii extends RecordStep {

  private final PiiMasking masking;
  private final int maxRawChars;

  private MaskPii(PiiMasking masking, int maxRawChars) {
    this.masking = masking;
    this.maxRawChars = maxRawChars;
  }

  /** Typed placeholders for PII, {@code [SECRET:TYPE]} for secrets. */
  public static MaskPii create() {
    return new MaskPii(PiiMasking.placeholders(), 1024);
  }

  /** With {@code false}, PII is kept and only secrets are redacted. */
  public MaskPii withPiiMasking(boolean mask) {
    return new MaskPii(mask ? PiiMasking.placeholders() : null, maxRawChars);
  }

  /** PII masked with {@code masking}'s operators; null keeps PII and redacts only secrets. */
  public MaskPii withMasking(PiiMasking masking) {
    return new MaskPii(masking, maxRawChars);
  }

  public MaskPii withDeadLetterRawChars(int chars) {
    return new MaskPii(masking, chars);
  }

  @Override
  String parDoName() {
    return "Mask";
  }

  @Override
  String stepName() {
    return "MaskPii";
  }

  @Override
  RecordStepFn fn(String step) {
    return new MaskFn(masking, maxRawChars);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("masking", String.valueOf(masking)).withLabel("PII masking"));
  }

  static final class MaskFn extends RecordStepFn {
    private final PiiMasking masking;
    private final Counter changed = Metrics.counter(MaskFn.class, "records_changed");
    private transient RecordRedactor redactor;

    MaskFn(PiiMasking masking, int maxRawChars) {
      super("MaskPii", maxRawChars);
      this.masking = masking;
    }

    @Override
    void setUpStep() {
      redactor = new RecordRedactor(masking);
    }

    @Override
    JsonlRecord apply(JsonlRecord r) {
      byte[] out = r.findings().isEmpty()
          ? r.raw()
          : redactor.redact(r.raw(), r.leaves(), r.findings());
      if (out != r.raw()) {
        changed.inc();
      }
      // The leaves are dropped: only decontamination reads them again, parsed afresh from raw.
      return r.withSafeId().withOutput(out).withSafePointers().withoutLeaves();
    }
  }
}
