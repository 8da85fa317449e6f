package io.provenir.transforms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provenir.audit.AuditDigest;
import io.provenir.audit.AuditEvent;
import io.provenir.audit.ChainHasher;
import io.provenir.audit.RunEvents;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
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
 * Writes a run's audit events (drafts, as JSON strings) into the audit directory as
 * {@code events-<run_id>-SSSSS-of-NNNNN.jsonl} with Beam's {@link WriteFiles}: each shard's writer
 * numbers and hash-chains its lines as it writes them, from {@code genesis:<run_id>}, so every
 * shard is a chain of its own. Shards are renamed into place once complete and never appended to;
 * the launcher refuses a run id that already has events, and seals the shards in a digest once
 * the run is done ({@link AuditDigest#seal}).
 */
public final class WriteAuditEvents extends PTransform<PCollection<String>, WriteFilesResult<Void>> {

  private final String dir;
  private final String runId;
  private final String hmacKey;

  private WriteAuditEvents(String dir, String runId, String hmacKey) {
    this.dir = dir;
    this.runId = runId;
    this.hmacKey = hmacKey;
  }

  /**
   * @param dir the audit directory (local path or URI), ending with a separator
   * @param hmacKey the chain's HMAC key, or null for SHA-256 (the key travels with the job, as the
   *     fingerprint key does)
   */
  public static WriteAuditEvents to(String dir, String runId, String hmacKey) {
    return new WriteAuditEvents(dir.endsWith("/") ? dir : dir + "/", runId, hmacKey);
  }

  @Override
  public WriteFilesResult<Void> expand(PCollection<String> drafts) {
    ResourceId prefix = FileSystems.matchNewResource(dir, true)
        .resolve("events-" + runId, StandardResolveOptions.RESOLVE_FILE);
    return drafts.apply("WriteFiles", WriteFiles.to(new EventSink(prefix, runId, hmacKey))
        .withRunnerDeterminedSharding());
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("dir", dir).withLabel("Audit directory"))
        .add(DisplayData.item("keyed", hmacKey != null).withLabel("HMAC chain"));
  }

  static final class EventSink extends FileBasedSink<String, Void, String> {
    private final String runId;
    private final String hmacKey;

    EventSink(ResourceId prefix, String runId, String hmacKey) {
      super(StaticValueProvider.of(prefix), DynamicFileDestinations.constant(
          DefaultFilenamePolicy.fromStandardParameters(StaticValueProvider.of(prefix),
              "-SSSSS-of-NNNNN", ".jsonl", false)));
      this.runId = runId;
      this.hmacKey = hmacKey;
    }

    @Override
    public WriteOperation<Void, String> createWriteOperation() {
      return new WriteOperation<>(this) {
        @Override
        public Writer<Void, String> createWriter() {
          return new ChainWriter(this, runId,
              hmacKey == null ? ChainHasher.sha256() : ChainHasher.hmac(hmacKey));
        }
      };
    }
  }

  /** Writes drafts as chained events, in the order it receives them. */
  static final class ChainWriter extends FileBasedSink.Writer<Void, String> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ChainHasher hasher;
    private final String genesis;
    private OutputStream out;
    private long seq;
    private String prev;

    ChainWriter(FileBasedSink.WriteOperation<Void, String> op, String runId, ChainHasher hasher) {
      super(op, MimeTypes.TEXT);
      this.hasher = hasher;
      this.genesis = AuditDigest.shardGenesis(runId);
    }

    @Override
    protected void prepareWrite(WritableByteChannel channel) {
      out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 14);
      seq = 0;
      prev = genesis;
    }

    @Override
    public void write(String draft) throws Exception {
      AuditEvent e = RunEvents.chain((ObjectNode) JSON.readTree(draft), seq++, prev, hasher);
      prev = e.hash();
      out.write(e.line().getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    }

    @Override
    protected void finishWrite() throws Exception {
      out.flush();
    }
  }
}
