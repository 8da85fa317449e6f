package io.provenir.decontam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provenir.record.Sensitive;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A precomputed eval embedding set, as {@code provenir embed} writes it: a directory of three
 * files that a Python user can read with the standard library and numpy.
 *
 * <ul>
 *   <li>{@code meta.json}: {@code format}, {@code format_version}, {@code model} (the embedder's
 *       model id), {@code dimension}, {@code items}, {@code vectors}, {@code eval_window_words},
 *       {@code field}, {@code sources}.
 *   <li>{@code items.jsonl}: one line per item, {@code {"id", "windows", "text"}}; the item's
 *       vectors are the next {@code windows} rows of {@code vectors.f32}.
 *   <li>{@code vectors.f32}: little-endian float32, row-major, {@code vectors × dimension}
 *       ({@code numpy.fromfile(p, "<f4").reshape(-1, dimension)}); rows are L2-normalised.
 * </ul>
 */
public final class EmbeddingSet {

  public static final String FORMAT = "provenir-eval-embeddings";
  public static final int FORMAT_VERSION = 1;
  public static final String META = "meta.json";
  public static final String ITEMS = "items.jsonl";
  public static final String VECTORS = "vectors.f32";

  private static final ObjectMapper JSON = new ObjectMapper();

  private EmbeddingSet() {}

  /** What {@code meta.json} says. */
  public record Meta(String model, int dimension, int items, int vectors, int evalWindowWords,
      String field, List<String> sources) {}

  /**
   * Reads {@code meta.json}.
   *
   * @throws IllegalArgumentException when it is not an embedding set's meta file
   */
  public static Meta readMeta(InputStream in) throws IOException {
    JsonNode n;
    try {
      n = JSON.readTree(in);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(META + " is not valid JSON (line "
          + e.getLocation().getLineNr() + ")");
    }
    if (n == null || !FORMAT.equals(n.path("format").asText())) {
      throw new IllegalArgumentException("not a Provenir eval embedding set (meta.json has no"
          + " \"format\": \"" + FORMAT + "\")");
    }
    if (n.path("format_version").asInt() != FORMAT_VERSION) {
      throw new IllegalArgumentException("embedding set format version "
          + n.path("format_version").asInt() + " is not supported (this Provenir reads "
          + FORMAT_VERSION + ")");
    }
    List<String> sources = new ArrayList<>();
    n.path("sources").forEach(s -> sources.add(s.asText()));
    return new Meta(n.path("model").asText(), n.path("dimension").asInt(),
        n.path("items").asInt(), n.path("vectors").asInt(), n.path("eval_window_words").asInt(),
        n.path("field").asText(null), sources);
  }

  /**
   * Checks that a set can be used with {@code embedder}.
   *
   * @throws IllegalArgumentException saying why not
   */
  public static void checkCompatible(Meta meta, Embedder embedder) {
    if (!meta.model().equals(embedder.modelId())) {
      throw new IllegalArgumentException("it was embedded by '" + meta.model() + "', but this run"
          + " embeds with '" + embedder.modelId() + "'; re-run provenir embed");
    }
    if (meta.dimension() != embedder.dimension()) {
      throw new IllegalArgumentException("its vectors have " + meta.dimension()
          + " dimensions, the model's have " + embedder.dimension());
    }
    if (meta.evalWindowWords() != EvalIndex.EVAL_WINDOW_WORDS) {
      throw new IllegalArgumentException("it was cut into windows of " + meta.evalWindowWords()
          + " words, this version uses " + EvalIndex.EVAL_WINDOW_WORDS + "; re-run provenir embed");
    }
  }

  /**
   * Reads the items and their vectors as entries of {@code benchmark} (texts kept for the n-gram
   * check; vectors dropped when {@code withVectors} is false).
   */
  public static List<EvalEntry> readEntries(Meta meta, InputStream items, InputStream vectors,
      String benchmark, boolean withVectors) throws IOException {
    List<EvalEntry> out = new ArrayList<>(meta.items());
    DataInputStream v = new DataInputStream(new java.io.BufferedInputStream(vectors, 1 << 16));
    byte[] row = new byte[4 * meta.dimension()];
    int line = 0;
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(items, StandardCharsets.UTF_8))) {
      for (String s = r.readLine(); s != null; s = r.readLine()) {
        line++;
        if (s.isBlank()) {
          continue;
        }
        JsonNode n;
        try {
          n = JSON.readTree(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IllegalArgumentException(ITEMS + ":" + line + ": not valid JSON");
        }
        int windows = n.path("windows").asInt(-1);
        // A blank item has no windows (nothing to embed), as when the set is read from JSONL.
        if (!n.path("id").isValueNode() || !n.path("text").isTextual() || windows < 0
            || windows == 0 && !n.path("text").asText().isBlank()) {
          throw new IllegalArgumentException(ITEMS + ":" + line + ": expected {\"id\", \"windows\","
              + " \"text\"}");
        }
        float[][] vecs = new float[windows][];
        for (int w = 0; w < windows; w++) {
          try {
            v.readFully(row);
          } catch (EOFException e) {
            throw new IllegalArgumentException(VECTORS + " ends before the vectors of "
                + ITEMS + ":" + line);
          }
          float[] f = new float[meta.dimension()];
          ByteBuffer.wrap(row).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
          vecs[w] = f;
        }
        // embed names such items by their location; a set made otherwise is read the same way
        String id = n.get("id").asText();
        out.add(new EvalEntry(benchmark, Sensitive.holdsFinding(id) ? ITEMS + ":" + line : id,
            n.get("text").asText(), withVectors ? vecs : null));
      }
    }
    // A set cut short (or grown) since it was made would quietly change the benchmark's size.
    if (out.size() != meta.items()) {
      throw new IllegalArgumentException(ITEMS + " has " + out.size() + " items, " + META
          + " says " + meta.items() + "; re-run provenir embed");
    }
    if (v.read() >= 0) {
      throw new IllegalArgumentException(VECTORS + " has more vectors than " + ITEMS
          + " has windows; re-run provenir embed");
    }
    return out;
  }

  /** Writes {@code entries} (with vectors) as an embedding set. */
  public static void write(List<EvalEntry> entries, Embedder embedder, String field,
      List<String> sources, OutputStream meta, OutputStream items, OutputStream vectors)
      throws IOException {
    int rows = 0;
    Writer w = new BufferedWriter(new OutputStreamWriter(items, StandardCharsets.UTF_8));
    ByteBuffer buf = ByteBuffer.allocate(4 * embedder.dimension()).order(ByteOrder.LITTLE_ENDIAN);
    OutputStream vout = new java.io.BufferedOutputStream(vectors, 1 << 16);
    for (EvalEntry e : entries) {
      ObjectNode n = JSON.createObjectNode();
      n.put("id", e.id());
      n.put("windows", e.vectors().length);
      n.put("text", e.text());
      w.write(JSON.writeValueAsString(n));
      w.write('\n');
      for (float[] v : e.vectors()) {
        buf.clear();
        buf.asFloatBuffer().put(v);
        vout.write(buf.array());
        rows++;
      }
    }
    w.flush();
    vout.flush();
    ObjectNode m = JSON.createObjectNode();
    m.put("format", FORMAT);
    m.put("format_version", FORMAT_VERSION);
    m.put("model", embedder.modelId());
    m.put("dimension", embedder.dimension());
    m.put("items", entries.size());
    m.put("vectors", rows);
    m.put("eval_window_words", EvalIndex.EVAL_WINDOW_WORDS);
    m.put("field", field);
    sources.forEach(m.putArray("sources")::add);
    meta.write(JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(m));
    meta.write('\n');
    meta.flush();
  }

  /** Embeds the windows of {@code entries} ({@code threads} at a time) and returns them with vectors. */
  public static List<EvalEntry> embed(List<EvalEntry> entries, Embedder embedder, int threads) {
    List<String> windows = new ArrayList<>();
    int[] counts = new int[entries.size()];
    for (int i = 0; i < entries.size(); i++) {
      List<String> w = EvalIndex.evalWindows(entries.get(i).text());
      windows.addAll(w);
      counts[i] = w.size();
    }
    float[][] v = Embedders.embedParallel(embedder, windows, threads);
    List<EvalEntry> out = new ArrayList<>(entries.size());
    int at = 0;
    for (int i = 0; i < entries.size(); i++) {
      EvalEntry e = entries.get(i);
      float[][] mine = new float[counts[i]][];
      System.arraycopy(v, at, mine, 0, counts[i]);
      at += counts[i];
      out.add(new EvalEntry(e.benchmark(), e.id(), e.text(), mine));
    }
    return out;
  }
}
