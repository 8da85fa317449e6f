package io.provenir.transforms;

import io.provenir.record.DeadLetter;
import io.provenir.record.JsonlRecord;
import org.apache.beam.sdk.values.TupleTag;

/** The output tags shared by the record steps: records that passed, and dead letters. */
public final class Tags {

  private Tags() {}

  public static final TupleTag<JsonlRecord> RECORDS = new TupleTag<>("records") {};
  public static final TupleTag<DeadLetter> DEAD_LETTERS = new TupleTag<>("deadLetters") {};
}
