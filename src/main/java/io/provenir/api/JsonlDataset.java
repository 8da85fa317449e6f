package io.provenir.api;

import io.provenir.io.InputReadException;
import io.provenir.io.LineReader;
import io.provenir.record.BadRecordException;
import io.provenir.record.DeadLetter;
import io.provenir.record.JsonRecordParser;
import io.provenir.record.JsonlLine;
import io.provenir.record.JsonlRecord;
import io.provenir.record.SourceRef;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;

/**
 * A JSONL dataset on local disk: one or more files ({@code .jsonl}, or {@code .jsonl.gz}), read
 * lazily and streamed, so memory does not grow with the dataset. Immutable: {@link #filter} and
 * {@link PIIMasker#mask} return new datasets that apply their step as records stream by.
 *
 * <p>Lines that are not JSON objects are not records: {@link #badLines()} lists them with their
 * error, as the pipeline's dead-letter output does. Blank lines are skipped.
 */
public final class JsonlDataset {

  private static final int MAX_RECORD_BYTES = 64 << 20;

  private final List<Path> files;
  private final String idField;
  /**
   * The steps ({@link #filter}, {@link #map}) in the order they were added, as one function: a
   * record, the record after them, or null when a filter dropped it. A filter sees the record as
   * the steps before it left it.
   */
  private final Function<JsonlRecord, JsonlRecord> steps;

  /** The records' id field (name or JSON Pointer), or null when records have none. */
  String idField() {
    return idField;
  }

  private JsonlDataset(List<Path> files, String idField,
      Function<JsonlRecord, JsonlRecord> steps) {
    this.files = List.copyOf(files);
    this.idField = idField;
    this.steps = steps;
  }

  /**
   * A dataset of {@code path}: a file, a directory (its {@code *.jsonl} and {@code *.jsonl.gz}
   * files) or a glob in the last path segment ({@code data/train-*.jsonl}). Record ids come from
   * the {@code id} field.
   *
   * @throws IllegalArgumentException when nothing matches
   */
  public static JsonlDataset fromJsonl(String path) {
    return fromJsonl(Path.of(path));
  }

  /** See {@link #fromJsonl(String)}. */
  public static JsonlDataset fromJsonl(Path path) {
    return new JsonlDataset(resolve(path), "id", Function.identity());
  }

  /** This dataset with record ids taken from {@code field} (a name or a JSON Pointer). */
  public JsonlDataset withIdField(String field) {
    return new JsonlDataset(files, field, steps);
  }

  /**
   * The records for which {@code keep} holds, as they read at this point: a filter before
   * {@link PIIMasker#mask} sees the records unmasked, one after it sees them masked.
   */
  public JsonlDataset filter(Predicate<DatasetRecord> keep) {
    Function<JsonlRecord, JsonlRecord> before = steps;
    return new JsonlDataset(files, idField, r -> {
      JsonlRecord x = before.apply(r);
      return x != null && keep.test(new DatasetRecord(x.outputAsRaw())) ? x : null;
    });
  }

  /** This dataset with {@code step} applied to each record (used by {@link PIIMasker}). */
  JsonlDataset map(Function<JsonlRecord, JsonlRecord> step) {
    Function<JsonlRecord, JsonlRecord> before = steps;
    return new JsonlDataset(files, idField, r -> {
      JsonlRecord x = before.apply(r);
      return x == null ? null : step.apply(x);
    });
  }

  public List<Path> files() {
    return files;
  }

  /**
   * The records, streamed from disk. Close the stream (try-with-resources) when not reading to
   * the end.
   */
  public Stream<DatasetRecord> records() {
    return lines().filter(l -> l.record != null)
        .map(l -> steps.apply(l.record))
        .filter(java.util.Objects::nonNull)
        .map(r -> new DatasetRecord(r.outputAsRaw()));
  }

  /** Lines that are not records: not UTF-8, not JSON, not an object, or too large. */
  public Stream<DeadLetter> badLines() {
    return lines().filter(l -> l.bad != null).map(l -> l.bad);
  }

  /** The number of records (reads the dataset). */
  public long count() {
    try (Stream<DatasetRecord> s = records()) {
      return s.count();
    }
  }

  /**
   * Writes the records to {@code target} as JSONL, atomically (a temporary file renamed into
   * place).
   *
   * @throws FileAlreadyExistsException when {@code target} exists
   */
  public void save(Path target) throws IOException {
    if (Files.exists(target)) {
      throw new FileAlreadyExistsException(target.toString(), null,
          "will not overwrite an existing file");
    }
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
        Stream<DatasetRecord> s = records()) {
      for (Iterator<DatasetRecord> it = s.iterator(); it.hasNext(); ) {
        out.write(it.next().record().raw());
        out.write('\n');
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
  }

  /** A parsed line: a record or a bad line. */
  private record Parsed(JsonlRecord record, DeadLetter bad) {}

  private Stream<Parsed> lines() {
    JsonRecordParser parser = new JsonRecordParser(idField);
    LineIterator it = new LineIterator(parser);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED
        | Spliterator.NONNULL), false).onClose(it::closeQuietly);
  }

  /** Reads the files one after the other; closes each at its end, or when the stream closes. */
  private final class LineIterator implements Iterator<Parsed> {
      private final JsonRecordParser parser;
      private int file = -1;
      private InputStream in;
      private LineReader reader;
      private long lineNo;
      private String source;
      private Parsed next;

      LineIterator(JsonRecordParser parser) {
        this.parser = parser;
      }

      @Override
      public boolean hasNext() {
        try {
          while (next == null) {
            if (reader == null || !reader.next()) {
              if (!openNext()) {
                return false;
              }
              continue;
            }
            lineNo++;
            if (!reader.blank()) {
              next = parse(new JsonlLine(new SourceRef(source, lineNo, reader.offset()),
                  reader.bytes(), reader.length(), reader.oversize()), parser);
            }
          }
          return true;
        } catch (IOException e) {
          throw new UncheckedIOException(source == null ? e
              : new InputReadException(source, lineNo, e));
        }
      }

      @Override
      public Parsed next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Parsed p = next;
        next = null;
        return p;
      }

      private boolean openNext() throws IOException {
        close();
        if (++file >= files.size()) {
          return false;
        }
        Path f = files.get(file);
        source = f.toString(); // named if opening fails
        lineNo = 0;
        InputStream raw = new BufferedInputStream(Files.newInputStream(f), 1 << 16);
        try {
          in = f.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
        } catch (IOException e) {
          raw.close(); // not gzip (the header is read here)
          throw e;
        }
        reader = new LineReader(in, 0, MAX_RECORD_BYTES, 1024);
        return true;
      }

      void close() throws IOException {
        if (in != null) {
          in.close();
          in = null;
          reader = null;
        }
      }

      void closeQuietly() {
        try {
          close();
        } catch (IOException e) {
          // nothing was written; the stream is done with
        }
      }
  }

  private static Parsed parse(JsonlLine line, JsonRecordParser parser) {
    if (line.oversize()) {
      return new Parsed(null, new DeadLetter(line.ref(), null, "JsonlDataset",
          DeadLetter.ERROR_TOO_LARGE, "the line has " + line.length() + " bytes", "", true,
          line.length()));
    }
    try {
      return new Parsed(JsonlRecord.parse(line, parser), null);
    } catch (BadRecordException e) {
      return new Parsed(null, new DeadLetter(line.ref(), null, "JsonlDataset", e.code(),
          e.getMessage(), "", true, line.length()));
    }
  }

  private static List<Path> resolve(Path path) {
    List<Path> out = new ArrayList<>();
    try {
      if (Files.isRegularFile(path)) {
        out.add(path);
      } else if (Files.isDirectory(path)) {
        try (Stream<Path> s = Files.list(path)) {
          s.filter(p -> Files.isRegularFile(p)
                  && p.getFileName().toString().matches(".*\\.jsonl(\\.gz)?")).sorted()
              .forEach(out::add);
        }
      } else {
        Path dir = path.toAbsolutePath().getParent();
        PathMatcher m = dir.getFileSystem().getPathMatcher("glob:" + path.getFileName());
        if (Files.isDirectory(dir)) {
          try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> Files.isRegularFile(p) && m.matches(p.getFileName())).sorted()
                .forEach(out::add);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no JSONL file matches " + path);
    }
    return out;
  }
}
