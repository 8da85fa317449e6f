package io.provenir.decontam;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The eval embedding set and n-gram set, compact and immutable: what every worker receives as a
 * side input.
 *
 * <ul>
 *   <li>Vectors: one L2-normalised row per eval window, in one contiguous {@code float[]} (4 bytes
 *       × dimension per window: 1.5 KiB for MiniLM's 384), scored against a query by a blocked
 *       scan that the JIT vectorises.
 *   <li>N-grams: the sorted 64-bit hashes of every item's word n-grams with the item each came
 *       from (12 bytes per n-gram). An item shorter than {@code n} words contributes one n-gram of
 *       its own length (if it has at least {@link #MIN_NGRAM} words); shorter items are not
 *       checked by n-grams.
 * </ul>
 */
public final class EvalIndex implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Eval items longer than this many words also get windows of at most this many words. */
  public static final int EVAL_WINDOW_WORDS = 64;
  /** Eval items with fewer words than this are not checked by n-grams. */
  public static final int MIN_NGRAM = 5;
  private static final int BLOCK = 256;

  private final String[] benchmarks;
  private final int[] benchmarkItems;
  private final String[] itemIds;
  private final int[] itemBenchmark;

  private final String modelId;
  private final int dim;
  private final int rows;
  /** Row-major vectors, rows × dim. */
  private final float[] vectors;
  private final int[] rowItem;
  private final int trainingWindowWords;
  private transient volatile float[][] blocked;

  private final int n;
  private final long[] ngramKeys;
  private final int[] ngramItem;
  private final int[] itemNgrams;
  private final int[] itemNgramSize;
  private final int[] ngramSizes;

  private EvalIndex(String[] benchmarks, int[] benchmarkItems, String[] itemIds,
      int[] itemBenchmark, String modelId, int dim, float[] vectors, int[] rowItem,
      int trainingWindowWords, int n, long[] ngramKeys, int[] ngramItem, int[] itemNgrams,
      int[] itemNgramSize, int[] ngramSizes) {
    this.benchmarks = benchmarks;
    this.benchmarkItems = benchmarkItems;
    this.itemIds = itemIds;
    this.itemBenchmark = itemBenchmark;
    this.modelId = modelId;
    this.dim = dim;
    this.rows = rowItem.length;
    this.vectors = vectors;
    this.rowItem = rowItem;
    this.trainingWindowWords = trainingWindowWords;
    this.n = n;
    this.ngramKeys = ngramKeys;
    this.ngramItem = ngramItem;
    this.itemNgrams = itemNgrams;
    this.itemNgramSize = itemNgramSize;
    this.ngramSizes = ngramSizes;
  }

  /** The texts of an eval item's windows, whose vectors {@link EvalEntry#vectors} holds. */
  public static List<String> evalWindows(String text) {
    List<String> out = new ArrayList<>();
    for (TextWindows.Span s : TextWindows.forEval(text, EVAL_WINDOW_WORDS)) {
      out.add(text.substring(s.start(), s.end()));
    }
    return out;
  }

  /**
   * Builds the index of {@code entries} (any order; sorted by benchmark and id here so the result
   * does not depend on it).
   *
   * @param n the n-gram size
   * @param modelId the embedder's model id, or null when no entry has vectors
   * @param benchmarkNames every benchmark, including any with no items
   * @throws IllegalArgumentException when some entries have vectors and others do not, when
   *     vectors differ in dimension, or an id repeats within a benchmark
   */
  public static EvalIndex build(Collection<EvalEntry> entries, int n, String modelId,
      Collection<String> benchmarkNames) {
    if (n < 1) {
      throw new IllegalArgumentException("n-gram size must be at least 1, not " + n);
    }
    List<EvalEntry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(EvalEntry::benchmark).thenComparing(EvalEntry::id));
    TreeSet<String> names = new TreeSet<>(benchmarkNames);
    sorted.forEach(e -> names.add(e.benchmark()));
    String[] benchmarks = names.toArray(new String[0]);
    Map<String, Integer> benchmarkIndex = new HashMap<>();
    for (int i = 0; i < benchmarks.length; i++) {
      benchmarkIndex.put(benchmarks[i], i);
    }
    int items = sorted.size();
    String[] itemIds = new String[items];
    int[] itemBenchmark = new int[items];
    int[] benchmarkItems = new int[benchmarks.length];
    boolean withVectors = items > 0 && sorted.get(0).vectors() != null;
    int dim = 0;
    int rows = 0;
    for (int i = 0; i < items; i++) {
      EvalEntry e = sorted.get(i);
      if (i > 0 && e.benchmark().equals(sorted.get(i - 1).benchmark())
          && e.id().equals(sorted.get(i - 1).id())) {
        throw new EvalSetException("eval set '" + e.benchmark() + "' has two items with"
            + " id " + Shown.name(e.id()) + " (in two of its files, or in its embedding set);"
            + " ids must be unique within a set");
      }
      itemIds[i] = e.id();
      itemBenchmark[i] = benchmarkIndex.get(e.benchmark());
      benchmarkItems[itemBenchmark[i]]++;
      if ((e.vectors() != null) != withVectors) {
        throw new IllegalArgumentException("eval items mix embedded and not embedded entries");
      }
      if (withVectors) {
        for (float[] v : e.vectors()) {
          if (dim == 0) {
            dim = v.length;
          } else if (v.length != dim) {
            throw new IllegalArgumentException("eval vectors differ in dimension: " + dim
                + " and " + v.length);
          }
          rows++;
        }
      }
    }
    float[] vectors = new float[rows * dim];
    int[] rowItem = new int[rows];
    int[] itemWords = new int[items];
    int r = 0;
    for (int i = 0; i < items; i++) {
      EvalEntry e = sorted.get(i);
      itemWords[i] = TextWindows.words(e.text());
      if (withVectors) {
        for (float[] v : e.vectors()) {
          System.arraycopy(v, 0, vectors, r * dim, dim);
          rowItem[r++] = i;
        }
      }
    }
    int[] sortedWords = itemWords.clone();
    Arrays.sort(sortedWords);
    int median = items == 0 ? 0 : sortedWords[items / 2];
    int trainingWindow = Math.max(32, Math.min(128, Math.round(median * 1.5f)));

    // n-grams: (hash, item) pairs, deduplicated per item, sorted by hash, in primitive arrays.
    long[] keys = new long[1024];
    int[] keyItem = new int[1024];
    int pairs = 0;
    int[] itemNgrams = new int[items];
    int[] itemNgramSize = new int[items];
    TreeSet<Integer> sizes = new TreeSet<>();
    for (int i = 0; i < items; i++) {
      long[] words = Ngrams.wordHashes(sorted.get(i).text());
      if (words.length < MIN_NGRAM) {
        continue;
      }
      int size = Math.min(n, words.length);
      sizes.add(size);
      itemNgramSize[i] = size;
      long[] grams = new long[words.length - size + 1];
      for (int p = 0; p < grams.length; p++) {
        grams[p] = Ngrams.ngram(words, p, size);
      }
      Arrays.sort(grams);
      for (int p = 0; p < grams.length; p++) {
        if (p > 0 && grams[p] == grams[p - 1]) {
          continue;
        }
        if (pairs == keys.length) {
          keys = Arrays.copyOf(keys, pairs * 2);
          keyItem = Arrays.copyOf(keyItem, pairs * 2);
        }
        keys[pairs] = grams[p];
        keyItem[pairs++] = i;
        itemNgrams[i]++;
      }
    }
    keys = Arrays.copyOf(keys, pairs);
    keyItem = Arrays.copyOf(keyItem, pairs);
    sortPairs(keys, keyItem, 0, pairs - 1);
    int[] ngramSizes = sizes.descendingSet().stream().mapToInt(Integer::intValue).toArray();
    return new EvalIndex(benchmarks, benchmarkItems, itemIds, itemBenchmark,
        withVectors ? modelId : null, dim, vectors, rowItem, trainingWindow, n, keys, keyItem,
        itemNgrams, itemNgramSize, ngramSizes);
  }

  /** Sorts {@code keys[lo..hi]} ascending, by item for equal keys, moving {@code items} along. */
  private static void sortPairs(long[] keys, int[] items, int lo, int hi) {
    while (hi - lo > 16) {
      int mid = (lo + hi) >>> 1;
      long pk = keys[mid];
      int pi = items[mid];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (less(keys[i], items[i], pk, pi)) {
          i++;
        }
        while (less(pk, pi, keys[j], items[j])) {
          j--;
        }
        if (i <= j) {
          long k = keys[i];
          keys[i] = keys[j];
          keys[j] = k;
          int t = items[i];
          items[i] = items[j];
          items[j] = t;
          i++;
          j--;
        }
      }
      // Recurse into the smaller part, loop on the larger: stack depth stays logarithmic.
      if (j - lo < hi - i) {
        sortPairs(keys, items, lo, j);
        lo = i;
      } else {
        sortPairs(keys, items, i, hi);
        hi = j;
      }
    }
    for (int i = lo + 1; i <= hi; i++) {
      long k = keys[i];
      int t = items[i];
      int j = i - 1;
      while (j >= lo && less(k, t, keys[j], items[j])) {
        keys[j + 1] = keys[j];
        items[j + 1] = items[j];
        j--;
      }
      keys[j + 1] = k;
      items[j + 1] = t;
    }
  }

  private static boolean less(long k1, int i1, long k2, int i2) {
    return k1 < k2 || (k1 == k2 && i1 < i2);
  }

  // ---- description ----

  /** Benchmark names, sorted. */
  public List<String> benchmarks() {
    return List.of(benchmarks);
  }

  /** Items per benchmark. */
  public Map<String, Integer> benchmarkSizes() {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < benchmarks.length; i++) {
      m.put(benchmarks[i], benchmarkItems[i]);
    }
    return m;
  }

  public int items() {
    return itemIds.length;
  }

  public String itemId(int item) {
    return itemIds[item];
  }

  public String itemBenchmark(int item) {
    return benchmarks[itemBenchmark[item]];
  }

  /** The embedder's model id, or null when the index has no vectors. */
  public String modelId() {
    return modelId;
  }

  public boolean hasVectors() {
    return modelId != null;
  }

  public int dimension() {
    return dim;
  }

  /** Number of vectors (eval windows). */
  public int rows() {
    return rows;
  }

  /** Training texts longer than this many words are cut into windows of at most this many. */
  public int trainingWindowWords() {
    return trainingWindowWords;
  }

  public int ngramSize() {
    return n;
  }

  /** Distinct n-grams of {@code item} (0 when it is too short to be checked by n-grams). */
  public int itemNgrams(int item) {
    return itemNgrams[item];
  }

  /** Number of stored n-grams. */
  public int ngrams() {
    return ngramKeys.length;
  }

  /** Approximate heap size in bytes (vectors, n-grams, ids). */
  public long approximateBytes() {
    long b = 4L * vectors.length * 2 + 4L * rowItem.length + 12L * ngramKeys.length;
    for (String id : itemIds) {
      b += 48 + 2L * id.length();
    }
    return b;
  }

  // ---- binary form (the side input's coder) ----

  private static final int MAGIC = 0x50455831; // "PEX1"

  /** Writes this index; {@link #readFrom} reads it back. Arrays are written in bulk. */
  public void writeTo(java.io.DataOutputStream out) throws java.io.IOException {
    out.writeInt(MAGIC);
    writeStrings(out, benchmarks);
    writeInts(out, benchmarkItems);
    writeStrings(out, itemIds);
    writeInts(out, itemBenchmark);
    out.writeBoolean(modelId != null);
    if (modelId != null) {
      out.writeUTF(modelId);
    }
    out.writeInt(dim);
    out.writeInt(trainingWindowWords);
    writeInts(out, rowItem);
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(1 << 16);
    out.writeInt(vectors.length);
    for (int i = 0; i < vectors.length; ) {
      buf.clear();
      int k = Math.min(vectors.length - i, buf.capacity() / 4);
      buf.asFloatBuffer().put(vectors, i, k);
      out.write(buf.array(), 0, 4 * k);
      i += k;
    }
    out.writeInt(n);
    out.writeInt(ngramKeys.length);
    for (int i = 0; i < ngramKeys.length; ) {
      buf.clear();
      int k = Math.min(ngramKeys.length - i, buf.capacity() / 8);
      buf.asLongBuffer().put(ngramKeys, i, k);
      out.write(buf.array(), 0, 8 * k);
      i += k;
    }
    writeInts(out, ngramItem);
    writeInts(out, itemNgrams);
    writeInts(out, itemNgramSize);
    writeInts(out, ngramSizes);
  }

  /** Reads an index written by {@link #writeTo}. */
  public static EvalIndex readFrom(java.io.DataInputStream in) throws java.io.IOException {
    if (in.readInt() != MAGIC) {
      throw new java.io.IOException("not a serialised EvalIndex");
    }
    String[] benchmarks = readStrings(in);
    int[] benchmarkItems = readInts(in);
    String[] itemIds = readStrings(in);
    int[] itemBenchmark = readInts(in);
    String modelId = in.readBoolean() ? in.readUTF() : null;
    int dim = in.readInt();
    int trainingWindowWords = in.readInt();
    int[] rowItem = readInts(in);
    float[] vectors = new float[in.readInt()];
    byte[] chunk = new byte[1 << 16];
    for (int i = 0; i < vectors.length; ) {
      int k = Math.min(vectors.length - i, chunk.length / 4);
      in.readFully(chunk, 0, 4 * k);
      java.nio.ByteBuffer.wrap(chunk, 0, 4 * k).asFloatBuffer().get(vectors, i, k);
      i += k;
    }
    int n = in.readInt();
    long[] keys = new long[in.readInt()];
    for (int i = 0; i < keys.length; ) {
      int k = Math.min(keys.length - i, chunk.length / 8);
      in.readFully(chunk, 0, 8 * k);
      java.nio.ByteBuffer.wrap(chunk, 0, 8 * k).asLongBuffer().get(keys, i, k);
      i += k;
    }
    return new EvalIndex(benchmarks, benchmarkItems, itemIds, itemBenchmark, modelId, dim,
        vectors, rowItem, trainingWindowWords, n, keys, readInts(in), readInts(in), readInts(in),
        readInts(in));
  }

  private static void writeStrings(java.io.DataOutputStream out, String[] a)
      throws java.io.IOException {
    out.writeInt(a.length);
    for (String s : a) {
      byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      out.writeInt(b.length);
      out.write(b);
    }
  }

  private static String[] readStrings(java.io.DataInputStream in) throws java.io.IOException {
    String[] a = new String[in.readInt()];
    for (int i = 0; i < a.length; i++) {
      byte[] b = new byte[in.readInt()];
      in.readFully(b);
      a[i] = new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
    return a;
  }

  private static void writeInts(java.io.DataOutputStream out, int[] a) throws java.io.IOException {
    out.writeInt(a.length);
    for (int x : a) {
      out.writeInt(x);
    }
  }

  private static int[] readInts(java.io.DataInputStream in) throws java.io.IOException {
    int[] a = new int[in.readInt()];
    for (int i = 0; i < a.length; i++) {
      a[i] = in.readInt();
    }
    return a;
  }

  // ---- semantic scoring ----

  /**
   * For each query vector, the similarity to every eval item whose best window reaches
   * {@code threshold}, and the overall best (item, score): {@code consumer} is called with
   * (query index, item, score) for each item at or above the threshold, once per item with its
   * best score; {@code best[q]} gets the best item of query {@code q} (or -1) and
   * {@code bestScore[q]} its score.
   */
  public void scoreAll(float[][] queries, double threshold, int[] best, float[] bestScore,
      ScoreConsumer consumer) {
    float[][] b = blocked();
    for (int q = 0; q < queries.length; q++) {
      best[q] = -1;
      bestScore[q] = -2f;
    }
    List<Map<Integer, Float>> perQuery = new ArrayList<>(queries.length);
    for (int q = 0; q < queries.length; q++) {
      perQuery.add(null);
    }
    float[] zero = new float[dim];
    float[][] s = new float[4][BLOCK];
    int blocks = (rows + BLOCK - 1) / BLOCK;
    // Eval blocks outside, so that a block stays in cache for every query; four queries at a
    // time, so that each eval value loaded feeds four multiply-adds. The inner loop indexes the
    // block row and the sums alike, which lets the JIT vectorise it (measured ~5x faster than a
    // flat array indexed at an offset).
    for (int blk = 0; blk < blocks; blk++) {
      int width = Math.min(BLOCK, rows - blk * BLOCK);
      for (int q0 = 0; q0 < queries.length; q0 += 4) {
        float[] v0 = queries[q0];
        float[] v1 = q0 + 1 < queries.length ? queries[q0 + 1] : zero;
        float[] v2 = q0 + 2 < queries.length ? queries[q0 + 2] : zero;
        float[] v3 = q0 + 3 < queries.length ? queries[q0 + 3] : zero;
        float[] s0 = s[0];
        float[] s1 = s[1];
        float[] s2 = s[2];
        float[] s3 = s[3];
        Arrays.fill(s0, 0f);
        Arrays.fill(s1, 0f);
        Arrays.fill(s2, 0f);
        Arrays.fill(s3, 0f);
        int base = blk * dim;
        int k = 0;
        // Two dimensions per pass over the sums: each sum is loaded and stored once per two
        // multiply-adds, not once per one (the loop was bound by those loads and stores; 1.24x
        // on this machine; three or four dimensions at a time were no faster or not vectorised).
        // Added left to right, in the order of k, the sums are bit for bit those of one dimension
        // at a time (and of scoreItem): Java neither reassociates nor fuses float arithmetic.
        for (; k + 2 <= dim; k += 2) {
          float a0 = v0[k];
          float b0 = v0[k + 1];
          float a1 = v1[k];
          float b1 = v1[k + 1];
          float a2 = v2[k];
          float b2 = v2[k + 1];
          float a3 = v3[k];
          float b3 = v3[k + 1];
          float[] ra = b[base + k];
          float[] rb = b[base + k + 1];
          for (int j = 0; j < BLOCK; j++) {
            float ea = ra[j];
            float eb = rb[j];
            s0[j] = s0[j] + a0 * ea + b0 * eb;
            s1[j] = s1[j] + a1 * ea + b1 * eb;
            s2[j] = s2[j] + a2 * ea + b2 * eb;
            s3[j] = s3[j] + a3 * ea + b3 * eb;
          }
        }
        for (; k < dim; k++) {
          float x0 = v0[k];
          float x1 = v1[k];
          float x2 = v2[k];
          float x3 = v3[k];
          float[] row = b[base + k];
          for (int j = 0; j < BLOCK; j++) {
            float e = row[j];
            s0[j] += x0 * e;
            s1[j] += x1 * e;
            s2[j] += x2 * e;
            s3[j] += x3 * e;
          }
        }
        for (int t = 0; t < 4 && q0 + t < queries.length; t++) {
          int q = q0 + t;
          float[] st = s[t];
          for (int j = 0; j < width; j++) {
            float score = st[j];
            if (score > bestScore[q]) {
              bestScore[q] = score;
              best[q] = rowItem[blk * BLOCK + j];
            }
            if (score >= threshold) {
              Map<Integer, Float> m = perQuery.get(q);
              if (m == null) {
                m = new HashMap<>();
                perQuery.set(q, m);
              }
              m.merge(rowItem[blk * BLOCK + j], score, Math::max);
            }
          }
        }
      }
    }
    for (int q = 0; q < queries.length; q++) {
      Map<Integer, Float> m = perQuery.get(q);
      if (m != null) {
        int qq = q;
        new TreeMap<>(m).forEach((item, score) -> consumer.accept(qq, item, score));
      }
    }
  }

  /** The best similarity of {@code query} to {@code item}'s windows. */
  public float scoreItem(float[] query, int item) {
    float best = -2f;
    int lo = firstRow(item);
    for (int r = lo; r < rows && rowItem[r] == item; r++) {
      float d = 0f;
      int off = r * dim;
      for (int k = 0; k < dim; k++) {
        d += query[k] * vectors[off + k];
      }
      best = Math.max(best, d);
    }
    return best;
  }

  private int firstRow(int item) {
    int lo = 0;
    int hi = rows;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (rowItem[mid] < item) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Receives scores from {@link #scoreAll}. */
  @FunctionalInterface
  public interface ScoreConsumer {
    void accept(int query, int item, float score);
  }

  /**
   * Vectors regrouped in blocks of {@value #BLOCK} rows: {@code blocked[block * dim + k][j]} is
   * dimension {@code k} of row {@code block * BLOCK + j} (zero past the last row).
   */
  private float[][] blocked() {
    float[][] b = blocked;
    if (b == null) {
      int blocks = (rows + BLOCK - 1) / BLOCK;
      b = new float[blocks * dim][BLOCK];
      for (int r = 0; r < rows; r++) {
        int blk = r / BLOCK;
        int j = r % BLOCK;
        for (int k = 0; k < dim; k++) {
          b[blk * dim + k][j] = vectors[r * dim + k];
        }
      }
      blocked = b;
    }
    return b;
  }

  // ---- n-grams ----

  /** N-gram hits of one text, per eval item. */
  public record NgramHit(int item, int matches, int firstWord, int endWord) {}

  /**
   * The eval items that share at least one n-gram with {@code words} (from
   * {@link Ngrams#wordHashes}), with how many of their distinct n-grams were found and the word
   * range the hits span.
   */
  public List<NgramHit> ngramHits(long[] words) {
    if (ngramKeys.length == 0) {
      return List.of();
    }
    Map<Integer, int[]> hits = new HashMap<>(); // item -> {matches, first, end}
    Map<Integer, java.util.Set<Long>> seen = new HashMap<>();
    for (int size : ngramSizes) {
      for (int p = 0; p + size <= words.length; p++) {
        long g = Ngrams.ngram(words, p, size);
        int at = Arrays.binarySearch(ngramKeys, g);
        if (at < 0) {
          continue;
        }
        while (at > 0 && ngramKeys[at - 1] == g) {
          at--;
        }
        for (int i = at; i < ngramKeys.length && ngramKeys[i] == g; i++) {
          int item = ngramItem[i];
          if (itemNgramSize[item] != size) {
            continue;
          }
          if (seen.computeIfAbsent(item, k -> new java.util.HashSet<>()).add(g)) {
            int[] h = hits.computeIfAbsent(item, k -> new int[] {0, Integer.MAX_VALUE, 0});
            h[0]++;
            h[1] = Math.min(h[1], p);
            h[2] = Math.max(h[2], p + size);
          }
        }
      }
    }
    List<NgramHit> out = new ArrayList<>();
    new TreeMap<>(hits).forEach((item, h) -> out.add(new NgramHit(item, h[0], h[1], h[2])));
    return out;
  }
}
