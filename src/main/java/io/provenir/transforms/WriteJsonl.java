package io.provenir.transforms;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import org.apache.beam.sdk.io.DefaultFilenamePolicy;
import org.apache.beam.sdk.io.DynamicFileDestinations;
import org.apache.beam.sdk.io.FileBasedSink;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.WriteFiles;
import org.apache.beam.sdk.io.WriteFilesResult;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.ValueProvider.StaticValueProvider;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes lines (UTF-8 JSON, one per element) as sharded JSONL files
 * {@code <dir>/part-SSSSS-of-NNNNN.jsonl} with Beam's {@link WriteFiles}: shards are written to a
 * temporary directory and renamed into place in one finalize step once all are complete, so a
 * retried bundle never leaves a partial or duplicated file, the shard numbers are consecutive, and
 * an empty output is still one (empty) file. The number of shards is left to the runner (never
 * forced to one, which would serialise a large write).
 *
 * <p>This is the non-windowed path that {@code TextIO.write()} takes, with bytes instead of
 * strings. ({@code FileIO.write()} uses windowed writes, which finalize shards in separate groups;
 * on the Direct Runner that left gaps in the shard numbers.)
 */
public final class WriteJsonl extends PTransform<PCollection<byte[]>, WriteFilesResult<Void>> {

  private final String dir;

  private WriteJsonl(String dir) {
    this.dir = dir;
  }

  /** @param dir the output directory (local path or URI), ending with a separator */
  public static WriteJsonl to(String dir) {
    if (dir == null || dir.isEmpty()) {
      throw new IllegalArgumentException("WriteJsonl.to: dir must not be empty");
    }
    return new WriteJsonl(dir.endsWith("/") ? dir : dir + "/");
  }

  @Override
  public WriteFilesResult<Void> expand(PCollection<byte[]> lines) {
    ResourceId prefix = FileSystems.matchNewResource(dir, true)
        .resolve("part", StandardResolveOptions.RESOLVE_FILE);
    return lines.apply("WriteFiles",
        WriteFiles.to(new JsonlSink(prefix)).withRunnerDeterminedSharding());
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("dir", dir).withLabel("Output directory"));
  }

  /** A file sink of byte lines, each followed by {@code \n}. */
  static final class JsonlSink extends FileBasedSink<byte[], Void, byte[]> {

    JsonlSink(ResourceId prefix) {
      super(StaticValueProvider.of(prefix), DynamicFileDestinations.constant(
          DefaultFilenamePolicy.fromStandardParameters(StaticValueProvider.of(prefix),
              "-SSSSS-of-NNNNN", ".jsonl", false)));
    }

    @Override
    public WriteOperation<Void, byte[]> createWriteOperation() {
      return new WriteOperation<>(this) {
        @Override
        public Writer<Void, byte[]> createWriter() {
          return new LineWriter(this);
        }
      };
    }
  }

  static final class LineWriter extends FileBasedSink.Writer<Void, byte[]> {
    private OutputStream out;

    LineWriter(FileBasedSink.WriteOperation<Void, byte[]> op) {
      super(op, MimeTypes.TEXT);
    }

    @Override
    protected void prepareWrite(WritableByteChannel channel) {
      out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
    }

    @Override
    public void write(byte[] line) throws Exception {
      out.write(line);
      out.write('\n');
    }

    @Override
    protected void finishWrite() throws Exception {
      out.flush();
    }
  }
}
