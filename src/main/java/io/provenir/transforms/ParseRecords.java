package io.provenir.transforms;

import io.provenir.record.BadRecordException;
import io.provenir.record.DeadLetter;
import io.provenir.record.DeadLetterFactory;
import io.provenir.record.JsonRecordParser;
import io.provenir.record.JsonlLine;
import io.provenir.record.JsonlRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Parses lines into records. A line that is not valid UTF-8, not JSON, not an object, or larger
 * than the maximum record size goes to {@link Tags#DEAD_LETTERS} with its error code and a redacted
 * excerpt; the rest to {@link Tags#RECORDS}. Counter: {@code dead_lettered}. With {@link
 * #thenApply}, record steps (scanning, masking) run on each record inside the same ParDo.
 */
public final class ParseRecords extends PTransform<PCollection<JsonlLine>, PCollectionTuple> {

  private final String idField;
  private final long maxRecordBytes;
  private final int maxRawChars;
  private final List<RecordStep> then;

  private ParseRecords(String idField, long maxRecordBytes, int maxRawChars,
      List<RecordStep> then) {
    this.idField = idField;
    this.maxRecordBytes = maxRecordBytes;
    this.maxRawChars = maxRawChars;
    this.then = List.copyOf(then);
  }

  /** Ids from the {@code id} field; 1 MiB records; 1024-char dead-letter excerpts. */
  public static ParseRecords create() {
    return new ParseRecords("id", 1L << 20, 1024, List.of());
  }

  /** The field name or JSON Pointer of the record id ({@code ""} for none). */
  public ParseRecords withIdField(String field) {
    return new ParseRecords(field, maxRecordBytes, maxRawChars, then);
  }

  /** Used in the {@code too_large} message; the reader enforces the limit. */
  public ParseRecords withMaxRecordBytes(long bytes) {
    return new ParseRecords(idField, bytes, maxRawChars, then);
  }

  public ParseRecords withDeadLetterRawChars(int chars) {
    if (chars < 0) {
      throw new IllegalArgumentException("deadLetterRawChars must be >= 0, not " + chars);
    }
    return new ParseRecords(idField, maxRecordBytes, chars, then);
  }

  /**
   * Runs {@code steps} on each record right after parsing it, in the same DoFn call: the records
   * out are those the last step made, and a step that fails on a record dead-letters it under its
   * own name, as it would as a ParDo of its own. One ParDo instead of one per step: on the Direct
   * Runner, which hands every element from step to step through bundles it keeps in memory, each
   * step boundary cost about 1 s of CPU per GB of input and held every parsed record of a block
   * until the next step ran (docs/performance.md); on Flink, which chains the steps anyway, it
   * saves the hand-over per element.
   */
  public ParseRecords thenApply(RecordStep... steps) {
    List<RecordStep> all = new ArrayList<>(then);
    all.addAll(Arrays.asList(steps));
    return new ParseRecords(idField, maxRecordBytes, maxRawChars, all);
  }

  @Override
  public PCollectionTuple expand(PCollection<JsonlLine> lines) {
    List<RecordStepFn> fns = new ArrayList<>();
    for (RecordStep step : then) {
      fns.add(step.fn(step.stepName()));
    }
    PCollectionTuple out = lines.apply(then.isEmpty() ? "Parse" : "ParseThenSteps", ParDo.of(
            new ParseFn(idField, maxRecordBytes, maxRawChars, fns))
        .withOutputTags(Tags.RECORDS, TupleTagList.of(Tags.DEAD_LETTERS)));
    out.get(Tags.RECORDS).setCoder(ProvenirCoders.JsonlRecordCoder.of());
    out.get(Tags.DEAD_LETTERS).setCoder(ProvenirCoders.DeadLetterCoder.of());
    return out;
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("idField", idField).withLabel("Record id field"));
    for (RecordStep step : then) {
      builder.include(step.stepName(), step);
    }
  }

  static final class ParseFn extends DoFn<JsonlLine, JsonlRecord> {
    private static final String STEP = "ParseRecords";
    private final String idField;
    private final long maxRecordBytes;
    private final int maxRawChars;
    private final Counter deadLettered = Metrics.counter(ParseFn.class, "dead_lettered");
    private final List<RecordStepFn> then;
    private transient JsonRecordParser parser;
    private transient DeadLetterFactory deadLetters;

    ParseFn(String idField, long maxRecordBytes, int maxRawChars, List<RecordStepFn> then) {
      this.idField = idField;
      this.maxRecordBytes = maxRecordBytes;
      this.maxRawChars = maxRawChars;
      this.then = List.copyOf(then);
    }

    @Setup
    public void setUp() {
      parser = new JsonRecordParser(idField);
      deadLetters = DeadLetters.factory(maxRawChars);
      for (RecordStepFn step : then) {
        step.setUp();
      }
    }

    @ProcessElement
    public void process(@Element JsonlLine line, MultiOutputReceiver out) {
      if (line.oversize()) {
        reject(line, DeadLetter.ERROR_TOO_LARGE, "the line has " + line.length()
            + " bytes, more than input.max_record_bytes (" + maxRecordBytes + ")", out);
        return;
      }
      JsonlRecord r;
      try {
        r = JsonlRecord.parse(line, parser);
      } catch (BadRecordException e) {
        reject(line, e.code(), e.getMessage(), out);
        return;
      } catch (RuntimeException | StackOverflowError e) {
        reject(line, DeadLetter.ERROR_PROCESSING, STEP + " failed: " + e.getClass().getSimpleName(),
            out);
        return;
      }
      for (RecordStepFn step : then) {
        r = step.applyOrDeadLetter(r, out);
        if (r == null) {
          return; // dead-lettered by the step
        }
      }
      out.get(Tags.RECORDS).output(r);
    }

    private void reject(JsonlLine line, String error, String message, MultiOutputReceiver out) {
      deadLettered.inc();
      out.get(Tags.DEAD_LETTERS).output(deadLetters.create(line.ref(), null, STEP, error, message,
          line.bytes(), line.length(), line.oversize()));
    }
  }
}
