package io.provenir.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provenir.decontam.Decontaminator;
import io.provenir.record.Finding;
import io.provenir.record.JsonPointers;
import io.provenir.scan.Category;
import java.io.IOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts of a run's outcomes, mergeable in any order (a commutative monoid), so that each bundle
 * keeps one tally and a global combine adds them up. Serializable because Beam's global combine
 * ships its default (empty) value inside a DoFn. Contains counts, types, sources and pointer
 * patterns; never a value from a record. Not thread-safe.
 */
public final class Tally implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Per input file: lines (blank included), blank lines, bytes. */
  private final Map<String, long[]> sources = new TreeMap<>();
  private long clean;
  private long masked;
  private long quarantined;
  private long deadLetter;
  private long piiRecords;
  private long secretRecords;
  private long piiFindings;
  private long secretFindings;
  private long secretsAllowed;
  private final Map<String, Long> deadLetterByError = new TreeMap<>();
  private long deadLetterSecretLines;
  private final Map<String, Long> deadLetterSecretsByType = new TreeMap<>();
  private final Map<String, Long> piiByType = new TreeMap<>();
  private final Map<String, Long> piiFields = new TreeMap<>();
  private final Map<String, Long> secretsByType = new TreeMap<>();
  private final Map<String, Long> secretFields = new TreeMap<>();
  private long contaminated;
  private long decontamChecked;
  /** Sum of SHA-256 of every clean line, mod 2^256: a hash of the clean records' multiset. */
  /** The clean lines' hash sum mod 2^256, as four 64-bit words, least significant first. */
  private final long[] cleanContent = new long[4];
  private transient java.security.MessageDigest sha256;
  private long cleanBytes;
  /** Per benchmark: records matched, by semantic only, by n-gram only, by both. */
  private final Map<String, long[]> benchmarkRecords = new TreeMap<>();
  private final Map<String, java.util.TreeSet<String>> itemsHit = new TreeMap<>();
  private final Map<String, long[]> histograms = new TreeMap<>();
  private final Map<String, Long> benchmarkItems = new TreeMap<>();

  /** Bins of the per-benchmark score histogram: 20 bins, 0.05 wide, from 0 to 1. */
  public static final int HISTOGRAM_BINS = 20;

  /** Counts lines read from {@code source}. */
  public void addSourceLines(String source, long lines, long blank, long bytes) {
    long[] s = sources.computeIfAbsent(source, k -> new long[3]);
    s[0] += lines;
    s[1] += blank;
    s[2] += bytes;
  }

  /** Registers a source with no lines (an empty file still appears in the report). */
  public void addSource(String source) {
    sources.computeIfAbsent(source, k -> new long[3]);
  }

  /** Counts a record written to clean/ ({@code masked}: PII in it was replaced). */
  public void addClean(List<Finding> findings, boolean wasMasked) {
    clean++;
    if (wasMasked) {
      masked++;
    }
    addFindings(findings);
  }

  /**
   * Counts a record written to contaminated/: per benchmark it matched, the record and the eval
   * items it matched.
   */
  public void addContaminated(List<Finding> findings, Decontaminator.Verdict v) {
    contaminated++;
    addFindings(findings);
    java.util.Set<String> benchmarks = new java.util.TreeSet<>();
    Map<String, java.util.Set<String>> methods = new TreeMap<>();
    for (Decontaminator.Match m : v.matches()) {
      benchmarks.add(m.benchmark());
      methods.computeIfAbsent(m.benchmark(), k -> new HashSet<>()).add(m.method());
      itemsHit.computeIfAbsent(m.benchmark(), k -> new java.util.TreeSet<>()).add(m.evalId());
    }
    for (String b : benchmarks) {
      long[] c = benchmarkRecords.computeIfAbsent(b, k -> new long[4]);
      c[0]++;
      java.util.Set<String> how = methods.get(b);
      if (how.contains("both") || (how.contains("semantic") && how.contains("ngram"))) {
        c[3]++;
      } else if (how.contains("semantic")) {
        c[1]++;
      } else {
        c[2]++;
      }
    }
  }

  /**
   * Counts a record that was checked for contamination, into the score histogram of the benchmark
   * it is most similar to (when the semantic method ran).
   */
  public void addDecontamChecked(Decontaminator.Verdict v) {
    decontamChecked++;
    if (v.bestBenchmark() != null && !Double.isNaN(v.bestScore())) {
      long[] h = histograms.computeIfAbsent(v.bestBenchmark(), k -> new long[HISTOGRAM_BINS]);
      int bin = (int) Math.floor(Math.max(0, Math.min(0.999999, v.bestScore())) * HISTOGRAM_BINS);
      h[bin]++;
    }
  }

  /** Records the number of items of each benchmark (the same from every bundle). */
  public void setBenchmarkItems(Map<String, Integer> sizes) {
    sizes.forEach((k, v) -> benchmarkItems.merge(k, (long) v, Math::max));
  }

  public long contaminated() {
    return contaminated;
  }

  public long decontamChecked() {
    return decontamChecked;
  }

  /** Per benchmark: {records matched, semantic only, n-gram only, both}. */
  public Map<String, long[]> benchmarkRecords() {
    return benchmarkRecords;
  }

  /** Per benchmark: the ids of the eval items matched. */
  public Map<String, java.util.TreeSet<String>> itemsHit() {
    return itemsHit;
  }

  /** Per benchmark: records checked, by best score, in {@link #HISTOGRAM_BINS} bins. */
  public Map<String, long[]> histograms() {
    return histograms;
  }

  public Map<String, Long> benchmarkItems() {
    return benchmarkItems;
  }


  /**
   * Adds a clean output line (without its newline) to the content hash: the sum, mod 2^256, of
   * the SHA-256 of every line, which does not depend on the order or sharding of the lines.
   */
  public void addCleanContent(byte[] line) {
    if (sha256 == null) {
      try {
        sha256 = java.security.MessageDigest.getInstance("SHA-256");
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    byte[] d = sha256.digest(line);
    long[] words = new long[4];
    for (int w = 0; w < 4; w++) {
      long v = 0;
      for (int b = 0; b < 8; b++) {
        v = v << 8 | (d[32 - 8 * (w + 1) + b] & 0xFF);
      }
      words[w] = v;
    }
    addWords(cleanContent, words);
    cleanBytes += line.length + 1;
  }

  /** {@code sum += add}, mod 2^256 (the carry out of the top word is dropped). */
  private static void addWords(long[] sum, long[] add) {
    long carry = 0;
    for (int w = 0; w < 4; w++) {
      long a = sum[w];
      long r = a + add[w] + carry;
      carry = Long.compareUnsigned(r, a) < 0 || carry == 1 && r == a ? 1 : 0;
      sum[w] = r;
    }
  }

  private java.math.BigInteger cleanContentValue() {
    byte[] b = new byte[32];
    for (int w = 0; w < 4; w++) {
      for (int k = 0; k < 8; k++) {
        b[32 - 8 * (w + 1) + k] = (byte) (cleanContent[w] >>> (56 - 8 * k));
      }
    }
    return new java.math.BigInteger(1, b);
  }

  /** The clean records' multiset hash, {@code sha256-sum:<64 hex>}. */
  public String cleanContentHash() {
    return "sha256-sum:" + String.format("%016x%016x%016x%016x", cleanContent[3],
        cleanContent[2], cleanContent[1], cleanContent[0]);
  }

  /** Bytes written to clean/ (newlines included). */
  public long cleanBytes() {
    return cleanBytes;
  }

  /** Counts secrets that the user's allowlist allowed. */
  public void addAllowedSecrets(long n) {
    secretsAllowed += n;
  }

  public long secretsAllowed() {
    return secretsAllowed;
  }

  public void addQuarantined(List<Finding> findings) {
    quarantined++;
    addFindings(findings);
  }

  public void addDeadLetter(String error) {
    addDeadLetter(error, List.of());
  }

  /** A dead letter, with the types of the secrets its line held (redacted in its excerpt). */
  public void addDeadLetter(String error, List<String> secretTypes) {
    deadLetter++;
    deadLetterByError.merge(error, 1L, Long::sum);
    if (!secretTypes.isEmpty()) {
      deadLetterSecretLines++;
      secretTypes.forEach(t -> deadLetterSecretsByType.merge(t, 1L, Long::sum));
    }
  }

  /** Dead-lettered lines that held a secret. */
  public long deadLetterSecretLines() {
    return deadLetterSecretLines;
  }

  public Map<String, Long> deadLetterSecretsByType() {
    return deadLetterSecretsByType;
  }

  private void addFindings(List<Finding> findings) {
    boolean pii = false;
    boolean secret = false;
    for (Finding f : findings) {
      String field = JsonPointers.forReport(f.pointer());
      if (f.category() == Category.PII) {
        pii = true;
        piiFindings++;
        piiByType.merge(f.type(), 1L, Long::sum);
        piiFields.merge(field, 1L, Long::sum);
      } else {
        secret = true;
        secretFindings++;
        secretsByType.merge(f.type(), 1L, Long::sum);
        secretFields.merge(field, 1L, Long::sum);
      }
    }
    if (pii) {
      piiRecords++;
    }
    if (secret) {
      secretRecords++;
    }
  }

  /** Adds {@code other} into this tally. */
  public Tally merge(Tally other) {
    other.sources.forEach((k, v) -> addSourceLines(k, v[0], v[1], v[2]));
    clean += other.clean;
    masked += other.masked;
    quarantined += other.quarantined;
    deadLetter += other.deadLetter;
    piiRecords += other.piiRecords;
    secretRecords += other.secretRecords;
    piiFindings += other.piiFindings;
    secretFindings += other.secretFindings;
    secretsAllowed += other.secretsAllowed;
    mergeMap(deadLetterByError, other.deadLetterByError);
    deadLetterSecretLines += other.deadLetterSecretLines;
    mergeMap(deadLetterSecretsByType, other.deadLetterSecretsByType);
    mergeMap(piiByType, other.piiByType);
    mergeMap(piiFields, other.piiFields);
    mergeMap(secretsByType, other.secretsByType);
    mergeMap(secretFields, other.secretFields);
    contaminated += other.contaminated;
    decontamChecked += other.decontamChecked;
    addWords(cleanContent, other.cleanContent);
    cleanBytes += other.cleanBytes;
    other.benchmarkRecords.forEach((k, v) -> addInto(benchmarkRecords, k, v, 4));
    other.itemsHit.forEach((k, v) -> itemsHit.computeIfAbsent(k, x -> new java.util.TreeSet<>())
        .addAll(v));
    other.histograms.forEach((k, v) -> addInto(histograms, k, v, HISTOGRAM_BINS));
    other.benchmarkItems.forEach((k, v) -> benchmarkItems.merge(k, v, Math::max));
    return this;
  }

  private static void addInto(Map<String, long[]> into, String key, long[] v, int size) {
    long[] t = into.computeIfAbsent(key, k -> new long[size]);
    for (int i = 0; i < size; i++) {
      t[i] += v[i];
    }
  }

  private static void mergeMap(Map<String, Long> into, Map<String, Long> from) {
    from.forEach((k, v) -> into.merge(k, v, Long::sum));
  }

  public boolean isEmpty() {
    return sources.isEmpty() && clean == 0 && quarantined == 0 && deadLetter == 0
        && secretsAllowed == 0 && contaminated == 0 && decontamChecked == 0
        && benchmarkItems.isEmpty();
  }

  public long inputLines() {
    return sum(0);
  }

  public long blankLines() {
    return sum(1);
  }

  public long inputBytes() {
    return sum(2);
  }

  private long sum(int i) {
    long t = 0;
    for (long[] s : sources.values()) {
      t += s[i];
    }
    return t;
  }

  public long clean() {
    return clean;
  }

  public long masked() {
    return masked;
  }

  public long quarantined() {
    return quarantined;
  }

  public long deadLetter() {
    return deadLetter;
  }

  public long piiRecords() {
    return piiRecords;
  }

  public long secretRecords() {
    return secretRecords;
  }

  public long piiFindings() {
    return piiFindings;
  }

  public long secretFindings() {
    return secretFindings;
  }

  public Map<String, Long> deadLetterByError() {
    return deadLetterByError;
  }

  public Map<String, Long> piiByType() {
    return piiByType;
  }

  public Map<String, Long> piiFields() {
    return piiFields;
  }

  public Map<String, Long> secretsByType() {
    return secretsByType;
  }

  public Map<String, Long> secretFields() {
    return secretFields;
  }

  /** Per source: {lines, blank, bytes}. */
  public Map<String, long[]> sources() {
    return sources;
  }

  /** Whether every input line is accounted for exactly once. */
  public boolean reconciles() {
    return inputLines() == clean + quarantined + contaminated + deadLetter + blankLines();
  }

  // ---- serialisation (for the Beam coder and for tests) ----

  public byte[] toJsonBytes() {
    ObjectNode n = MAPPER.createObjectNode();
    ObjectNode src = n.putObject("sources");
    sources.forEach((k, v) -> src.putArray(k).add(v[0]).add(v[1]).add(v[2]));
    n.put("clean", clean).put("masked", masked).put("quarantined", quarantined)
        .put("deadLetter", deadLetter).put("piiRecords", piiRecords)
        .put("secretRecords", secretRecords).put("piiFindings", piiFindings)
        .put("secretFindings", secretFindings).put("secretsAllowed", secretsAllowed);
    putMap(n, "deadLetterByError", deadLetterByError);
    n.put("deadLetterSecretLines", deadLetterSecretLines);
    putMap(n, "deadLetterSecretsByType", deadLetterSecretsByType);
    putMap(n, "piiByType", piiByType);
    putMap(n, "piiFields", piiFields);
    putMap(n, "secretsByType", secretsByType);
    putMap(n, "secretFields", secretFields);
    n.put("contaminated", contaminated).put("decontamChecked", decontamChecked);
    n.put("cleanContent", cleanContentValue().toString(16)).put("cleanBytes", cleanBytes);
    ObjectNode br = n.putObject("benchmarkRecords");
    benchmarkRecords.forEach((k, v) -> putLongs(br.putArray(k), v));
    ObjectNode ih = n.putObject("itemsHit");
    itemsHit.forEach((k, v) -> v.forEach(ih.withArray(k)::add));
    ObjectNode hs = n.putObject("histograms");
    histograms.forEach((k, v) -> putLongs(hs.putArray(k), v));
    putMap(n, "benchmarkItems", benchmarkItems);
    try {
      return MAPPER.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Tally fromJsonBytes(byte[] bytes) {
    try {
      JsonNode n = MAPPER.readTree(bytes);
      Tally t = new Tally();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.get("sources").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        t.addSourceLines(e.getKey(), e.getValue().get(0).asLong(), e.getValue().get(1).asLong(),
            e.getValue().get(2).asLong());
      }
      t.clean = n.get("clean").asLong();
      t.masked = n.get("masked").asLong();
      t.quarantined = n.get("quarantined").asLong();
      t.deadLetter = n.get("deadLetter").asLong();
      t.piiRecords = n.get("piiRecords").asLong();
      t.secretRecords = n.get("secretRecords").asLong();
      t.piiFindings = n.get("piiFindings").asLong();
      t.secretFindings = n.get("secretFindings").asLong();
      t.secretsAllowed = n.path("secretsAllowed").asLong();
      readMap(n.get("deadLetterByError"), t.deadLetterByError);
      t.deadLetterSecretLines = n.path("deadLetterSecretLines").asLong();
      if (n.has("deadLetterSecretsByType")) {
        readMap(n.get("deadLetterSecretsByType"), t.deadLetterSecretsByType);
      }
      readMap(n.get("piiByType"), t.piiByType);
      readMap(n.get("piiFields"), t.piiFields);
      readMap(n.get("secretsByType"), t.secretsByType);
      readMap(n.get("secretFields"), t.secretFields);
      t.contaminated = n.path("contaminated").asLong();
      t.decontamChecked = n.path("decontamChecked").asLong();
      java.math.BigInteger c = new java.math.BigInteger(n.path("cleanContent").asText("0"), 16);
      for (int w = 0; w < 4; w++) {
        t.cleanContent[w] = c.shiftRight(64 * w).longValue();
      }
      t.cleanBytes = n.path("cleanBytes").asLong();
      n.path("benchmarkRecords").fields().forEachRemaining(
          e -> t.benchmarkRecords.put(e.getKey(), longs(e.getValue())));
      n.path("itemsHit").fields().forEachRemaining(e -> {
        java.util.TreeSet<String> ids = new java.util.TreeSet<>();
        e.getValue().forEach(x -> ids.add(x.asText()));
        t.itemsHit.put(e.getKey(), ids);
      });
      n.path("histograms").fields().forEachRemaining(
          e -> t.histograms.put(e.getKey(), longs(e.getValue())));
      if (n.has("benchmarkItems")) {
        readMap(n.get("benchmarkItems"), t.benchmarkItems);
      }
      return t;
    } catch (IOException e) {
      throw new IllegalArgumentException("not a serialised Tally", e);
    }
  }

  private static void putLongs(com.fasterxml.jackson.databind.node.ArrayNode a, long[] v) {
    for (long x : v) {
      a.add(x);
    }
  }

  private static long[] longs(JsonNode a) {
    long[] v = new long[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = a.get(i).asLong();
    }
    return v;
  }

  private static void putMap(ObjectNode n, String name, Map<String, Long> m) {
    ObjectNode o = n.putObject(name);
    m.forEach(o::put);
  }

  private static void readMap(JsonNode n, Map<String, Long> into) {
    n.fields().forEachRemaining(e -> into.put(e.getKey(), e.getValue().asLong()));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tally t && java.util.Arrays.equals(toJsonBytes(), t.toJsonBytes());
  }

  @Override
  public int hashCode() {
    return Objects.hash(clean, quarantined, deadLetter);
  }

  @Override
  public String toString() {
    return new String(toJsonBytes(), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The distinct finding types of {@code category} in {@code findings}. */
  public static Set<String> typesOf(List<Finding> findings, Category category) {
    Set<String> s = new HashSet<>();
    for (Finding f : findings) {
      if (f.category() == category) {
        s.add(f.type());
      }
    }
    return s;
  }
}
