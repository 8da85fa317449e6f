package io.provenir.transforms;

import io.provenir.record.DeadLetter;
import io.provenir.record.OutputLines;
import io.provenir.report.Tally;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Flattens the failures of every step into one dead-letter stream of JSONL lines ({@link #LINES})
 * and counts them by error ({@link #TALLIES}, one per bundle). Counters: {@code dead_lettered},
 * {@code dead_letter_<error>}.
 */
public final class CollectDeadLetters
    extends PTransform<PCollectionList<DeadLetter>, PCollectionTuple> {

  public static final TupleTag<byte[]> LINES = new TupleTag<>("deadLetterLines") {};
  public static final TupleTag<Tally> TALLIES = new TupleTag<>("deadLetterTallies") {};

  private CollectDeadLetters() {}

  public static CollectDeadLetters create() {
    return new CollectDeadLetters();
  }

  @Override
  public PCollectionTuple expand(PCollectionList<DeadLetter> failures) {
    PCollectionTuple out = failures
        .apply("Flatten", Flatten.pCollections())
        .apply("Format", ParDo.of(new FormatFn())
            .withOutputTags(LINES, TupleTagList.of(TALLIES)));
    out.get(LINES).setCoder(ByteArrayCoder.of());
    out.get(TALLIES).setCoder(ProvenirCoders.TallyCoder.of());
    return out;
  }

  static final class FormatFn extends DoFn<DeadLetter, byte[]> {
    private final Counter deadLettered = Metrics.counter(FormatFn.class, "dead_lettered");
    private transient Map<String, Counter> byError;
    private transient Tally tally;

    @Setup
    public void setUp() {
      byError = new HashMap<>();
    }

    @StartBundle
    public void startBundle() {
      tally = new Tally();
    }

    @ProcessElement
    public void process(@Element DeadLetter d, MultiOutputReceiver out) {
      out.get(LINES).output(OutputLines.deadLetter(d));
      deadLettered.inc();
      byError.computeIfAbsent(d.error(),
          e -> Metrics.counter(FormatFn.class, "dead_letter_" + e)).inc();
      tally.addDeadLetter(d.error(), d.secretTypes());
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) {
      Tallies.emit(c, TALLIES, tally);
      tally = null;
    }
  }
}
