package io.provenir.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends events to {@code <dir>/audit.jsonl}, one canonical JSON line each, hash-chained.
 *
 * <pre>{@code
 * AuditLogger audit = new AuditLogger("artifacts/audit");
 * audit.log("training_start", "ci-bot", Map.of("run_id", "abc123", "config_hash", "sha256:..."));
 * audit.log("eval_complete", "ci-bot", "run_id", "abc123", "exact_match", 0.81);
 * audit.event("eval_complete").actor("ci-bot").with("exact_match", 0.81).log();
 * List<AuditEvent> events = audit.read();
 * }</pre>
 *
 * <ul>
 *   <li><b>Concurrency</b>: each append holds an exclusive lock on the file (an OS file lock, so
 *       other processes wait too, and a lock per file within this JVM) while it reads the last
 *       event, computes the next one and writes it with one write call. Lines never interleave and
 *       no event is lost.
 *   <li><b>Durability</b>: by default the file is forced to disk ({@code fsync}) before
 *       {@link #log} returns. {@link #withFsync withFsync(false)} leaves that to the OS: faster,
 *       but events of the last seconds can be lost in a power cut (never torn or reordered).
 *   <li><b>Crashes</b>: a process that dies mid-write can leave one last line without its newline.
 *       {@link #read} reports and skips it; the next writer fences it off with a newline and logs
 *       an {@code audit_repaired} event (the fragment's length and hash) chained to the last whole
 *       event, so nothing before it is lost and the verifier can tell a crash from an edit.
 * </ul>
 *
 * Thread-safe. Values are written as given: never log a secret or a raw PII value.
 */
public final class AuditLogger {

  public static final String FILE = "audit.jsonl";
  private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private final Path file;
  private final boolean fsync;
  private final ChainHasher hasher;
  private final Clock clock;

  /** A logger writing to {@code <dir>/audit.jsonl}, hashing with {@link ChainHasher#fromEnvironment}. */
  public AuditLogger(String dir) {
    this(Path.of(dir));
  }

  public AuditLogger(Path dir) {
    this(dir.resolve(FILE).toAbsolutePath().normalize(), true, ChainHasher.fromEnvironment(),
        Clock.systemUTC());
  }

  private AuditLogger(Path file, boolean fsync, ChainHasher hasher, Clock clock) {
    this.file = file;
    this.fsync = fsync;
    this.hasher = hasher;
    this.clock = clock;
  }

  /** With {@code false}, {@link #log} does not wait for the disk (see above). */
  public AuditLogger withFsync(boolean sync) {
    return new AuditLogger(file, sync, hasher, clock);
  }

  /** Another hasher (e.g. an HMAC key from elsewhere than the environment). */
  public AuditLogger withHasher(ChainHasher h) {
    return new AuditLogger(file, fsync, h, clock);
  }

  AuditLogger withClock(Clock c) {
    return new AuditLogger(file, fsync, hasher, c);
  }

  public Path file() {
    return file;
  }

  /** Logs {@code event} by {@code actor} with {@code fields}; returns it once it is written. */
  public AuditEvent log(String event, String actor, Map<String, ?> fields) {
    return append(event, actor, fields);
  }

  /**
   * Logs {@code event} by {@code actor} with fields given as name, value, name, value...: {@code
   * audit.log("eval_complete", "ci-bot", "run_id", "abc123", "exact_match", 0.81)}.
   */
  public AuditEvent log(String event, String actor, Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("fields come in name, value pairs");
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (!(namesAndValues[i] instanceof String name)) {
        throw new IllegalArgumentException("field name " + (i / 2 + 1) + " is not a string");
      }
      fields.put(name, namesAndValues[i + 1]);
    }
    return append(event, actor, fields);
  }

  /** Starts an event to build fluently: {@code audit.event("x").actor("a").with("k", v).log()}. */
  public Builder event(String event) {
    return new Builder(event);
  }

  /** A fluent event. */
  public final class Builder {
    private final String event;
    private String actor;
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private Builder(String event) {
      this.event = event;
    }

    public Builder actor(String a) {
      actor = a;
      return this;
    }

    public Builder with(String name, Object value) {
      fields.put(name, value);
      return this;
    }

    public AuditEvent log() {
      return append(event, actor, fields);
    }
  }

  /** The valid events of the file, in order (incomplete or invalid lines skipped; see {@link #problems}). */
  public List<AuditEvent> read() {
    List<AuditEvent> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    try (AuditLines lines = AuditLines.open(file)) {
      for (AuditLines.Line l : lines) {
        if (l.event() != null && l.terminated()) {
          out.add(l.event());
        }
      }
    } catch (IOException e) {
      throw new AuditException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
    return out;
  }

  /** The lines {@link #read} skipped, as {@code audit.jsonl:<line>: <why>}. */
  public List<String> problems() {
    List<String> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    try (AuditLines lines = AuditLines.open(file)) {
      for (AuditLines.Line l : lines) {
        if (!l.terminated()) {
          out.add(FILE + ":" + l.number() + ": incomplete last line (" + l.text().length()
              + " characters; a crash mid-write?), skipped");
        } else if (l.event() == null) {
          out.add(FILE + ":" + l.number() + ": not an audit event (" + l.problem() + "), skipped");
        }
      }
    } catch (IOException e) {
      throw new AuditException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
    return out;
  }

  private AuditEvent append(String event, String actor, Map<String, ?> fields) {
    // Validate before taking the lock.
    AuditEvent.create(0, Instant.EPOCH, event, actor, fields, ChainHasher.GENESIS, hasher);
    ReentrantLock local = LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
    local.lock();
    try {
      Files.createDirectories(file.getParent());
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
              StandardOpenOption.READ, StandardOpenOption.WRITE);
          FileLock lock = ch.lock()) {
        Tail tail = Tail.read(ch, file);
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        long seq = tail.seq + 1;
        String prev = tail.hash;
        AuditEvent unterminated = tail.fragment == null ? null : tail.wholeEvent(hasher);
        if (unterminated != null) {
          // A whole event that lost only its newline (a crash between the two writes): the
          // verifier reads it as the event it is once the newline is there, so it is not a
          // fragment to fence off but the chain's last link.
          out.write('\n');
          seq = unterminated.seq() + 1;
          prev = unterminated.hash();
        } else if (tail.fragment != null) {
          out.write('\n'); // fence off the crash fragment
          AuditEvent repaired = AuditEvent.create(seq++, clock.instant(), "audit_repaired",
              "provenir", Map.of("fragment_bytes", tail.fragment.length,
                  "fragment_sha256", ChainHasher.sha256Of(tail.fragment)), prev, hasher);
          out.write(repaired.line().getBytes(StandardCharsets.UTF_8));
          out.write('\n');
          prev = repaired.hash();
        }
        AuditEvent e = AuditEvent.create(seq, clock.instant(), event, actor, fields, prev, hasher);
        out.write(e.line().getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        ByteBuffer buf = ByteBuffer.wrap(out.toByteArray());
        long at = ch.size();
        while (buf.hasRemaining()) {
          at += ch.write(buf, at);
        }
        if (fsync) {
          ch.force(true);
        }
        return e;
      }
    } catch (IOException e) {
      throw new AuditException(file + ": cannot append (" + e.getMessage() + ")", e);
    } finally {
      local.unlock();
    }
  }

  /** The end of the file: the last whole event and any unterminated fragment after it. */
  private static final class Tail {
    long seq = -1;
    String hash = ChainHasher.GENESIS;
    byte[] fragment;

    static Tail read(FileChannel ch, Path file) throws IOException {
      Tail t = new Tail();
      long size = ch.size();
      if (size == 0) {
        return t;
      }
      // Read backwards until the last complete line is in the buffer.
      int chunk = 8192;
      byte[] data = new byte[0];
      long from = size;
      int lastNewline = -1;
      int prevNewline = -1;
      while (true) {
        long start = Math.max(0, from - chunk);
        byte[] more = new byte[(int) (from - start)];
        ByteBuffer b = ByteBuffer.wrap(more);
        while (b.hasRemaining()) {
          if (ch.read(b, start + b.position()) < 0) {
            break;
          }
        }
        byte[] joined = new byte[more.length + data.length];
        System.arraycopy(more, 0, joined, 0, more.length);
        System.arraycopy(data, 0, joined, more.length, data.length);
        data = joined;
        from = start;
        lastNewline = lastIndexOf(data, data.length - 1);
        prevNewline = lastNewline < 0 ? -1 : lastIndexOf(data, lastNewline - 1);
        if (prevNewline >= 0 || from == 0) {
          break;
        }
        chunk *= 2;
      }
      if (lastNewline < data.length - 1) {
        t.fragment = java.util.Arrays.copyOfRange(data, lastNewline + 1, data.length);
      }
      if (lastNewline < 0) {
        return t; // only a fragment: the chain starts afresh after it
      }
      String last = new String(data, prevNewline + 1, lastNewline - prevNewline - 1,
          StandardCharsets.UTF_8);
      AuditEvent e;
      try {
        e = AuditEvent.parse(last);
      } catch (IllegalArgumentException x) {
        throw new AuditException(file + ": the last line is not an audit event (" + x.getMessage()
            + "); the trail may have been edited: run 'provenir audit verify'");
      }
      t.seq = e.seq();
      t.hash = e.hash();
      return t;
    }

    /**
     * The fragment as the event that continues the chain (next seq, linked to the last whole
     * event, hash verified, written in canonical form), or null when it is not one.
     */
    AuditEvent wholeEvent(ChainHasher hasher) {
      String text = new String(fragment, StandardCharsets.UTF_8);
      try {
        AuditEvent e = AuditEvent.parse(text);
        return e.seq() == seq + 1 && e.prevHash().equals(hash) && e.hashMatches(hasher)
            && e.line().equals(text) ? e : null;
      } catch (IllegalArgumentException x) {
        return null;
      }
    }

    private static int lastIndexOf(byte[] data, int from) {
      for (int i = from; i >= 0; i--) {
        if (data[i] == '\n') {
          return i;
        }
      }
      return -1;
    }
  }
}
