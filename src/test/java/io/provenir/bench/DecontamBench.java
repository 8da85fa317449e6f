package io.provenir.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provenir.decontam.DecontamMethod;
import io.provenir.decontam.Decontaminator;
import io.provenir.decontam.Embedder;
import io.provenir.decontam.Embedders;
import io.provenir.decontam.EmbeddingSet;
import io.provenir.decontam.EvalEntry;
import io.provenir.decontam.EvalIndex;
import io.provenir.decontam.MiniLmEmbedder;
import io.provenir.decontam.TextWindows;
import io.provenir.record.BadRecordException;
import io.provenir.record.FieldSelector;
import io.provenir.record.JsonRecordParser;
import io.provenir.record.JsonlLine;
import io.provenir.record.JsonlRecord;
import io.provenir.record.RecordText;
import io.provenir.record.SourceRef;
import io.provenir.transforms.Decontaminate;
import io.provenir.transforms.ProvenirCoders;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * The decontamination benchmark behind docs/performance.md (run it with bench/decontam.sh):
 *
 * <ol>
 *   <li>the raw model: the windows of the training records (a corpus from bench/make_corpus.py)
 *       embedded in a plain loop on T threads;
 *   <li>the Decontaminate step in a Direct Runner pipeline with T threads, same records, against
 *       an eval index of about 10k GSM8K and calibration items; its counters split the step's
 *       time into embedding and join;
 *   <li>memory: the index's heap and serialized (side input) size for 10k and 100k items.
 * </ol>
 *
 * The two throughputs are measured in the same run, one after the other, twice each (the first
 * round warms the JIT and the model).
 */
public final class DecontamBench {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args[0]);
    int threads = args.length > 1 ? Integer.parseInt(args[1])
        : Runtime.getRuntime().availableProcessors();
    Path corpora = Path.of("src/test/resources/corpora");
    Embedder model = MiniLmEmbedder.shared();

    // Eval set: GSM8K test + train questions and the calibration originals (~10k items).
    List<EvalEntry> eval = new ArrayList<>();
    for (String f : List.of("gsm8k/test.jsonl", "gsm8k/train.jsonl")) {
      int i = 0;
      for (String l : Files.readAllLines(corpora.resolve(f))) {
        eval.add(new EvalEntry("gsm8k", f + ":" + i++, JSON.readTree(l).get("question").asText(),
            null));
      }
    }
    try (var s = Files.list(corpora.resolve("rephrased"))) {
      for (Path f : s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        int i = 0;
        for (String l : Files.readAllLines(f)) {
          JsonNode n = JSON.readTree(l);
          String text = n.has("original") ? n.get("original").asText()
              : n.get("original_question").asText();
          eval.add(new EvalEntry("calibration", f.getFileName() + ":" + i++, text, null));
        }
      }
    }
    long t0 = System.nanoTime();
    List<EvalEntry> embedded = EmbeddingSet.embed(eval, model, threads);
    double evalSeconds = (System.nanoTime() - t0) / 1e9;
    EvalIndex index = EvalIndex.build(embedded, 13, model.modelId(), List.of());
    System.out.printf(Locale.ROOT, "eval index: %d items, %d vectors, embedded in %.1f s%n",
        index.items(), index.rows(), evalSeconds);

    // Training records: a generated corpus (bench/make_corpus.py, fortunes text: chat and
    // prompt/response records with PII, no overlap with the eval set).
    List<JsonlRecord> recs = new ArrayList<>();
    JsonRecordParser parser = new JsonRecordParser("id");
    List<String> corpusLines = Files.readAllLines(corpus);
    for (int i = 0; i < corpusLines.size(); i++) {
      byte[] b = corpusLines.get(i).getBytes(StandardCharsets.UTF_8);
      try {
        recs.add(JsonlRecord.parse(new JsonlLine(new SourceRef("bench.jsonl", i + 1, i), b,
            b.length, false), parser));
      } catch (BadRecordException e) {
        throw new IllegalStateException(e);
      }
    }
    List<String> windows = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (JsonlRecord r : recs) {
      String text = RecordText.of(r.leaves(), FieldSelector.all().exceptRecordId("/id"));
      if (!r.hasSecrets()) {
        texts.add(text); // the step passes records with secrets through unchecked
      }
      for (TextWindows.Span s : TextWindows.forTraining(text, index.trainingWindowWords())) {
        windows.add(text.substring(s.start(), s.end()));
      }
    }
    List<String> distinct = List.copyOf(new java.util.LinkedHashSet<>(windows));
    System.out.printf(Locale.ROOT, "training: %d records, %d windows of up to %d words (%d"
        + " distinct); %d threads%n", recs.size(), windows.size(), index.trainingWindowWords(),
        distinct.size(), threads);

    // -Dbench.stepOnly=true skips the plain loops (to profile the step alone).
    boolean stepOnly = Boolean.getBoolean("bench.stepOnly");
    // Per round: the raw model right before and right after the step (this machine's speed
    // drifts over minutes; the ratio uses their mean), then the distinct windows and the checker.
    for (int round = 1; round <= 2; round++) {
      double rawBefore = stepOnly ? Double.NaN : timeRaw(model, windows, threads);
      // The step's fixed cost (runner start, the index handed over as a side input, shutdown):
      // the same pipeline over two records.
      long f = System.nanoTime();
      runStep(index, recs.subList(0, 2), threads);
      double fixed = (System.nanoTime() - f) / 1e9;
      double cpu0 = cpuSeconds();
      long b = System.nanoTime();
      PipelineResult result = runStep(index, recs, threads);
      double step = (System.nanoTime() - b) / 1e9;
      double stepCpu = cpuSeconds() - cpu0;
      double rawAfter = stepOnly ? Double.NaN : timeRaw(model, windows, threads);
      double raw = (rawBefore + rawAfter) / 2;
      double rawDistinct = stepOnly ? Double.NaN : timeRaw(model, distinct, threads);
      long a = System.nanoTime();
      cpu0 = cpuSeconds();
      double checkerEmbed = checkerAlone(index, model, texts, threads);
      double checker = (System.nanoTime() - a) / 1e9;
      double checkerCpu = cpuSeconds() - cpu0;

      long embedMicros = counter(result, "embed_micros");
      long cached = counter(result, "windows_cached");
      long embeddedWindows = counter(result, "windows_embedded");
      long joinMicros = counter(result, "join_micros");
      for (MetricResult<org.apache.beam.sdk.metrics.DistributionResult> d : result.metrics()
          .queryMetrics(MetricsFilter.builder().addNameFilter(MetricNameFilter.named(
              "io.provenir.transforms.Decontaminate$DecontaminateFn", "batch_records")).build())
          .getDistributions()) {
        System.out.printf(Locale.ROOT, "  batches: %d, mean %.1f records%n",
            d.getAttempted().getCount(), d.getAttempted().getMean());
      }
      System.out.printf(Locale.ROOT, "round %d: raw model %.1f s (%.1f s before the step, %.1f s"
          + " after; %.0f records/s, %.0f windows/s); Decontaminate step %.1f s (%.0f records/s,"
          + " CPU %.1f s): ratio %.2f; in the step: embedding %.1f s, join %.1f s (join %.1f%% of"
          + " embed+join)%n", round, raw, rawBefore, rawAfter, recs.size() / raw,
          windows.size() / raw, step, recs.size() / step, stepCpu, raw / step, embedMicros / 1e6,
          joinMicros / 1e6, 100.0 * joinMicros / (embedMicros + joinMicros));
      System.out.printf(Locale.ROOT, "  the step's fixed cost (two records) %.1f s; without it the"
          + " step takes %.1f s: ratio %.2f%n", fixed, step - fixed, raw / (step - fixed));
      System.out.printf(Locale.ROOT, "  the checker alone (Decontaminator, batches of %d records"
          + " on %d threads, no runner) %.1f s (embedding %.1f s, CPU %.1f s): step ratio to it"
          + " %.2f%n", CHECK_BATCH, threads, checker, checkerEmbed, checkerCpu, checker / step);
      System.out.printf(Locale.ROOT, "  raw model on the distinct windows only %.1f s: step ratio"
          + " %.2f; the step embedded %d windows and took %d from its cache%n", rawDistinct,
          rawDistinct / step, embeddedWindows, cached);
    }

    // Memory for 10k and 100k eval items (random unit vectors of the model's size, typical texts).
    Random r = new Random(1);
    for (int n : new int[] {10_000, 100_000}) {
      List<EvalEntry> items = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        EvalEntry e = eval.get(i % eval.size());
        float[][] v = new float[1][model.dimension()];
        for (int k = 0; k < v[0].length; k++) {
          v[0][k] = (float) r.nextGaussian();
        }
        items.add(new EvalEntry("b", "item-" + i, e.text(), v));
      }
      System.gc();
      long before = used();
      EvalIndex big = EvalIndex.build(items, 13, model.modelId(), List.of());
      big.scoreAll(new float[][] {new float[model.dimension()]}, 2.0, new int[1], new float[1],
          (q, it, s) -> { });
      items = null;
      System.gc();
      long after = used();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ProvenirCoders.EvalIndexCoder.of().encode(big, bytes);
      System.out.printf(Locale.ROOT, "%,d eval items: heap %.0f MiB (index estimate %.0f MiB),"
          + " side input %.0f MiB serialized, %,d n-grams%n", n, (after - before) / 1048576.0,
          big.approximateBytes() / 1048576.0, bytes.size() / 1048576.0, big.ngrams());
    }
  }

  /** As the step's batches (Decontaminate.BATCH). */
  private static final int CHECK_BATCH = 64;

  private static double timeRaw(Embedder model, List<String> windows, int threads) {
    long a = System.nanoTime();
    Embedders.embedParallel(model, windows, threads);
    return (System.nanoTime() - a) / 1e9;
  }

  /**
   * The Decontaminate step on the Direct Runner with {@code threads} threads and production
   * settings (no immutability or encodability checks), both methods at 0.81.
   */
  private static PipelineResult runStep(EvalIndex index, List<JsonlRecord> recs, int threads) {
    PipelineOptions o = PipelineOptionsFactory.fromArgs("--runner=DirectRunner",
        "--targetParallelism=" + threads, "--blockOnRun=true", "--enforceImmutability=false",
        "--enforceEncodability=false").create();
    Pipeline p = Pipeline.create(o);
    PCollectionView<EvalIndex> view = p.apply("Index", Create.of(index)
            .withCoder(ProvenirCoders.EvalIndexCoder.of()))
        .apply(View.asSingleton());
    p.apply("Records", Create.of(recs).withCoder(ProvenirCoders.JsonlRecordCoder.of()))
        .apply(Decontaminate.against(view).withMethod(DecontamMethod.BOTH).withThreshold(0.81)
            .withIdField("id"))
        .get(io.provenir.transforms.Tags.RECORDS)
        .apply(Count.globally());
    PipelineResult result = p.run();
    result.waitUntilFinish();
    return result;
  }

  /**
   * The library without a runner: the texts in batches of {@value #CHECK_BATCH}, each thread
   * with its own {@link Decontaminator} (as each DoFn instance has), both methods at 0.81.
   * Returns the seconds spent embedding, summed over threads.
   */
  private static double checkerAlone(EvalIndex index, Embedder model, List<String> texts,
      int threads) throws Exception {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicLong embedNanos = new java.util.concurrent.atomic.AtomicLong();
    List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(pool.submit(() -> {
        Decontaminator d = new Decontaminator(index, model, DecontamMethod.BOTH, 0.81);
        Decontaminator.Stats stats = new Decontaminator.Stats();
        for (int from; (from = next.getAndAdd(CHECK_BATCH)) < texts.size(); ) {
          d.check(texts.subList(from, Math.min(texts.size(), from + CHECK_BATCH)), stats);
        }
        embedNanos.addAndGet(stats.embedNanos());
      }));
    }
    for (java.util.concurrent.Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    return embedNanos.get() / 1e9;
  }

  /** CPU seconds this process has used (every thread, the JIT and GC included). */
  private static double cpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
  }

  private static long used() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long counter(PipelineResult result, String name) {
    long total = 0;
    for (MetricResult<Long> c : result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(
            "io.provenir.transforms.Decontaminate$DecontaminateFn", name)).build())
        .getCounters()) {
      total += c.getAttempted();
    }
    return total;
  }
}
