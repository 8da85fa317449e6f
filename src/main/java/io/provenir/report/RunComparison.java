package io.provenir.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Compares two runs' output directories as a runner migration needs it: each output (clean,
 * quarantine, contaminated, dead-letter, findings) as a multiset of lines, whatever the sharding
 * or order, and the report's and manifest's counts and content hash. Lines are compared by a
 * 64-bit prefix of their SHA-256 (8 bytes a line in memory); a difference is reported by count
 * and by the file and line number of its first occurrence, never by content, since outputs such
 * as dead letters and quarantine hold raw data.
 */
public final class RunComparison {

  /** The outputs compared, by directory name. */
  public static final List<String> OUTPUTS = List.of("clean", "quarantine", "contaminated",
      "dead-letter", "findings");

  /** Report sections that must agree; paths, times, run ids and the runner may differ. */
  static final List<String> REPORT_SECTIONS = List.of("status", "counts", "reconciliation",
      "dataset", "inputs", "pii", "secrets", "decontamination", "dead_letter", "outputs");

  /** Keys that name where a run wrote or when; dropped before comparing. */
  static final Set<String> LOCAL_KEYS = Set.of("path", "files", "output_dir", "run_id",
      "start_time", "end_time");

  private static final ObjectMapper JSON = new ObjectMapper();

  private RunComparison() {}

  /**
   * One output of both runs.
   *
   * @param firstOnlyA where the first line found only in A (more often in A than in B) is, or null
   */
  public record OutputDiff(String name, boolean inA, boolean inB, long linesA, long linesB,
      long onlyA, long onlyB, String firstOnlyA, String firstOnlyB) {

    public boolean same() {
      return inA == inB && onlyA == 0 && onlyB == 0;
    }
  }

  /** The comparison: per output, then the report and manifest fields that differ. */
  public record Result(List<OutputDiff> outputs, List<String> reportDiffs) {

    public boolean identical() {
      return reportDiffs.isEmpty() && outputs.stream().allMatch(OutputDiff::same);
    }
  }

  /** Compares the run output directories {@code a} and {@code b}. */
  public static Result compare(Path a, Path b) throws IOException {
    for (Path d : List.of(a, b)) {
      if (!Files.isDirectory(d)) {
        throw new NoSuchFileException(d + ": not a run output directory");
      }
      if (!Files.isRegularFile(d.resolve("report.json"))) { // every finished run writes one
        throw new NoSuchFileException(d + ": not a run output directory ("
            + (Files.exists(d.resolve("report.json")) ? "report.json is not a file"
                : "no report.json") + ")");
      }
    }
    List<OutputDiff> outputs = new ArrayList<>();
    for (String name : OUTPUTS) {
      outputs.add(compareOutput(name, a.resolve(name), b.resolve(name)));
    }
    List<String> diffs = new ArrayList<>();
    JsonNode ra = readJson(a.resolve("report.json"));
    JsonNode rb = readJson(b.resolve("report.json"));
    if (ra == null || rb == null) {
      diffs.add("report.json: " + (ra == null ? "missing in A" : "missing in B"));
    } else {
      for (String section : REPORT_SECTIONS) {
        diff("report." + section, strip(ra.path(section)), strip(rb.path(section)), diffs);
      }
    }
    JsonNode ma = readJson(a.resolve("manifest.json"));
    JsonNode mb = readJson(b.resolve("manifest.json"));
    if ((ma == null) != (mb == null)) {
      diffs.add("manifest.json: " + (ma == null ? "missing in A" : "missing in B"));
    } else if (ma != null) {
      diff("manifest.dataset", strip(ma.path("dataset")), strip(mb.path("dataset")), diffs);
      diff("manifest.governance", strip(ma.path("governance")), strip(mb.path("governance")),
          diffs);
    }
    return new Result(outputs, diffs);
  }

  static OutputDiff compareOutput(String name, Path a, Path b) throws IOException {
    boolean inA = Files.isDirectory(a);
    boolean inB = Files.isDirectory(b);
    long[] ha = inA ? hashes(a) : new long[0];
    long[] hb = inB ? hashes(b) : new long[0];
    Arrays.sort(ha);
    Arrays.sort(hb);
    long onlyA = 0;
    long onlyB = 0;
    long firstA = 0;
    long firstB = 0;
    boolean foundA = false;
    boolean foundB = false;
    int i = 0;
    int j = 0;
    while (i < ha.length || j < hb.length) {
      if (j == hb.length || (i < ha.length && ha[i] < hb[j])) {
        if (!foundA) {
          firstA = ha[i];
          foundA = true;
        }
        onlyA++;
        i++;
      } else if (i == ha.length || hb[j] < ha[i]) {
        if (!foundB) {
          firstB = hb[j];
          foundB = true;
        }
        onlyB++;
        j++;
      } else {
        i++;
        j++;
      }
    }
    return new OutputDiff(name, inA, inB, ha.length, hb.length, onlyA, onlyB,
        foundA ? locate(a, firstA) : null, foundB ? locate(b, firstB) : null);
  }

  /** The 64-bit line hashes of every file in an output directory. */
  static long[] hashes(Path dir) throws IOException {
    long[] out = new long[1024];
    int n = 0;
    MessageDigest md = sha256();
    for (Path f : files(dir)) {
      try (BufferedReader r = reader(f)) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          if (n == out.length) {
            out = Arrays.copyOf(out, n * 2);
          }
          out[n++] = hash(md, line);
        }
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** {@code file:line} of the first line in {@code dir} with hash {@code h}. */
  static String locate(Path dir, long h) throws IOException {
    MessageDigest md = sha256();
    for (Path f : files(dir)) {
      try (BufferedReader r = reader(f)) {
        long no = 0;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          no++;
          if (hash(md, line) == h) {
            return dir.getFileName() + "/" + f.getFileName() + ":" + no;
          }
        }
      }
    }
    return null;
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted().toList();
    }
  }

  private static BufferedReader reader(Path f) throws IOException {
    InputStream in = Files.newInputStream(f);
    if (f.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The first 8 bytes of the line's SHA-256, with {@code md} reused line after line. */
  static long hash(MessageDigest md, String line) {
    byte[] d = md.digest(line.getBytes(StandardCharsets.UTF_8));
    long h = 0;
    for (int k = 0; k < 8; k++) {
      h = (h << 8) | (d[k] & 0xff);
    }
    return h;
  }

  private static JsonNode readJson(Path f) throws IOException {
    if (!Files.isRegularFile(f)) {
      return null;
    }
    try {
      JsonNode n = JSON.readTree(f.toFile());
      if (n == null || n.isMissingNode() || !n.isObject()) { // Jackson reads an empty file so
        throw new IOException(f + ": not a JSON object" + (n == null || n.isMissingNode()
            ? " (the file is empty)" : ""));
      }
      return n;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IOException(f + ": not valid JSON (line " + e.getLocation().getLineNr() + ")");
    }
  }

  /** A copy of {@code n} without the keys that depend on where and when a run wrote. */
  static JsonNode strip(JsonNode n) {
    if (n.isObject()) {
      ObjectNode o = JSON.createObjectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!LOCAL_KEYS.contains(e.getKey())) {
          o.set(e.getKey(), strip(e.getValue()));
        }
      }
      return o;
    }
    return n;
  }

  /** Appends {@code path: a != b} for each scalar that differs (counts and hashes only). */
  static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
    if (a.isObject() && b.isObject()) {
      Set<String> keys = new java.util.TreeSet<>();
      a.fieldNames().forEachRemaining(keys::add);
      b.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        diff(path + "." + k, a.path(k), b.path(k), out);
      }
    } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
      for (int i = 0; i < a.size(); i++) {
        diff(path + "[" + i + "]", a.get(i), b.get(i), out);
      }
    } else if (!a.equals(b)) {
      out.add(path + ": " + shown(a) + " != " + shown(b));
    }
  }

  private static String shown(JsonNode n) {
    if (n.isMissingNode()) {
      return "(missing)";
    }
    String s = n.isContainerNode() ? n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)
        + " of " + n.size() : n.toString();
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }
}
