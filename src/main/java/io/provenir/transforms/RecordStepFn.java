package io.provenir.transforms;

import io.provenir.record.DeadLetter;
import io.provenir.record.DeadLetterFactory;
import io.provenir.record.JsonlRecord;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record-to-record step that never loses a record: when {@link #apply} throws, the record goes to
 * {@link Tags#DEAD_LETTERS} with the step's name and the exception's class (never its message,
 * which could quote content), and a warning is logged with the record's location.
 */
abstract class RecordStepFn extends DoFn<JsonlRecord, JsonlRecord> {

  private static final Logger LOG = LoggerFactory.getLogger(RecordStepFn.class);

  private final String step;
  private final int maxRawChars;
  private final Counter failed;
  private transient DeadLetterFactory deadLetters;

  RecordStepFn(String step, int maxRawChars) {
    this.step = step;
    this.maxRawChars = maxRawChars;
    this.failed = Metrics.counter(getClass(), "failed");
  }

  /** Applies {@code fn} as a ParDo named {@code name}: records and dead letters, with coders. */
  static PCollectionTuple applyTo(PCollection<JsonlRecord> records, String name, RecordStepFn fn) {
    PCollectionTuple out = records.apply(name, ParDo.of(fn)
        .withOutputTags(Tags.RECORDS, TupleTagList.of(Tags.DEAD_LETTERS)));
    out.get(Tags.RECORDS).setCoder(ProvenirCoders.JsonlRecordCoder.of());
    out.get(Tags.DEAD_LETTERS).setCoder(ProvenirCoders.DeadLetterCoder.of());
    return out;
  }

  /** Builds the step's detectors or other per-worker state. */
  abstract void setUpStep();

  /** The record after this step. Must not modify {@code r}. */
  abstract JsonlRecord apply(JsonlRecord r);

  @Setup
  public final void setUp() {
    deadLetters = DeadLetters.factory(maxRawChars);
    setUpStep();
  }

  @ProcessElement
  public final void process(@Element JsonlRecord r, MultiOutputReceiver out) {
    JsonlRecord result = applyOrDeadLetter(r, out);
    if (result != null) {
      out.get(Tags.RECORDS).output(result);
    }
  }

  /**
   * The record after this step, or null when the step failed on it and it went to {@link
   * Tags#DEAD_LETTERS} of {@code out} (also what a step run inside another DoFn calls).
   */
  final JsonlRecord applyOrDeadLetter(JsonlRecord r, MultiOutputReceiver out) {
    try {
      return apply(r);
    } catch (RuntimeException | StackOverflowError e) {
      failed.inc();
      LOG.warn("{} failed on record at {} ({}); sent to dead-letter", step, r.ref().locator(),
          e.getClass().getName());
      out.get(Tags.DEAD_LETTERS).output(deadLetters.create(r.ref(), r.id(), step,
          DeadLetter.ERROR_PROCESSING, step + " failed: " + e.getClass().getSimpleName(), r.raw(),
          r.raw().length, false));
      return null;
    }
  }
}
