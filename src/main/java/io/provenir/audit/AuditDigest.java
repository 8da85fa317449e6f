package io.provenir.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The audit files a pipeline run writes, and the digest that seals them.
 *
 * <ul>
 *   <li>Shards {@code events-<run_id>-SSSSS-of-NNNNN.jsonl}: the run's events, hash-chained within
 *       each shard from {@code genesis:<run_id>}.
 *   <li>{@code digest-<run_id>.json}: the run's shards with their line counts and last hashes, the
 *       previous digest's file and hash, a sequence number and its own hash: digests form one chain
 *       over all runs, as CloudTrail's digest files do. Written under the audit directory's lock,
 *       never overwritten.
 * </ul>
 */
public final class AuditDigest {

  public static final Pattern SHARD =
      Pattern.compile("events-(.+)-(\\d{5})-of-(\\d{5})\\.jsonl");
  public static final Pattern DIGEST = Pattern.compile("digest-(.+)\\.json");
  static final String LOCK = ".audit.lock";

  private AuditDigest() {}

  /** The genesis {@code prev_hash} of a run's shards. */
  public static String shardGenesis(String runId) {
    return ChainHasher.GENESIS + ":" + runId;
  }

  /** The file name prefix of a run's shards. */
  public static String shardPrefix(String runId) {
    return "events-" + runId + "-";
  }

  /** Whether a run with this id already claimed its id, left shards or a digest in {@code dir}. */
  public static boolean runExists(Path dir, String runId) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    if (Files.exists(dir.resolve("digest-" + runId + ".json"))
        || Files.exists(dir.resolve(claimName(runId)))) {
      return true;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, shardPrefix(runId) + "*")) {
      for (Path p : s) {
        Matcher m = SHARD.matcher(p.getFileName().toString());
        if (m.matches() && m.group(1).equals(runId)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Claims {@code runId} in {@code dir} (created if need be) for a run about to start, atomically:
   * false when it is taken, by a run that started earlier or by one starting at the same moment
   * (two launches with one {@code --run-id} both found no shards when they looked, and the second
   * one's shards would replace the first one's). The claim, an empty hidden file, stays: an id
   * is used once, whether its run succeeds or not.
   */
  public static boolean claim(Path dir, String runId) throws IOException {
    Files.createDirectories(dir);
    try {
      Files.createFile(dir.resolve(claimName(runId)));
      return true;
    } catch (java.nio.file.FileAlreadyExistsException e) {
      return false;
    }
  }

  /** Withdraws this process's claim of {@code runId}, for a run refused after it claimed. */
  public static void unclaim(Path dir, String runId) throws IOException {
    Files.deleteIfExists(dir.resolve(claimName(runId)));
  }

  private static String claimName(String runId) {
    return ".run-" + runId + ".claim";
  }

  /** A shard's summary: lines and last hash (of valid events; problems are the verifier's job). */
  record ShardSummary(String file, long lines, String lastHash) {}

  static ShardSummary summarize(Path shard) throws IOException {
    long n = 0;
    String last = null;
    try (AuditLines lines = AuditLines.open(shard)) {
      for (AuditLines.Line l : lines) {
        n++;
        last = l.event() == null ? null : l.event().hash();
      }
    }
    return new ShardSummary(shard.getFileName().toString(), n, last);
  }

  /**
   * Writes {@code digest-<runId>.json} for the run's shards in {@code dir}, chained to the
   * newest digest there; returns it.
   *
   * @throws AuditException when the digest exists already
   */
  public static ObjectNode seal(Path dir, String runId, ChainHasher hasher) throws IOException {
    Files.createDirectories(dir);
    try (FileChannel ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE);
        FileLock lock = ch.lock()) {
      Path target = dir.resolve("digest-" + runId + ".json");
      if (Files.exists(target)) {
        throw new AuditException(target + " exists: run ids must not repeat");
      }
      List<Path> shards = new ArrayList<>();
      try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, shardPrefix(runId) + "*")) {
        for (Path p : s) {
          Matcher m = SHARD.matcher(p.getFileName().toString());
          if (m.matches() && m.group(1).equals(runId)) {
            shards.add(p);
          }
        }
      }
      shards.sort(null);
      ObjectNode head = head(dir);
      ObjectNode d = AuditEvent.JSON.createObjectNode();
      d.put("digest_version", 1);
      d.put("run_id", runId);
      d.put("created", AuditEvent.formatTime(Instant.now()));
      d.put("seq", head == null ? 0 : head.get("seq").asLong() + 1);
      if (head == null) {
        d.putNull("previous_digest");
      } else {
        d.putObject("previous_digest")
            .put("file", "digest-" + head.get("run_id").asText() + ".json")
            .put("hash", head.get("hash").asText());
      }
      ArrayNode list = d.putArray("shards");
      for (Path p : shards) {
        ShardSummary s = summarize(p);
        list.addObject().put("file", s.file()).put("lines", s.lines())
            .put("last_hash", s.lastHash());
      }
      d.put("hash", hasher.hash(CanonicalJson.bytes(d)));
      Path tmp = dir.resolve(".digest-" + runId + ".tmp");
      Files.write(tmp, (CanonicalJson.string(d) + "\n").getBytes(StandardCharsets.UTF_8));
      try (FileChannel f = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        f.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException e) {
        Files.deleteIfExists(tmp);
        throw new AuditException(target + " exists: run ids must not repeat");
      }
      return d;
    }
  }

  /**
   * The newest digest in {@code dir} as {@code {"file","hash"}}, or null when there is none (for
   * manifests: the state of the trail when a run starts).
   */
  public static ObjectNode latest(Path dir) throws IOException {
    ObjectNode h = head(dir);
    if (h == null) {
      return null;
    }
    return AuditEvent.JSON.createObjectNode()
        .put("file", "digest-" + h.get("run_id").asText() + ".json")
        .put("hash", h.get("hash").asText());
  }

  /** The digest with the highest sequence number in {@code dir}, or null. */
  static ObjectNode head(Path dir) throws IOException {
    ObjectNode best = null;
    for (Path p : digests(dir)) {
      try {
        JsonNode n = AuditEvent.JSON.readTree(p.toFile());
        if (n instanceof ObjectNode o && o.path("seq").isIntegralNumber()
            && (best == null || o.get("seq").asLong() > best.get("seq").asLong())) {
          best = o;
        }
      } catch (IOException e) {
        // An unreadable digest is the verifier's to report; the chain continues from the newest
        // readable one.
      }
    }
    return best;
  }

  static List<Path> digests(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "digest-*.json")) {
      for (Path p : s) {
        if (DIGEST.matcher(p.getFileName().toString()).matches()) {
          out.add(p);
        }
      }
    }
    out.sort(null);
    return out;
  }
}
