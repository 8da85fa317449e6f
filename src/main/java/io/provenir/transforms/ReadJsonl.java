package io.provenir.transforms;

import io.provenir.config.GovernanceSpec;
import io.provenir.io.InputReadException;
import io.provenir.io.LineReader;
import io.provenir.record.JsonlLine;
import io.provenir.record.SourceRef;
import io.provenir.report.Tally;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.io.range.OffsetRange;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.splittabledofn.RestrictionTracker;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Reads JSONL files as lines with their location.
 *
 * <p>Each file is planned into byte ranges when the pipeline is built: an uncompressed file larger
 * than {@code splitBytes} becomes ranges of that size, read in parallel, whose lines are located by
 * byte offset ({@code <file>@<offset>}); a smaller or compressed file is one range read from the
 * start, with exact line numbers ({@code <file>:<line>}). A line belongs to the range in which its
 * first byte lies, so every line is read exactly once. Each range is read in blocks of about
 * {@code blockBytes} (see {@link ReadBlocksFn}), so reading keeps pace with the steps after it.
 *
 * <p>Outputs: {@link #LINES} (non-blank lines; lines over {@code maxRecordBytes} carry only a
 * prefix and are marked oversize) and {@link #TALLIES} (lines, blank lines and bytes per file, one
 * tally per bundle of blocks). Counters: {@code records_read}, {@code blank_lines}, {@code bytes_read}.
 */
public final class ReadJsonl extends PTransform<PBegin, PCollectionTuple> {

  public static final TupleTag<JsonlLine> LINES = new TupleTag<>("lines") {};
  public static final TupleTag<Tally> TALLIES = new TupleTag<>("tallies") {};

  /** How much of an oversize line is kept (for its dead-letter excerpt). */
  static final int OVERSIZE_PREFIX_BYTES = 64 * 1024;

  /** Bytes of lines per block by default. */
  static final long DEFAULT_BLOCK_BYTES = 16L << 20;

  private final List<InputFile> files;
  private final long splitBytes;
  private final long maxRecordBytes;
  private final long blockBytes;
  private final boolean oneRangePerFile;

  private ReadJsonl(List<InputFile> files, long splitBytes, long maxRecordBytes,
      long blockBytes, boolean oneRangePerFile) {
    this.files = List.copyOf(files);
    this.splitBytes = splitBytes;
    this.maxRecordBytes = maxRecordBytes;
    this.blockBytes = blockBytes;
    this.oneRangePerFile = oneRangePerFile;
  }

  /** Reads {@code files}; defaults: 64 MiB ranges, 1 MiB maximum record size. */
  public static ReadJsonl from(List<InputFile> files) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("ReadJsonl.from: files must not be empty");
    }
    return new ReadJsonl(files, GovernanceSpec.Input.DEFAULT_SPLIT_BYTES, 1L << 20,
        DEFAULT_BLOCK_BYTES, false);
  }

  public ReadJsonl withSplitBytes(long bytes) {
    if (bytes < 1024) {
      throw new IllegalArgumentException("splitBytes must be at least 1024, not " + bytes);
    }
    return new ReadJsonl(files, bytes, maxRecordBytes, blockBytes, oneRangePerFile);
  }

  public ReadJsonl withMaxRecordBytes(long bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("maxRecordBytes must be positive, not " + bytes);
    }
    return new ReadJsonl(files, splitBytes, bytes, blockBytes, oneRangePerFile);
  }

  /**
   * How many bytes of lines each block holds (at least one line). Blocks are the unit the runner
   * schedules: on the Direct Runner each becomes a bundle and one output shard per output.
   */
  public ReadJsonl withBlockBytes(long bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("blockBytes must be positive, not " + bytes);
    }
    return new ReadJsonl(files, splitBytes, maxRecordBytes, bytes, oneRangePerFile);
  }

  /**
   * Reads every file as one range, whatever its size, but still locates the lines of files larger
   * than {@code splitBytes} by byte offset, so that records are named alike on every runner. For
   * runners that start every range at once and keep a block of each in flight (the Direct
   * Runner): one range's blocks already keep their threads busy, and fewer ranges in flight keep
   * the heap small.
   */
  public ReadJsonl withOneRangePerFile(boolean one) {
    return new ReadJsonl(files, splitBytes, maxRecordBytes, blockBytes, one);
  }

  /** The ranges {@code files} are read in. */
  static List<FileRange> plan(List<InputFile> files, long splitBytes, boolean oneRangePerFile) {
    List<FileRange> ranges = new ArrayList<>();
    for (InputFile f : files) {
      if (f.compressed() || f.sizeBytes() <= splitBytes) {
        ranges.add(new FileRange(f.resourceId(), f.source(), 0, Long.MAX_VALUE, true));
        continue;
      }
      if (oneRangePerFile) {
        ranges.add(new FileRange(f.resourceId(), f.source(), 0, Long.MAX_VALUE, false));
        continue;
      }
      for (long s = 0; s < f.sizeBytes(); s += splitBytes) {
        long e = Math.min(f.sizeBytes(), s + splitBytes);
        ranges.add(new FileRange(f.resourceId(), f.source(), s,
            e == f.sizeBytes() ? Long.MAX_VALUE : e, false));
      }
    }
    return ranges;
  }

  @Override
  public PCollectionTuple expand(PBegin input) {
    PCollectionTuple out = input
        .apply("PlanRanges", Create.of(plan(files, splitBytes, oneRangePerFile))
            .withCoder(ProvenirCoders.FileRangeCoder.of()))
        .apply("SpreadRanges", Reshuffle.viaRandomKey())
        .apply("ReadBlocks", ParDo.of(new ReadBlocksFn(maxRecordBytes, blockBytes)))
        .setCoder(ProvenirCoders.LineBlockCoder.of())
        .apply("SplitBlocks", ParDo.of(new SplitBlocksFn())
            .withOutputTags(LINES, TupleTagList.of(TALLIES)));
    out.get(LINES).setCoder(ProvenirCoders.JsonlLineCoder.of());
    out.get(TALLIES).setCoder(ProvenirCoders.TallyCoder.of());
    return out;
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("files", files.size()).withLabel("Input files"))
        .add(DisplayData.item("splitBytes", splitBytes).withLabel("Split size (bytes)"))
        .add(DisplayData.item("maxRecordBytes", maxRecordBytes).withLabel("Max record (bytes)"));
  }

  /**
   * Reads one range of one file as blocks, a splittable DoFn over the range's block windows: window
   * {@code k} holds the lines whose first byte lies in {@code [start + k * blockBytes, start + (k +
   * 1) * blockBytes)} (the rule that assigns lines to ranges, one level down), so a block is claimed
   * whole before it is read and any split falls between blocks. After each block the DoFn hands the
   * rest of its range back to the runner ({@link ProcessContinuation#resume()}), so that reading
   * goes no faster than the steps after it: the Direct Runner schedules the rest behind the work the
   * block made (without this it reads every range before scanning any, and holds the whole input in
   * memory); Flink simply goes on, and Dataflow may hand the rest to another worker.
   *
   * <p>A line-numbered range (a whole small or compressed file) resumes by counting lines from the
   * start of the file; the reader left open at the end of a block is kept (a few per JVM) so that
   * the next block of the same file, when it runs in the same JVM, neither decompresses nor counts
   * again.
   */
  @DoFn.BoundedPerElement
  static final class ReadBlocksFn extends DoFn<FileRange, LineBlock> {
    private final long maxRecordBytes;
    private final long blockBytes;
    private final Counter recordsRead = Metrics.counter(ReadBlocksFn.class, "records_read");
    private final Counter blankLines = Metrics.counter(ReadBlocksFn.class, "blank_lines");
    private final Counter bytesRead = Metrics.counter(ReadBlocksFn.class, "bytes_read");

    ReadBlocksFn(long maxRecordBytes, long blockBytes) {
      this.maxRecordBytes = maxRecordBytes;
      this.blockBytes = blockBytes;
    }

    /** Block windows {@code [0, n)}; to the end of the file ({@code [0, MAX)}) when open-ended. */
    @GetInitialRestriction
    public OffsetRange initialRestriction(@Element FileRange range) {
      if (range.end() == Long.MAX_VALUE) {
        return new OffsetRange(0, Long.MAX_VALUE);
      }
      long length = range.end() - range.start();
      return new OffsetRange(0, Math.max(1, (length + blockBytes - 1) / blockBytes));
    }

    @GetRestrictionCoder
    public Coder<OffsetRange> restrictionCoder() {
      return OffsetRange.Coder.of();
    }

    @ProcessElement
    public ProcessContinuation process(@Element FileRange range,
        RestrictionTracker<OffsetRange, Long> tracker, OutputReceiver<LineBlock> out)
        throws IOException {
      long k = tracker.currentRestriction().getFrom();
      if (!tracker.tryClaim(k)) {
        return ProcessContinuation.stop();
      }
      long lo = range.start() + k * blockBytes;
      long hi = range.end() == Long.MAX_VALUE ? lo + blockBytes
          : Math.min(range.end(), lo + blockBytes);
      OpenReader open = OpenReader.take(range, lo);
      if (open == null) {
        try {
          open = OpenReader.open(range, lo, maxRecordBytes);
        } catch (IOException e) {
          throw new InputReadException(range.source(), 0, e);
        }
      }
      List<JsonlLine> lines = new ArrayList<>();
      long count = 0;
      long blank = 0;
      long bytes = 0;
      boolean eof = !open.atLine;
      try {
        LineReader reader = open.reader;
        // A line belongs to this block when its first byte lies before the block's end.
        while (!eof && reader.position() < hi) {
          if (!reader.next()) {
            eof = true;
            break;
          }
          open.lineNo++;
          count++;
          bytes += reader.position() - reader.offset();
          if (reader.blank()) {
            blank++;
            continue;
          }
          SourceRef ref = new SourceRef(range.source(), range.lineNumbered() ? open.lineNo : 0,
              reader.offset());
          lines.add(new JsonlLine(ref, reader.bytes(), reader.length(), reader.oversize()));
        }
      } catch (IOException e) {
        open.close();
        throw new InputReadException(range.source(), open.lineNo, e);
      } catch (RuntimeException e) {
        open.close();
        throw e;
      }
      boolean more = !eof && hi < range.end();
      if (more && range.lineNumbered()) {
        open.keep(range, hi);
      } else {
        open.close();
      }
      recordsRead.inc(count - blank);
      blankLines.inc(blank);
      bytesRead.inc(bytes);
      out.output(new LineBlock(range.source(), lines, count, blank, bytes));
      if (!more) {
        tracker.tryClaim(Long.MAX_VALUE); // nothing after this block: the range is done
        return ProcessContinuation.stop();
      }
      return ProcessContinuation.resume();
    }
  }

  /**
   * An open reader of one file, positioned at a line start. Line-numbered ranges keep theirs
   * between blocks in a small JVM-wide pool (compressed streams cannot seek).
   */
  private static final class OpenReader {
    private static final int POOL_SIZE = 16;
    private static final Map<String, OpenReader> POOL = new LinkedHashMap<>();

    final InputStream in;
    final LineReader reader;
    final boolean atLine;
    long lineNo;

    private OpenReader(InputStream in, LineReader reader, boolean atLine, long lineNo) {
      this.in = in;
      this.reader = reader;
      this.atLine = atLine;
      this.lineNo = lineNo;
    }

    private static String key(FileRange range, long offset) {
      return offset + "@" + range.resourceId();
    }

    /** The pooled reader of {@code range}'s file positioned for the block at {@code from}. */
    static synchronized OpenReader take(FileRange range, long from) {
      return range.lineNumbered() ? POOL.remove(key(range, from)) : null;
    }

    /** Pools this reader for the block that starts at {@code next}. */
    void keep(FileRange range, long next) {
      OpenReader evicted = null;
      synchronized (OpenReader.class) {
        POOL.put(key(range, next), this);
        if (POOL.size() > POOL_SIZE) {
          String eldest = POOL.keySet().iterator().next();
          evicted = POOL.remove(eldest);
        }
      }
      if (evicted != null) {
        evicted.close();
      }
    }

    /** Opens {@code range}'s file for the first line that starts at or after {@code from}. */
    static OpenReader open(FileRange range, long from, long maxRecordBytes) throws IOException {
      ResourceId id = FileSystems.matchNewResource(range.resourceId(), false);
      ReadableByteChannel ch = FileSystems.open(id);
      try {
        int prefix = (int) Math.min(OVERSIZE_PREFIX_BYTES, maxRecordBytes);
        if (range.lineNumbered()) {
          // Line numbers count from the start of the file: (re)read it up to from.
          InputStream in = new BufferedInputStream(Channels.newInputStream(
              Compression.detect(range.resourceId()).readDecompressed(ch)), 1 << 16);
          LineReader reader = new LineReader(in, 0, maxRecordBytes, prefix);
          long skipped = from > 0 ? reader.skipLinesBefore(from) : 0;
          return new OpenReader(in, reader, true, skipped);
        }
        if (from == 0) {
          InputStream in = new BufferedInputStream(Channels.newInputStream(ch), 1 << 16);
          return new OpenReader(in, new LineReader(in, 0, maxRecordBytes, prefix), true, 0);
        }
        // Positioned at from - 1, skipping past the next newline lands on the first line that
        // starts at or after from.
        ((SeekableByteChannel) ch).position(from - 1);
        InputStream in = new BufferedInputStream(Channels.newInputStream(ch), 1 << 16);
        LineReader reader = new LineReader(in, from - 1, maxRecordBytes, prefix);
        return new OpenReader(in, reader, reader.skipPastNewline(), 0);
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
    }

    void close() {
      try {
        in.close();
      } catch (IOException e) {
        // nothing to do: the file was only read
      }
    }
  }

  /** Passes each block's lines on, and tallies lines, blank lines and bytes per file. */
  static final class SplitBlocksFn extends DoFn<LineBlock, JsonlLine> {
    private transient Tally tally;

    @StartBundle
    public void startBundle() {
      tally = new Tally();
    }

    @ProcessElement
    public void process(@Element LineBlock block, MultiOutputReceiver out) {
      OutputReceiver<JsonlLine> lines = out.get(LINES);
      for (JsonlLine l : block.lines()) {
        lines.output(l);
      }
      tally.addSourceLines(block.source(), block.lineCount(), block.blankLines(), block.bytes());
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) {
      Tallies.emit(c, TALLIES, tally);
      tally = null;
    }
  }
}
