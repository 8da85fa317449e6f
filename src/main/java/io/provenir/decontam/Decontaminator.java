package io.provenir.decontam;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Checks training texts against an {@link EvalIndex}: the core of decontamination, without Beam.
 *
 * <p>Semantic: each text is cut into {@link TextWindows#forTraining windows} sized like the eval
 * items (the index says how many words), every window is embedded, and a text's similarity to an
 * eval item is its best window's cosine with the item's best window. Where the n-gram scan finds
 * every n-gram of an eval item inside the text, the words they span are embedded as one more
 * window, so an item copied into a long document is compared whole, whatever the sentence
 * boundaries around it. N-gram: any shared n-gram. A text is contaminated by every eval item that
 * reaches the threshold (semantic) or shares an n-gram (n-gram), as the method says.
 *
 * <p>{@link #check} takes many texts at once so that the embedder sees one batch. Thread-safe when
 * the embedder is.
 */
public final class Decontaminator {

  /**
   * The matches kept per text by default (the best ones, and every n-gram match besides), and the
   * most {@code contaminated/} lists. The pipeline keeps them all: its report counts every eval
   * item a record matched.
   */
  public static final int MAX_MATCHES = 20;

  /**
   * Vectors of recently embedded windows kept per checker (at 384 dimensions, 6 MiB): fields that
   * recur across records, such as a chat dataset's system prompts, are embedded once.
   */
  static final int CACHED_WINDOWS = 4096;

  private final EvalIndex index;
  private final Embedder embedder;
  private final DecontamMethod method;
  private final double threshold;
  private final int maxMatches;
  private final Map<String, Scored> recent = new java.util.LinkedHashMap<>(CACHED_WINDOWS * 2,
      0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Scored> eldest) {
      return size() > CACHED_WINDOWS;
    }
  };

  /**
   * A window's vector and its join against the index: the most similar eval item and its score,
   * and every item at or above the threshold. A window's scores depend only on its text (for this
   * checker's index and threshold), so a recurring window is neither embedded nor joined again.
   */
  private record Scored(float[] vector, int best, float bestScore, int[] items, float[] scores) {}

  /**
   * @param embedder the model that embedded the index; may be null when {@code method} is
   *     {@link DecontamMethod#NGRAM}
   * @throws IllegalArgumentException when the semantic method is asked for without vectors, or
   *     the index was embedded by another model
   */
  public Decontaminator(EvalIndex index, Embedder embedder, DecontamMethod method,
      double threshold) {
    this(index, embedder, method, threshold, MAX_MATCHES);
  }

  /**
   * With at most {@code maxMatches} matches per text by score, besides every match the n-gram
   * method found ({@code Integer.MAX_VALUE}: all of them).
   */
  public Decontaminator(EvalIndex index, Embedder embedder, DecontamMethod method,
      double threshold, int maxMatches) {
    if (method.semantic()) {
      if (embedder == null) {
        throw new IllegalArgumentException("the semantic method needs an embedder");
      }
      if (index.items() > 0 && !index.hasVectors()) {
        throw new IllegalArgumentException("the semantic method needs an embedded eval set");
      }
      if (index.hasVectors() && !index.modelId().equals(embedder.modelId())) {
        throw new IllegalArgumentException("the eval set was embedded by '" + index.modelId()
            + "', not by '" + embedder.modelId() + "'");
      }
    }
    if (!(threshold > -1 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in (-1, 1], not " + threshold);
    }
    this.index = index;
    this.embedder = embedder;
    this.method = method;
    this.threshold = threshold;
    this.maxMatches = maxMatches;
  }

  public EvalIndex index() {
    return index;
  }

  public DecontamMethod method() {
    return method;
  }

  public double threshold() {
    return threshold;
  }

  /**
   * One eval item a text matched.
   *
   * @param score the best cosine similarity to the item (NaN when the semantic method is off)
   * @param ngramMatches distinct n-grams of the item found in the text
   * @param ngramTotal distinct n-grams the item has (0: too short for n-grams)
   * @param method {@code semantic}, {@code ngram} or {@code both}: which checks matched
   */
  public record Match(String benchmark, String evalId, double score, int ngramMatches,
      int ngramTotal, String method) {}

  /**
   * The result for one text.
   *
   * @param matches the eval items it matched, best first (empty: not contaminated)
   * @param bestBenchmark the benchmark of the most similar eval item (semantic), or null
   * @param bestScore the best cosine similarity to any eval item, NaN without the semantic method
   * @param windows how many windows were embedded
   */
  public record Verdict(List<Match> matches, String bestBenchmark, double bestScore,
      int windows) {
    public boolean contaminated() {
      return !matches.isEmpty();
    }

    /** The best match, or null. */
    public Match top() {
      return matches.isEmpty() ? null : matches.get(0);
    }
  }

  /** Checks one text. */
  public Verdict check(String text) {
    return check(List.of(text)).get(0);
  }

  /** Where the time of {@link #check} went; not thread-safe (one per caller). */
  public static final class Stats {
    long windows;
    long cached;
    long embedNanos;
    long joinNanos;

    /** Windows compared (embedded, or taken from the cache). */
    public long windows() {
      return windows;
    }

    /**
     * Windows not sent to the model: their text was among the checker's recent windows, or
     * occurred earlier in the same call.
     */
    public long cached() {
      return cached;
    }

    /** Time spent in the embedding model. */
    public long embedNanos() {
      return embedNanos;
    }

    /** Time spent comparing window vectors with the eval vectors. */
    public long joinNanos() {
      return joinNanos;
    }
  }

  /** Checks {@code texts}; one verdict each, in order. */
  public List<Verdict> check(List<String> texts) {
    return check(texts, new Stats());
  }

  /** Checks {@code texts}, adding to {@code stats}; one verdict each, in order. */
  public List<Verdict> check(List<String> texts, Stats stats) {
    int n = texts.size();
    List<List<EvalIndex.NgramHit>> hits = new ArrayList<>(n);
    List<String> windows = new ArrayList<>();
    int[] firstWindow = new int[n + 1];
    for (int t = 0; t < n; t++) {
      String text = texts.get(t) == null ? "" : texts.get(t);
      Ngrams.Words words = Ngrams.words(text);
      List<EvalIndex.NgramHit> h = index.ngramHits(words.hashes());
      hits.add(h);
      firstWindow[t] = windows.size();
      if (method.semantic() && index.rows() > 0) {
        LinkedHashSet<String> own = new LinkedHashSet<>();
        for (TextWindows.Span s : TextWindows.forTraining(text, index.trainingWindowWords())) {
          own.add(text.substring(s.start(), s.end()));
        }
        for (EvalIndex.NgramHit hit : h) {
          if (hit.matches() == index.itemNgrams(hit.item())) {
            own.add(aligned(text, words.starts()[hit.firstWord()],
                words.ends()[hit.endWord() - 1]));
          }
        }
        windows.addAll(own);
      }
    }
    firstWindow[n] = windows.size();

    Scored[] scored = score(windows, stats);
    float[][] vectors = new float[scored.length][];
    int[] best = new int[scored.length];
    float[] bestScore = new float[scored.length];
    List<Map<Integer, Float>> semantic = new ArrayList<>(n);
    for (int t = 0; t < n; t++) {
      semantic.add(new HashMap<>());
      for (int w = firstWindow[t]; w < firstWindow[t + 1]; w++) {
        Scored sc = scored[w];
        vectors[w] = sc.vector();
        best[w] = sc.best();
        bestScore[w] = sc.bestScore();
        for (int i = 0; i < sc.items().length; i++) {
          semantic.get(t).merge(sc.items()[i], sc.scores()[i], Math::max);
        }
      }
    }

    List<Verdict> out = new ArrayList<>(n);
    for (int t = 0; t < n; t++) {
      int from = firstWindow[t];
      int to = firstWindow[t + 1];
      double top = Double.NaN;
      int topItem = -1;
      for (int w = from; w < to; w++) {
        if (best[w] >= 0 && (topItem < 0 || bestScore[w] > top)) {
          top = bestScore[w];
          topItem = best[w];
        }
      }
      Map<Integer, Float> sem = semantic.get(t);
      Map<Integer, EvalIndex.NgramHit> grams = new HashMap<>();
      if (method.ngram()) {
        hits.get(t).forEach(h -> grams.put(h.item(), h));
      }
      LinkedHashSet<Integer> items = new LinkedHashSet<>(sem.keySet());
      items.addAll(grams.keySet());
      List<Match> matches = new ArrayList<>(items.size());
      for (int item : items) {
        double score = Double.NaN;
        if (method.semantic() && from < to) {
          Float s = sem.get(item);
          score = s != null ? s : bestOver(vectors, from, to, item);
        }
        EvalIndex.NgramHit g = grams.get(item);
        boolean bySemantic = sem.containsKey(item);
        boolean byNgram = g != null;
        String how = bySemantic && byNgram ? "both" : bySemantic ? "semantic" : "ngram";
        int found = 0;
        for (EvalIndex.NgramHit h : hits.get(t)) {
          if (h.item() == item) {
            found = h.matches();
          }
        }
        matches.add(new Match(index.itemBenchmark(item), index.itemId(item), score, found,
            index.itemNgrams(item), how));
      }
      matches.sort(Comparator.comparingDouble((Match m) -> Double.isNaN(m.score()) ? -2
              : m.score()).reversed()
          .thenComparing(Comparator.comparingDouble(
              (Match m) -> m.ngramTotal() == 0 ? 0 : (double) m.ngramMatches() / m.ngramTotal())
              .reversed())
          .thenComparing(Match::benchmark).thenComparing(Match::evalId));
      if (matches.size() > maxMatches) {
        // The best by score; an n-gram match ranked below them stays (its item is a match of
        // another kind, which a low similarity does not make less of one).
        List<Match> kept = new ArrayList<>(matches.subList(0, maxMatches));
        for (Match m : matches.subList(maxMatches, matches.size())) {
          if (m.ngramMatches() > 0 && !m.method().equals("semantic")) {
            kept.add(m);
          }
        }
        matches = kept;
      }
      out.add(new Verdict(List.copyOf(matches), topItem < 0 ? null : index.itemBenchmark(topItem),
          top, to - from));
    }
    return out;
  }

  /**
   * The windows' vectors and scores: recent windows from the cache; the others embedded in one
   * call and joined against the index in one pass, each distinct text once.
   */
  private Scored[] score(List<String> windows, Stats stats) {
    Scored[] out = new Scored[windows.size()];
    Map<String, List<Integer>> missing = new java.util.LinkedHashMap<>(); // text -> positions
    synchronized (recent) {
      for (int w = 0; w < out.length; w++) {
        out[w] = recent.get(windows.get(w));
        if (out[w] == null) {
          missing.computeIfAbsent(windows.get(w), k -> new ArrayList<>(1)).add(w);
        }
      }
    }
    stats.windows += out.length;
    stats.cached += out.length - missing.size();
    if (missing.isEmpty()) {
      return out;
    }
    List<String> texts = new ArrayList<>(missing.keySet());
    long t0 = System.nanoTime();
    float[][] fresh = embedder.embed(texts);
    long t1 = System.nanoTime();
    stats.embedNanos += t1 - t0;
    int[] best = new int[fresh.length];
    float[] bestScore = new float[fresh.length];
    List<List<Map.Entry<Integer, Float>>> over = new ArrayList<>(fresh.length);
    for (int i = 0; i < fresh.length; i++) {
      over.add(new ArrayList<>(0));
    }
    // scoreAll reports each item once per window, with its best score.
    index.scoreAll(fresh, threshold, best, bestScore,
        (q, item, score) -> over.get(q).add(Map.entry(item, score)));
    stats.joinNanos += System.nanoTime() - t1;
    synchronized (recent) {
      for (int i = 0; i < fresh.length; i++) {
        int[] items = new int[over.get(i).size()];
        float[] scores = new float[items.length];
        for (int k = 0; k < items.length; k++) {
          items[k] = over.get(i).get(k).getKey();
          scores[k] = over.get(i).get(k).getValue();
        }
        Scored sc = new Scored(fresh[i], best[i], bestScore[i], items, scores);
        for (int w : missing.get(texts.get(i))) {
          out[w] = sc;
        }
        recent.put(texts.get(i), sc);
      }
    }
    return out;
  }

  /**
   * {@code text[start, end)} widened to the whitespace around it, so that the punctuation that
   * opens and closes the copied item (quotes, the final question mark) is in the window too: the
   * model weighs it.
   */
  private static String aligned(String text, int start, int end) {
    while (start > 0 && !Character.isWhitespace(text.charAt(start - 1))) {
      start--;
    }
    while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
      end++;
    }
    return text.substring(start, end);
  }

  private double bestOver(float[][] vectors, int from, int to, int item) {
    double best = -2;
    for (int w = from; w < to; w++) {
      best = Math.max(best, index.scoreItem(vectors[w], item));
    }
    return best;
  }
}
