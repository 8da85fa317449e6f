package io.provenir.transforms;

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
import java.util.List;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.display.DisplayData;
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
 * first byte lies, so every line is read exactly once.
 *
 * <p>Outputs: {@link #LINES} (non-blank lines; lines over {@code maxRecordBytes} carry only a
 * prefix and are marked oversize) and {@link #TALLIES} (lines, blank lines and bytes per file, one
 * tally per bundle). Counters: {@code records_read}, {@code blank_lines}, {@code bytes_read}.
 */
public final class ReadJsonl extends PTransform<PBegin, PCollectionTuple> {

  public static final TupleTag<JsonlLine> LINES = new TupleTag<>("lines") {};
  public static final TupleTag<Tally> TALLIES = new TupleTag<>("tallies") {};

  /** How much of an oversize line is kept (for its dead-letter excerpt). */
  static final int OVERSIZE_PREFIX_BYTES = 64 * 1024;

  private final List<InputFile> files;
  private final long splitBytes;
  private final long maxRecordBytes;

  private ReadJsonl(List<InputFile> files, long splitBytes, long maxRecordBytes) {
    this.files = List.copyOf(files);
    this.splitBytes = splitBytes;
    this.maxRecordBytes = maxRecordBytes;
  }

  /** Reads {@code files}; defaults: 64 MiB ranges, 1 MiB maximum record size. */
  public static ReadJsonl from(List<InputFile> files) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("ReadJsonl.from: files must not be empty");
    }
    return new ReadJsonl(files, 64L << 20, 1L << 20);
  }

  public ReadJsonl withSplitBytes(long bytes) {
    if (bytes < 1024) {
      throw new IllegalArgumentException("splitBytes must be at least 1024, not " + bytes);
    }
    return new ReadJsonl(files, bytes, maxRecordBytes);
  }

  public ReadJsonl withMaxRecordBytes(long bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("maxRecordBytes must be positive, not " + bytes);
    }
    return new ReadJsonl(files, splitBytes, bytes);
  }

  /** The ranges {@code files} are read in. */
  static List<FileRange> plan(List<InputFile> files, long splitBytes) {
    List<FileRange> ranges = new ArrayList<>();
    for (InputFile f : files) {
      if (f.compressed() || f.sizeBytes() <= splitBytes) {
        ranges.add(new FileRange(f.resourceId(), f.source(), 0, Long.MAX_VALUE, true));
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
        .apply("PlanRanges", Create.of(plan(files, splitBytes))
            .withCoder(ProvenirCoders.FileRangeCoder.of()))
        .apply("SpreadRanges", Reshuffle.viaRandomKey())
        .apply("ReadLines", ParDo.of(new ReadLinesFn(maxRecordBytes))
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

  /** Reads one range of one file into lines. */
  static final class ReadLinesFn extends DoFn<FileRange, JsonlLine> {
    private final long maxRecordBytes;
    private final Counter recordsRead = Metrics.counter(ReadLinesFn.class, "records_read");
    private final Counter blankLines = Metrics.counter(ReadLinesFn.class, "blank_lines");
    private final Counter bytesRead = Metrics.counter(ReadLinesFn.class, "bytes_read");
    private transient Tally tally;

    ReadLinesFn(long maxRecordBytes) {
      this.maxRecordBytes = maxRecordBytes;
    }

    @StartBundle
    public void startBundle() {
      tally = new Tally();
    }

    @ProcessElement
    public void process(@Element FileRange range, MultiOutputReceiver out) throws IOException {
      ResourceId id = FileSystems.matchNewResource(range.resourceId(), false);
      long lines = 0;
      long blank = 0;
      long bytes = 0;
      try (ReadableByteChannel ch = FileSystems.open(id)) {
        ReadableByteChannel channel = ch;
        long startAt = 0;
        if (range.start() > 0) {
          ((SeekableByteChannel) ch).position(range.start() - 1);
          startAt = range.start() - 1;
        } else {
          channel = Compression.detect(range.resourceId()).readDecompressed(ch);
        }
        InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
        LineReader reader = new LineReader(in, startAt, maxRecordBytes,
            (int) Math.min(OVERSIZE_PREFIX_BYTES, maxRecordBytes));
        boolean any = range.start() == 0 || reader.skipPastNewline();
        long lineNo = 0;
        // A line belongs to this range when its first byte lies before the range's end.
        while (any && reader.position() < range.end() && reader.next()) {
          lineNo++;
          lines++;
          bytes += reader.position() - reader.offset();
          if (reader.blank()) {
            blank++;
            continue;
          }
          SourceRef ref = new SourceRef(range.source(), range.lineNumbered() ? lineNo : 0,
              reader.offset());
          out.get(LINES).output(new JsonlLine(ref, reader.bytes(), reader.length(),
              reader.oversize()));
        }
      }
      recordsRead.inc(lines - blank);
      blankLines.inc(blank);
      bytesRead.inc(bytes);
      tally.addSourceLines(range.source(), lines, blank, bytes);
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) {
      Tallies.emit(c, TALLIES, tally);
      tally = null;
    }
  }
}
