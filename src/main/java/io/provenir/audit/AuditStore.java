package io.provenir.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The read side of an audit directory: {@code audit.jsonl} and every run's shards, merged in
 * timestamp order (ties: in the order a run's events happen, {@link RunEvents#order}; then
 * {@code audit.jsonl} first, then shards by name, then line), filtered, as
 * the raw lines stored on disk. {@code audit.jsonl} is streamed (it can grow large); each shard
 * holds one run's few events and is sorted in memory. Lines that hold no valid event are left out
 * here and reported by {@link AuditVerifier}.
 */
public final class AuditStore {

  private final Path dir;

  public AuditStore(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** Writes the matching lines, each followed by a newline; returns how many. */
  public long write(AuditQuery q, OutputStream out) throws IOException {
    List<Iterator<AuditLines.Line>> sources = new ArrayList<>();
    List<AutoCloseable> open = new ArrayList<>();
    try {
      Path log = dir.resolve(AuditLogger.FILE);
      if (Files.exists(log)) {
        AuditLines lines = AuditLines.open(log);
        open.add(lines);
        sources.add(lines.iterator());
      }
      for (Path shard : shards()) {
        List<AuditLines.Line> all = new ArrayList<>();
        try (AuditLines lines = AuditLines.open(shard)) {
          lines.forEach(all::add);
        }
        all.removeIf(l -> l.event() == null || !l.terminated());
        all.sort(Comparator.comparing((AuditLines.Line l) -> l.event().timestamp())
            .thenComparingInt(l -> RunEvents.order(l.event().event()))
            .thenComparingLong(AuditLines.Line::number));
        sources.add(all.iterator());
      }
      record Head(AuditLines.Line line, int source) {}
      PriorityQueue<Head> heap = new PriorityQueue<>(Comparator
          .comparing((Head h) -> h.line().event().timestamp())
          .thenComparingInt(h -> RunEvents.order(h.line().event().event()))
          .thenComparingInt(Head::source)
          .thenComparingLong(h -> h.line().number()));
      for (int i = 0; i < sources.size(); i++) {
        AuditLines.Line l = nextValid(sources.get(i));
        if (l != null) {
          heap.add(new Head(l, i));
        }
      }
      long n = 0;
      while (!heap.isEmpty()) {
        Head h = heap.poll();
        if (q.matches(h.line().event())) {
          out.write(h.line().text().getBytes(StandardCharsets.UTF_8));
          out.write('\n');
          n++;
        }
        AuditLines.Line next = nextValid(sources.get(h.source()));
        if (next != null) {
          heap.add(new Head(next, h.source()));
        }
      }
      out.flush();
      return n;
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      for (AutoCloseable c : open) {
        try {
          c.close();
        } catch (Exception e) {
          // closing a reader
        }
      }
    }
  }

  private static AuditLines.Line nextValid(Iterator<AuditLines.Line> it) {
    while (it.hasNext()) {
      AuditLines.Line l = it.next();
      if (l.event() != null && l.terminated()) {
        return l;
      }
    }
    return null;
  }

  private List<Path> shards() throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "events-*.jsonl")) {
      for (Path p : s) {
        if (AuditDigest.SHARD.matcher(p.getFileName().toString()).matches()) {
          out.add(p);
        }
      }
    }
    out.sort(null);
    return out;
  }
}
