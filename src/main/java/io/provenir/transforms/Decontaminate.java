package io.provenir.transforms;

import io.provenir.decontam.DecontamMethod;
import io.provenir.decontam.Decontaminator;
import io.provenir.decontam.Embedders;
import io.provenir.decontam.EvalIndex;
import io.provenir.record.DeadLetter;
import io.provenir.record.DeadLetterFactory;
import io.provenir.record.FieldSelector;
import io.provenir.record.JsonlRecord;
import io.provenir.record.RecordText;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks each record against the eval sets (the {@link EvalIndex} side input) and attaches the
 * {@link Decontaminator.Verdict}; {@link RouteRecords} then sends contaminated records to
 * {@code contaminated/}. Records are buffered and checked in batches of {@value #BATCH} per bundle,
 * so that the model sees many windows at once. Records that will be quarantined for a secret are
 * passed through unchecked (they leave the training set anyway). A record whose check throws goes
 * to {@link Tags#DEAD_LETTERS}. Counters: {@code checked}, {@code contaminated},
 * {@code windows_embedded}, {@code embed_micros}, {@code join_micros}.
 */
public final class Decontaminate extends PTransform<PCollection<JsonlRecord>, PCollectionTuple> {

  static final int BATCH = 32;

  private final PCollectionView<EvalIndex> index;
  private final DecontamMethod method;
  private final double threshold;
  private final String model;
  private final FieldSelector fields;
  private final boolean skipSecrets;
  private final int maxRawChars;

  private Decontaminate(PCollectionView<EvalIndex> index, DecontamMethod method,
      double threshold, String model, FieldSelector fields, boolean skipSecrets,
      int maxRawChars) {
    this.index = index;
    this.method = method;
    this.threshold = threshold;
    this.model = model;
    this.fields = fields;
    this.skipSecrets = skipSecrets;
    this.maxRawChars = maxRawChars;
  }

  /** Both methods at the library's default threshold, every text field, the default model. */
  public static Decontaminate against(PCollectionView<EvalIndex> index) {
    return new Decontaminate(index, DecontamMethod.BOTH,
        io.provenir.config.GovernanceSpec.DEFAULT_THRESHOLD, Embedders.DEFAULT,
        FieldSelector.all(), true, 1024);
  }

  public Decontaminate withMethod(DecontamMethod m) {
    return new Decontaminate(index, m, threshold, model, fields, skipSecrets, maxRawChars);
  }

  public Decontaminate withThreshold(double t) {
    if (!(t > 0 && t <= 1)) {
      throw new IllegalArgumentException("threshold must be above 0 and at most 1, not " + t);
    }
    return new Decontaminate(index, method, t, model, fields, skipSecrets, maxRawChars);
  }

  public Decontaminate withModel(String name) {
    return new Decontaminate(index, method, threshold, name, fields, skipSecrets, maxRawChars);
  }

  /** JSON Pointers of the fields compared; empty for every string value. */
  public Decontaminate withFields(List<String> pointers) {
    return new Decontaminate(index, method, threshold, model,
        pointers.isEmpty() ? FieldSelector.all() : FieldSelector.of(pointers), skipSecrets,
        maxRawChars);
  }

  /** Whether records holding a secret are passed through unchecked (they are quarantined). */
  public Decontaminate withSkipRecordsWithSecrets(boolean skip) {
    return new Decontaminate(index, method, threshold, model, fields, skip, maxRawChars);
  }

  public Decontaminate withDeadLetterRawChars(int chars) {
    return new Decontaminate(index, method, threshold, model, fields, skipSecrets, chars);
  }

  @Override
  public PCollectionTuple expand(PCollection<JsonlRecord> records) {
    PCollectionTuple out = records.apply("Check", ParDo.of(new DecontaminateFn(index, method,
            threshold, model, fields, skipSecrets, maxRawChars))
        .withSideInputs(index)
        .withOutputTags(Tags.RECORDS, TupleTagList.of(Tags.DEAD_LETTERS)));
    out.get(Tags.RECORDS).setCoder(ProvenirCoders.JsonlRecordCoder.of());
    out.get(Tags.DEAD_LETTERS).setCoder(ProvenirCoders.DeadLetterCoder.of());
    return out;
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("method", method.specName()).withLabel("Method"))
        .add(DisplayData.item("threshold", threshold).withLabel("Cosine threshold"))
        .add(DisplayData.item("model", model).withLabel("Embedding model"));
  }

  static final class DecontaminateFn extends DoFn<JsonlRecord, JsonlRecord> {
    private static final Logger LOG = LoggerFactory.getLogger(DecontaminateFn.class);

    private final PCollectionView<EvalIndex> indexView;
    private final DecontamMethod method;
    private final double threshold;
    private final String model;
    private final FieldSelector fields;
    private final boolean skipSecrets;
    private final int maxRawChars;
    private final Counter checked = Metrics.counter(DecontaminateFn.class, "checked");
    private final Counter contaminated = Metrics.counter(DecontaminateFn.class, "contaminated");
    private final Counter windows = Metrics.counter(DecontaminateFn.class, "windows_embedded");
    private final Counter embedMicros = Metrics.counter(DecontaminateFn.class, "embed_micros");
    private final Counter joinMicros = Metrics.counter(DecontaminateFn.class, "join_micros");
    private final Counter failed = Metrics.counter(DecontaminateFn.class, "failed");
    private transient Decontaminator checker;
    private transient DeadLetterFactory deadLetters;
    private transient List<Pending> buffer;

    private record Pending(JsonlRecord record, Instant timestamp, BoundedWindow window) {}

    DecontaminateFn(PCollectionView<EvalIndex> indexView, DecontamMethod method,
        double threshold, String model, FieldSelector fields, boolean skipSecrets,
        int maxRawChars) {
      this.indexView = indexView;
      this.method = method;
      this.threshold = threshold;
      this.model = model;
      this.fields = fields;
      this.skipSecrets = skipSecrets;
      this.maxRawChars = maxRawChars;
    }

    @Setup
    public void setUp() {
      deadLetters = DeadLetters.factory(maxRawChars);
    }

    @StartBundle
    public void startBundle() {
      buffer = new ArrayList<>();
    }

    @ProcessElement
    public void process(ProcessContext c, BoundedWindow window, MultiOutputReceiver out) {
      JsonlRecord r = c.element();
      if (skipSecrets && r.hasSecrets()) {
        out.get(Tags.RECORDS).output(r);
        return;
      }
      if (checker == null) {
        EvalIndex index = c.sideInput(indexView);
        checker = new Decontaminator(index,
            method.semantic() ? Embedders.named(model) : null, method, threshold);
      }
      buffer.add(new Pending(r, c.timestamp(), window));
      if (buffer.size() >= BATCH) {
        flush((rec, p) -> out.get(Tags.RECORDS).output(rec),
            (dl, p) -> out.get(Tags.DEAD_LETTERS).output(dl));
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) {
      flush((rec, p) -> c.output(Tags.RECORDS, rec, p.timestamp(), p.window()),
          (dl, p) -> c.output(Tags.DEAD_LETTERS, dl, p.timestamp(), p.window()));
      buffer = null;
    }

    private interface Emit<T> {
      void emit(T value, Pending from);
    }

    private void flush(Emit<JsonlRecord> records, Emit<DeadLetter> dead) {
      if (buffer.isEmpty()) {
        return;
      }
      List<Pending> batch = buffer;
      buffer = new ArrayList<>();
      Decontaminator.Stats stats = new Decontaminator.Stats();
      List<Decontaminator.Verdict> verdicts = null;
      try {
        verdicts = checker.check(batch.stream()
            .map(p -> RecordText.of(p.record().leaves(), fields)).toList(), stats);
      } catch (RuntimeException e) {
        LOG.warn("decontamination failed on a batch of {} records ({}); checking them one by one",
            batch.size(), e.getClass().getName());
      }
      for (int i = 0; i < batch.size(); i++) {
        Pending p = batch.get(i);
        Decontaminator.Verdict v;
        if (verdicts != null) {
          v = verdicts.get(i);
        } else {
          try {
            v = checker.check(List.of(RecordText.of(p.record().leaves(), fields)), stats).get(0);
          } catch (RuntimeException e) {
            failed.inc();
            LOG.warn("Decontaminate failed on record at {} ({}); sent to dead-letter",
                p.record().ref().locator(), e.getClass().getName());
            JsonlRecord r = p.record();
            dead.emit(deadLetters.create(r.ref(), r.id(), "Decontaminate",
                DeadLetter.ERROR_PROCESSING,
                "Decontaminate failed: " + e.getClass().getSimpleName(), r.raw(),
                r.raw().length, false), p);
            continue;
          }
        }
        checked.inc();
        if (v.contaminated()) {
          contaminated.inc();
        }
        records.emit(p.record().withDecontamination(v), p);
      }
      windows.inc(stats.windows());
      embedMicros.inc(stats.embedNanos() / 1_000);
      joinMicros.inc(stats.joinNanos() / 1_000);
    }
  }
}
