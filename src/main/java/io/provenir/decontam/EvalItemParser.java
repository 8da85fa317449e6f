package io.provenir.decontam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.provenir.record.Sensitive;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Turns a line of an eval set (a JSON object) into an {@link EvalEntry}: the text at the eval
 * field, the id at the id field (or the line's location). The eval field is a field name or JSON
 * Pointer; by default the first of {@code /question}, {@code /prompt}, {@code /text} that the line
 * has.
 */
public final class EvalItemParser implements Serializable {

  private static final long serialVersionUID = 1L;
  public static final List<String> DEFAULT_FIELDS = List.of("/question", "/prompt", "/text");
  private static final ObjectReader READER = new ObjectMapper().reader();

  private final String benchmark;
  private final String field;
  private final String idField;

  /**
   * @param field field name or JSON Pointer; null or empty for the default
   * @param idField field name or JSON Pointer of the item id; null for {@code id}
   */
  public EvalItemParser(String benchmark, String field, String idField) {
    this.benchmark = benchmark;
    this.field = field == null || field.isBlank() ? null : pointer(field);
    this.idField = pointer(idField == null ? "id" : idField);
  }

  private static String pointer(String f) {
    return f.startsWith("/") ? f : "/" + f;
  }

  /**
   * Parses one line.
   *
   * @param locator where the line is ({@code file:line}), the id when the line has none
   * @throws IllegalArgumentException saying what is wrong (never quoting the line)
   */
  public EvalEntry parse(String line, String locator) {
    JsonNode n;
    try {
      n = READER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON (at column "
          + e.getLocation().getColumnNr() + ")");
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    String text = null;
    if (field != null) {
      JsonNode v = n.at(field);
      if (!v.isTextual()) {
        throw new IllegalArgumentException((v.isMissingNode() ? "no field " : "no string at ")
            + field + fieldsHint(n));
      }
      text = v.asText();
    } else {
      for (String f : DEFAULT_FIELDS) {
        if (n.at(f).isTextual()) {
          text = n.at(f).asText();
          break;
        }
      }
      if (text == null) {
        throw new IllegalArgumentException("none of " + String.join(", ", DEFAULT_FIELDS)
            + " is a string here; name the field (run --eval-field, embed --field, or 'field' in"
            + " the spec)" + fieldsHint(n));
      }
    }
    JsonNode id = n.at(idField);
    // An id holding PII or a secret must not name the item in the outputs: its location does.
    String itemId = id.isValueNode() && !id.isNull() && !Sensitive.holdsFinding(id.asText())
        ? id.asText() : locator;
    return new EvalEntry(benchmark, itemId, text, null);
  }

  /** The line's field names, those that do not look like names counted, not shown. */
  private static String fieldsHint(JsonNode n) {
    List<String> names = new ArrayList<>();
    int others = 0;
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (names.size() < 12 && Shown.looksLikeAName(name)) {
        names.add(name);
      } else {
        others++;
      }
    }
    if (others > 0) {
      names.add(others + (others == 1 ? " other field" : " other fields"));
    }
    return " (the line has: " + (names.isEmpty() ? "no fields" : String.join(", ", names)) + ")";
  }

  /**
   * The names that locate items without an id in {@code paths} (one eval set's files): each file's
   * name, with as many parent directories before it as make it differ from the others' names
   * ({@code algebra/test.jsonl} and {@code history/test.jsonl} for MMLU's one file per subject),
   * so that {@code <name>:<line>} ids never repeat across the files.
   */
  public static java.util.Map<String, String> locatorNames(List<String> paths) {
    java.util.Map<String, String> names = new java.util.LinkedHashMap<>();
    for (int n = 1; names.size() < new java.util.HashSet<>(paths).size(); n++) {
      int parts = n;
      java.util.Map<String, List<String>> byName = new java.util.HashMap<>();
      for (String p : paths) {
        if (!names.containsKey(p)) {
          byName.computeIfAbsent(lastParts(p, parts), k -> new ArrayList<>()).add(p);
        }
      }
      for (java.util.Map.Entry<String, List<String>> e : byName.entrySet()) {
        if (e.getValue().size() == 1) {
          names.put(e.getValue().get(0), e.getKey());
        } else if (e.getValue().stream().allMatch(
            p -> lastParts(p, parts + 1).equals(lastParts(p, parts)))) {
          // No more parts to tell them apart (a/b and /a/b; the same path twice): each is named
          // by itself.
          e.getValue().forEach(p -> names.put(p, p));
        }
      }
    }
    java.util.Map<String, String> ordered = new java.util.LinkedHashMap<>();
    paths.forEach(p -> ordered.put(p, names.get(p)));
    return ordered;
  }

  /** The last {@code n} '/'-separated parts of {@code path} (a trailing '/' ignored). */
  private static String lastParts(String path, int n) {
    int end = path.endsWith("/") ? path.length() - 1 : path.length();
    int at = end;
    for (int k = 0; k < n && at > 0; k++) {
      at = path.lastIndexOf('/', at - 1);
      if (at < 0) {
        return path.substring(0, end);
      }
    }
    return path.substring(at + 1, end);
  }

  /**
   * Reads every item of a local JSONL file, gzip-compressed when its name ends with .gz (blank
   * lines skipped).
   *
   * @throws IllegalArgumentException naming the file and line at fault
   */
  public List<EvalEntry> readFile(Path file) {
    return readFile(file, file.getFileName().toString());
  }

  /**
   * {@link #readFile(Path)}, with items without an id named {@code <name>:<line>} (a name from
   * {@link #locatorNames}, when the file is one of several).
   */
  public List<EvalEntry> readFile(Path file, String name) {
    byte[] bytes;
    try (java.io.InputStream raw = Files.newInputStream(file);
        java.io.InputStream in = file.getFileName().toString().endsWith(".gz")
            ? new java.util.zip.GZIPInputStream(raw, 1 << 16) : raw) {
      bytes = in.readAllBytes(); // an eval set fits in memory (the index holds it all)
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such file");
    } catch (IOException e) {
      throw new IllegalArgumentException(file + (Files.isDirectory(file) ? ": a directory"
          : ": cannot read (" + e.getMessage() + ")"));
    }
    // Line by line, so that invalid UTF-8 is named with its line.
    List<String> lines = new ArrayList<>();
    java.nio.charset.CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
    // Lines end at \n, \r\n or a lone \r, as BufferedReader (and so a run) reads them.
    for (int start = 0; start < bytes.length; ) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
        end++;
      }
      try {
        lines.add(utf8.decode(java.nio.ByteBuffer.wrap(bytes, start, end - start)).toString());
      } catch (java.nio.charset.CharacterCodingException e) {
        throw new IllegalArgumentException(file + ":" + (lines.size() + 1) + ": not valid UTF-8");
      }
      start = end + (end + 1 < bytes.length && bytes[end] == '\r' && bytes[end + 1] == '\n'
          ? 2 : 1);
    }
    List<EvalEntry> out = new ArrayList<>();
    java.util.Map<String, Long> idLines = new java.util.HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      String locator = name + ":" + (i + 1);
      EvalEntry e;
      try {
        e = parse(lines.get(i), locator);
      } catch (IllegalArgumentException x) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + x.getMessage());
      }
      Long first = idLines.putIfAbsent(e.id(), i + 1L);
      if (first != null) {
        throw new IllegalArgumentException(repeatedId(file.toString(), i + 1, e.id(), first));
      }
      out.add(e);
    }
    return out;
  }

  /**
   * The message for item {@code id} at {@code file}:{@code line} repeating the id of the item at
   * {@code firstLine} (the id shown only when it looks like a name): ids are unique in a set.
   */
  public static String repeatedId(String file, long line, String id, long firstLine) {
    return file + ":" + line + ": item id " + Shown.name(id) + " repeats the id of line "
        + firstLine + "; ids must be unique within a set";
  }

  /**
   * The message for item {@code id} of {@code file} repeating the id of an item of
   * {@code otherFile}.
   */
  public static String repeatedId(String file, String id, String otherFile) {
    return file + ": item id " + Shown.name(id) + " repeats the id of an item of " + otherFile
        + "; ids must be unique within a set";
  }
}
