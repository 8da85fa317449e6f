package io.provenir.transforms;

import io.provenir.decontam.DecontamMethod;
import io.provenir.decontam.Embedder;
import io.provenir.decontam.Embedders;
import io.provenir.decontam.EmbeddingSet;
import io.provenir.decontam.EvalEntry;
import io.provenir.decontam.EvalIndex;
import io.provenir.decontam.EvalItemParser;
import io.provenir.report.Tally;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * Reads the eval sets and builds the one {@link EvalIndex} that {@link Decontaminate} receives as
 * a side input: each JSONL eval set is read file by file ({@code ReadEvalItems}), its items'
 * windows are embedded in batches per bundle on the workers ({@code EmbedEvalItems}); an embedding
 * set made by {@code provenir embed} is loaded instead ({@code LoadEmbeddingSet}); then every
 * item is combined into the index ({@code CombineIndex}). An eval line without the eval field
 * fails the run with the file and line (eval sets are inputs the user controls; a silently smaller
 * benchmark would understate contamination). Counters: {@code eval_items}, {@code eval_windows}.
 */
public final class BuildEvalIndex extends PTransform<PBegin, PCollection<EvalIndex>> {

  private final List<EvalSource> sources;
  private final DecontamMethod method;
  private final int ngram;
  private final String model;
  private final String modelId;

  private BuildEvalIndex(List<EvalSource> sources, DecontamMethod method, int ngram,
      String model, String modelId) {
    this.sources = List.copyOf(sources);
    this.method = method;
    this.ngram = ngram;
    this.model = model;
    this.modelId = modelId;
  }

  /** Both methods, 13-grams, the default model. */
  public static BuildEvalIndex of(List<EvalSource> sources) {
    return new BuildEvalIndex(sources, DecontamMethod.BOTH, 13, Embedders.DEFAULT, null);
  }

  public BuildEvalIndex withMethod(DecontamMethod m) {
    return new BuildEvalIndex(sources, m, ngram, model, modelId);
  }

  public BuildEvalIndex withNgram(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("ngram must be at least 1, not " + n);
    }
    return new BuildEvalIndex(sources, method, n, model, modelId);
  }

  /**
   * The embedding model by name, and its model id (the driver knows it from loading the model
   * once; workers check theirs against it).
   */
  public BuildEvalIndex withModel(String name, String id) {
    return new BuildEvalIndex(sources, method, ngram, name, id);
  }

  @Override
  public PCollection<EvalIndex> expand(PBegin begin) {
    if (method.semantic() && modelId == null) {
      throw new IllegalArgumentException("BuildEvalIndex: the semantic method needs withModel()");
    }
    List<PCollection<EvalEntry>> parts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (EvalSource s : sources) {
      names.add(s.name());
      PCollection<EvalEntry> items;
      if (s.embeddingSet() != null) {
        items = begin
            .apply("ListEmbeddingSet " + s.name(), Create.of(s.embeddingSet())
                .withCoder(StringUtf8Coder.of()))
            .apply("LoadEmbeddingSet " + s.name(), ParDo.of(
                new LoadEmbeddingSetFn(s.name(), method.semantic(), model)));
      } else {
        List<String> files = s.files().stream().map(InputFile::resourceId).toList();
        items = begin
            .apply("ListEvalFiles " + s.name(), Create.of(files).withCoder(StringUtf8Coder.of()))
            .apply("SpreadEvalFiles " + s.name(), Reshuffle.viaRandomKey())
            .apply("ReadEvalItems " + s.name(), ParDo.of(new ReadEvalItemsFn(
                new EvalItemParser(s.name(), s.field(), s.idField()), s.name(),
                new java.util.HashMap<>(EvalItemParser.locatorNames(files)))))
            .setCoder(ProvenirCoders.EvalEntryCoder.of());
        if (method.semantic()) {
          items = items
              .apply("SpreadEvalItems " + s.name(), Reshuffle.viaRandomKey())
              .apply("EmbedEvalItems " + s.name(), ParDo.of(new EmbedEvalItemsFn(model)));
        }
      }
      parts.add(items.setCoder(ProvenirCoders.EvalEntryCoder.of()));
    }
    return PCollectionList.of(parts)
        .apply("FlattenEvalItems", Flatten.pCollections())
        .apply("CombineIndex", Combine.globally(
            new ToIndexFn(ngram, method.semantic() ? modelId : null, names)))
        .setCoder(ProvenirCoders.EvalIndexCoder.of());
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("evalSets", sources.size()).withLabel("Eval sets"))
        .add(DisplayData.item("method", method.specName()).withLabel("Method"))
        .add(DisplayData.item("ngram", ngram).withLabel("N-gram size"))
        .add(DisplayData.item("model", model).withLabel("Embedding model"));
  }

  /** One tally with the number of items per benchmark, for the report. */
  public static PTransform<PCollection<EvalIndex>, PCollection<Tally>> benchmarkSizes() {
    return new PTransform<>() {
      @Override
      public PCollection<Tally> expand(PCollection<EvalIndex> index) {
        return index.apply("BenchmarkSizes", ParDo.of(new BenchmarkSizesFn()))
            .setCoder(ProvenirCoders.TallyCoder.of());
      }
    };
  }

  static final class BenchmarkSizesFn extends DoFn<EvalIndex, Tally> {
    @ProcessElement
    public void process(@Element EvalIndex index, OutputReceiver<Tally> out) {
      Tally t = new Tally();
      t.setBenchmarkItems(index.benchmarkSizes());
      out.output(t);
    }
  }

  /** Reads one eval file (any compression) into items. */
  static final class ReadEvalItemsFn extends DoFn<String, EvalEntry> {
    private final EvalItemParser parser;
    private final String benchmark;
    /** Resource id -> the name in the ids of its items without one (unique in the set). */
    private final java.util.HashMap<String, String> names;
    private final Counter items = Metrics.counter(ReadEvalItemsFn.class, "eval_items");

    ReadEvalItemsFn(EvalItemParser parser, String benchmark,
        java.util.HashMap<String, String> names) {
      this.parser = parser;
      this.benchmark = benchmark;
      this.names = names;
    }

    @ProcessElement
    public void process(@Element String resourceId, OutputReceiver<EvalEntry> out)
        throws IOException {
      ResourceId id = FileSystems.matchNewResource(resourceId, false);
      String name = names.getOrDefault(resourceId, id.getFilename());
      try (InputStream in = Channels.newInputStream(
              Compression.detect(resourceId).readDecompressed(FileSystems.open(id)));
          BufferedReader r = new BufferedReader(new InputStreamReader(in,
              StandardCharsets.UTF_8.newDecoder()
                  .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                  .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)), 1 << 16)) {
        long line = 0;
        try {
          // The line of each id met in this file, to name both lines of a repeated one (the index
          // refuses ids repeated across files too, without lines). An eval set fits in memory.
          java.util.HashMap<String, Long> lines = new java.util.HashMap<>();
          for (String s = r.readLine(); s != null; s = r.readLine()) {
            line++;
            if (s.isBlank()) {
              continue;
            }
            EvalEntry entry;
            try {
              entry = parser.parse(s, name + ":" + line);
            } catch (IllegalArgumentException e) {
              throw new io.provenir.decontam.EvalSetException("eval set '" + benchmark + "': "
                  + resourceId + ":" + line + ": " + e.getMessage());
            }
            Long first = lines.putIfAbsent(entry.id(), line);
            if (first != null) {
              throw new io.provenir.decontam.EvalSetException("eval set '" + benchmark + "': "
                  + EvalItemParser.repeatedId(resourceId, line, entry.id(), first));
            }
            out.output(entry);
            items.inc();
          }
        } catch (java.nio.charset.CharacterCodingException e) {
          // as embed refuses it; the reader decodes ahead, so the line is a lower bound
          throw new io.provenir.decontam.EvalSetException("eval set '" + benchmark + "': "
              + resourceId + ": not valid UTF-8 (at line " + (line + 1) + " or after)");
        }
      }
    }
  }

  /** Embeds the windows of eval items, a bundle's worth at a time. */
  static final class EmbedEvalItemsFn extends DoFn<EvalEntry, EvalEntry> {
    private static final int BATCH = 64;
    private final String model;
    private final Counter windows = Metrics.counter(EmbedEvalItemsFn.class, "eval_windows");
    private transient Embedder embedder;
    private transient List<EvalEntry> buffer;

    EmbedEvalItemsFn(String model) {
      this.model = model;
    }

    @Setup
    public void setUp() {
      embedder = Embedders.named(model);
    }

    @StartBundle
    public void startBundle() {
      buffer = new ArrayList<>();
    }

    @ProcessElement
    public void process(@Element EvalEntry e, OutputReceiver<EvalEntry> out) {
      buffer.add(e);
      if (buffer.size() >= BATCH) {
        for (EvalEntry done : flush()) {
          out.output(done);
        }
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) {
      for (EvalEntry done : flush()) {
        c.output(done, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
      }
    }

    private List<EvalEntry> flush() {
      List<EvalEntry> out = EmbeddingSet.embed(buffer, embedder, 1);
      out.forEach(e -> windows.inc(e.vectors().length));
      buffer = new ArrayList<>();
      return out;
    }
  }

  /** Loads an embedding set directory written by {@code provenir embed}. */
  static final class LoadEmbeddingSetFn extends DoFn<String, EvalEntry> {
    private final String benchmark;
    private final boolean withVectors;
    private final String model;
    private final Counter items = Metrics.counter(LoadEmbeddingSetFn.class, "eval_items");

    LoadEmbeddingSetFn(String benchmark, boolean withVectors, String model) {
      this.benchmark = benchmark;
      this.withVectors = withVectors;
      this.model = model;
    }

    @ProcessElement
    public void process(@Element String dir, OutputReceiver<EvalEntry> out) throws IOException {
      EmbeddingSet.Meta meta;
      String at = "eval set '" + benchmark + "' (" + dir + "): ";
      try (InputStream in = open(dir, EmbeddingSet.META)) {
        meta = EmbeddingSet.readMeta(in);
      } catch (IllegalArgumentException e) {
        throw new io.provenir.decontam.EvalSetException(at + e.getMessage());
      } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
        throw new io.provenir.decontam.EvalSetException(at + "no " + EmbeddingSet.META);
      }
      if (withVectors) {
        try {
          EmbeddingSet.checkCompatible(meta, Embedders.named(model));
        } catch (IllegalArgumentException e) {
          throw new io.provenir.decontam.EvalSetException(at + e.getMessage());
        }
      }
      List<EvalEntry> entries;
      try (InputStream itemsIn = open(dir, EmbeddingSet.ITEMS);
          InputStream vectorsIn = open(dir, EmbeddingSet.VECTORS)) {
        entries = EmbeddingSet.readEntries(meta, itemsIn, vectorsIn, benchmark, withVectors);
      } catch (IllegalArgumentException e) {
        throw new io.provenir.decontam.EvalSetException(at + e.getMessage());
      } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
        throw new io.provenir.decontam.EvalSetException(at + "no " + EmbeddingSet.ITEMS + " or "
            + EmbeddingSet.VECTORS);
      }
      entries.forEach(out::output);
      items.inc(entries.size());
    }

    private static InputStream open(String dir, String file) throws IOException {
      ResourceId id = FileSystems.matchNewResource(dir, true)
          .resolve(file, org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions
              .RESOLVE_FILE);
      return Channels.newInputStream(FileSystems.open(id));
    }
  }

  /** Collects every item and builds the index. */
  static final class ToIndexFn extends CollectFn<EvalEntry, EvalIndex> {
    private final int ngram;
    private final String modelId;
    private final List<String> names;

    ToIndexFn(int ngram, String modelId, List<String> names) {
      super(ProvenirCoders.EvalEntryCoder.of());
      this.ngram = ngram;
      this.modelId = modelId;
      this.names = List.copyOf(names);
    }

    @Override
    public EvalIndex extractOutput(List<EvalEntry> acc) {
      return EvalIndex.build(acc, ngram, modelId, names);
    }
  }
}
