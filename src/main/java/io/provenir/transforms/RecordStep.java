package io.provenir.transforms;

import io.provenir.record.JsonlRecord;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * A record-to-record step ({@link Tags#RECORDS} and {@link Tags#DEAD_LETTERS} out) that can run as
 * a ParDo of its own or inside the parse step ({@link ParseRecords#thenApply}): each record then
 * goes through parsing and the steps in one call, and the runner moves no record between them.
 */
public abstract class RecordStep extends PTransform<PCollection<JsonlRecord>, PCollectionTuple> {

  /** The ParDo's name when the step runs on its own. */
  abstract String parDoName();

  /** The step's DoFn, named {@code step} in dead letters. */
  abstract RecordStepFn fn(String step);

  /** The step's name in dead letters and logs. */
  abstract String stepName();

  @Override
  public PCollectionTuple expand(PCollection<JsonlRecord> records) {
    return RecordStepFn.applyTo(records, parDoName(), fn(stepName()));
  }
}
