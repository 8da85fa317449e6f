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
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.transforms.GroupIntoBatches;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTagList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks each record against the eval sets (the {@link EvalIndex} side input) and attaches the
 * {@link Decontaminator.Verdict}; {@link RouteRecords} then sends contaminated records to
 * {@code contaminated/}. Records are keyed by a hash of their location into {@code shards} shards
 * ({@code Shard}) and grouped into batches of {@value #BATCH} ({@code Batch},
 * {@code GroupIntoBatches}), so that the model sees many windows per call and the work spreads over
 * every worker thread whatever the input's splitting (one small file is one bundle). Counter and
 * distribution {@code batch_records} show the batches. Records that will be quarantined for a secret are
 * passed through unchecked (they leave the training set anyway). A record whose check throws goes
 * to {@link Tags#DEAD_LETTERS}. Counters: {@code checked}, {@code contaminated},
 * {@code windows_embedded}, {@code windows_cached} (recurring fields, e.g. system prompts, taken
 * from the checker's cache of recent windows), {@code embed_micros}, {@code join_micros}.
 */
public final class Decontaminate extends PTransform<PCollection<JsonlRecord>, PCollectionTuple> {

  static final int BATCH = 64;

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

  /**
   * The records' id field (name or JSON Pointer): when every text field is compared, the id is
   * not (it names the record; it is not its content).
   */
  public Decontaminate withIdField(String idField) {
    return new Decontaminate(index, method, threshold, model,
        fields.exceptRecordId(idField),
        skipSecrets, maxRawChars);
  }

  /** Whether records holding a secret are passed through unchecked (they are quarantined). */
  public Decontaminate withSkipRecordsWithSecrets(boolean skip) {
    return new Decontaminate(index, method, threshold, model, fields, skip, maxRawChars);
  }

  public Decontaminate withDeadLetterRawChars(int chars) {
    return new Decontaminate(index, method, threshold, model, fields, skipSecrets, chars);
  }

  /**
   * Records are grouped into batches of {@value #BATCH} under {@code shards} keys: enough keys
   * to keep every worker thread busy, few enough that batches fill up. (On the Direct Runner
   * each batch is a bundle, and each bundle costs a round of DoFn (de)serialization: batches of
   * 64 rather than 32 took 5-10 % off the step's CPU time.)
   */
  public Decontaminate withShards(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("shards must be at least 1, not " + n);
    }
    Decontaminate d = new Decontaminate(index, method, threshold, model, fields, skipSecrets,
        maxRawChars);
    d.shards = n;
    return d;
  }

  private int shards = 64;

  @Override
  public PCollectionTuple expand(PCollection<JsonlRecord> records) {
    int n = shards;
    PCollectionTuple out = records
        .apply("Shard", WithKeys.of((JsonlRecord r) -> shardOf(r, n))
            .withKeyType(TypeDescriptors.integers()))
        .setCoder(KvCoder.of(VarIntCoder.of(), ProvenirCoders.JsonlRecordCoder.of()))
        .apply("Batch", GroupIntoBatches.<Integer, JsonlRecord>ofSize(BATCH))
        .apply("Check", ParDo.of(new DecontaminateFn(index, method,
            threshold, model, fields, skipSecrets, maxRawChars))
        .withSideInputs(index)
        .withOutputTags(Tags.RECORDS, TupleTagList.of(Tags.DEAD_LETTERS)));
    out.get(Tags.RECORDS).setCoder(ProvenirCoders.JsonlRecordCoder.of());
    out.get(Tags.DEAD_LETTERS).setCoder(ProvenirCoders.DeadLetterCoder.of());
    return out;
  }

  /** A stable shard from the record's location (its file and byte offset). */
  static int shardOf(JsonlRecord r, int shards) {
    long h = r.ref().source().hashCode() * 0x9E3779B97F4A7C15L + r.ref().offset();
    h ^= h >>> 31;
    h *= 0xbf58476d1ce4e5b9L;
    h ^= h >>> 29;
    return (int) Math.floorMod(h, (long) shards);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("method", method.specName()).withLabel("Method"))
        .add(DisplayData.item("threshold", threshold).withLabel("Cosine threshold"))
        .add(DisplayData.item("model", model).withLabel("Embedding model"));
  }

  static final class DecontaminateFn
      extends DoFn<KV<Integer, Iterable<JsonlRecord>>, JsonlRecord> {
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
    private final Counter windowsCached = Metrics.counter(DecontaminateFn.class, "windows_cached");
    private final Counter embedMicros = Metrics.counter(DecontaminateFn.class, "embed_micros");
    private final Counter joinMicros = Metrics.counter(DecontaminateFn.class, "join_micros");
    private final Counter failed = Metrics.counter(DecontaminateFn.class, "failed");
    private final Distribution batchSize =
        Metrics.distribution(DecontaminateFn.class, "batch_records");
    /** Drawn at pipeline construction: every deserialized copy of this DoFn shares it. */
    private final String instanceId = java.util.UUID.randomUUID().toString();
    private transient Decontaminator checker;
    private transient DeadLetterFactory deadLetters;

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

    @ProcessElement
    public void process(ProcessContext c, MultiOutputReceiver out) {
      if (checker == null) {
        // One checker per worker JVM for this step: its cache of recent windows then serves
        // every thread (a window embedded on one thread is not embedded again on another),
        // and the index's blocked copy for the join is built once.
        checker = SharedPerWorker.get(instanceId, () -> new Decontaminator(
            c.sideInput(indexView), method.semantic() ? Embedders.named(model) : null, method,
            threshold, Integer.MAX_VALUE)); // all matches: the report counts every item hit
      }
      List<JsonlRecord> batch = new ArrayList<>();
      for (JsonlRecord r : c.element().getValue()) {
        if (skipSecrets && r.hasSecrets()) {
          out.get(Tags.RECORDS).output(r); // quarantined anyway: not worth the model's time
        } else {
          batch.add(r);
        }
      }
      if (batch.isEmpty()) {
        return;
      }
      batchSize.update(batch.size());
      Decontaminator.Stats stats = new Decontaminator.Stats();
      List<Decontaminator.Verdict> verdicts = null;
      try {
        verdicts = checker.check(batch.stream()
            .map(r -> RecordText.of(r.leaves(), fields)).toList(), stats);
      } catch (RuntimeException e) {
        LOG.warn("decontamination failed on a batch of {} records ({}); checking them one by one",
            batch.size(), e.getClass().getName());
      }
      for (int i = 0; i < batch.size(); i++) {
        JsonlRecord r = batch.get(i);
        Decontaminator.Verdict v;
        if (verdicts != null) {
          v = verdicts.get(i);
        } else {
          try {
            v = checker.check(List.of(RecordText.of(r.leaves(), fields)), stats).get(0);
          } catch (RuntimeException e) {
            failed.inc();
            LOG.warn("Decontaminate failed on record at {} ({}); sent to dead-letter",
                r.ref().locator(), e.getClass().getName());
            out.get(Tags.DEAD_LETTERS).output(deadLetters.create(r.ref(), r.id(),
                "Decontaminate", DeadLetter.ERROR_PROCESSING,
                "Decontaminate failed: " + e.getClass().getSimpleName(), r.raw(), r.raw().length,
                false));
            continue;
          }
        }
        checked.inc();
        if (v.contaminated()) {
          contaminated.inc();
        }
        out.get(Tags.RECORDS).output(r.withDecontamination(v));
      }
      windows.inc(stats.windows() - stats.cached());
      windowsCached.inc(stats.cached());
      embedMicros.inc(stats.embedNanos() / 1_000);
      joinMicros.inc(stats.joinNanos() / 1_000);
    }
  }
}
