package io.provenir.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provenir.decontam.DecontamMethod;
import io.provenir.decontam.Decontaminator;
import io.provenir.decontam.Embedder;
import io.provenir.decontam.EvalEntry;
import io.provenir.decontam.EvalIndex;
import io.provenir.decontam.EvalItemParser;
import io.provenir.decontam.EmbeddingSet;
import io.provenir.record.RecordText;
import io.provenir.record.BadRecordException;
import io.provenir.record.FieldSelector;
import io.provenir.record.JsonRecordParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures decontamination on labelled data: an eval set, a training set and labels
 * ({@code {"id": training record id, "eval_id": the eval item it copies or rephrases, or null,
 * "kind": e.g. verbatim, embedded, rephrased, negative}}). Every training record is checked once;
 * recall and the share of negatives flagged are then read off at each threshold, for the semantic
 * method, and for the n-gram method. Pure Java, no Beam.
 */
public final class DecontamEvaluation {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A labelled training record. */
  public record Labelled(String id, String text, String evalId, String kind) {
    public boolean positive() {
      return evalId != null;
    }
  }

  /**
   * What the checks found for one record.
   *
   * @param best best cosine similarity to any eval item (NaN without vectors)
   * @param gold cosine similarity to the labelled eval item (NaN for negatives or when unknown)
   * @param ngram whether an n-gram was shared with any eval item
   * @param ngramGold whether an n-gram was shared with the labelled item
   */
  public record Scored(Labelled record, double best, double gold, boolean ngram,
      boolean ngramGold) {}

  /** Recall per kind and negatives flagged at one threshold. */
  public record Point(double threshold, long positives, long flaggedPositives, long rightItem,
      long negatives, long flaggedNegatives, Map<String, double[]> recallByKind) {
    public double recall() {
      return positives == 0 ? Double.NaN : (double) flaggedPositives / positives;
    }

    public double negativeRate() {
      return negatives == 0 ? Double.NaN : (double) flaggedNegatives / negatives;
    }

    public double precision() {
      long flagged = flaggedPositives + flaggedNegatives;
      return flagged == 0 ? Double.NaN : (double) flaggedPositives / flagged;
    }
  }

  /** Loads the three files; errors name the file and line. */
  public static List<Labelled> load(Path train, Path labels, List<String> trainFields,
      String idField) {
    Map<String, JsonNode> byId = new HashMap<>();
    List<String> labelLines = lines(labels);
    for (int i = 0; i < labelLines.size(); i++) {
      if (labelLines.get(i).isBlank()) {
        continue;
      }
      try {
        JsonNode n = JSON.readTree(labelLines.get(i));
        if (!n.path("id").isValueNode()) {
          throw new IllegalArgumentException("no 'id'");
        }
        byId.put(n.get("id").asText(), n);
      } catch (IOException | IllegalArgumentException e) {
        throw new IllegalArgumentException(labels + ":" + (i + 1)
            + ": a label is {\"id\", \"eval_id\" (null for a negative), \"kind\"}");
      }
    }
    JsonRecordParser parser = new JsonRecordParser(idField);
    FieldSelector fields = (trainFields.isEmpty() ? FieldSelector.all()
        : FieldSelector.of(trainFields))
        .exceptRecordId(idField);
    List<Labelled> out = new ArrayList<>();
    List<String> trainLines = lines(train);
    for (int i = 0; i < trainLines.size(); i++) {
      if (trainLines.get(i).isBlank()) {
        continue;
      }
      JsonRecordParser.Parsed p;
      try {
        p = parser.parse(trainLines.get(i).getBytes(StandardCharsets.UTF_8));
      } catch (BadRecordException e) {
        throw new IllegalArgumentException(train + ":" + (i + 1) + ": " + e.getMessage());
      }
      String id = p.id() != null ? p.id() : train.getFileName() + ":" + (i + 1);
      JsonNode label = byId.get(id);
      if (label == null) {
        throw new IllegalArgumentException(train + ":" + (i + 1) + ": record '" + id
            + "' has no label in " + labels);
      }
      JsonNode evalId = label.path("eval_id");
      out.add(new Labelled(id, RecordText.of(p.leaves(), fields),
          evalId.isNull() || evalId.isMissingNode() ? null : evalId.asText(),
          label.path("kind").asText(evalId.isNull() ? "negative" : "positive")));
    }
    return out;
  }

  private static List<String> lines(Path f) {
    try {
      return Files.readAllLines(f, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(f + ": no such file");
    } catch (IOException e) {
      throw new IllegalArgumentException(f + ": cannot read (" + e.getMessage() + ")");
    }
  }

  /**
   * Embeds the eval set, checks every record ({@code threads} at a time) and returns what was
   * found.
   */
  public static List<Scored> score(List<EvalEntry> evalItems, List<Labelled> records,
      Embedder embedder, DecontamMethod method, int ngram, int threads) {
    List<EvalEntry> entries = method.semantic()
        ? EmbeddingSet.embed(evalItems, embedder, threads) : evalItems;
    EvalIndex index = EvalIndex.build(entries, ngram,
        method.semantic() ? embedder.modelId() : null, List.of());
    // A low threshold so that the gold item's score is known for every record that gets near it.
    Decontaminator checker = new Decontaminator(index, method.semantic() ? embedder : null,
        method, -0.99);
    int chunk = 32;
    List<Scored> out = new ArrayList<>(records.size());
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<Future<List<Scored>>> parts = new ArrayList<>();
      for (int from = 0; from < records.size(); from += chunk) {
        List<Labelled> part = records.subList(from, Math.min(records.size(), from + chunk));
        parts.add(pool.submit(() -> {
          List<Decontaminator.Verdict> vs = checker.check(
              part.stream().map(Labelled::text).toList());
          List<Scored> s = new ArrayList<>(part.size());
          for (int i = 0; i < part.size(); i++) {
            s.add(scored(part.get(i), vs.get(i)));
          }
          return s;
        }));
      }
      for (Future<List<Scored>> f : parts) {
        out.addAll(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
    } finally {
      pool.shutdownNow();
    }
    return out;
  }

  private static Scored scored(Labelled r, Decontaminator.Verdict v) {
    double gold = Double.NaN;
    boolean ngram = false;
    boolean ngramGold = false;
    for (Decontaminator.Match m : v.matches()) {
      if (m.ngramMatches() > 0) {
        ngram = true;
        if (m.evalId().equals(r.evalId())) {
          ngramGold = true;
        }
      }
      if (m.evalId().equals(r.evalId()) && !Double.isNaN(m.score())) {
        gold = m.score();
      }
    }
    return new Scored(r, v.bestScore(), gold, ngram, ngramGold);
  }

  /** Recall and negatives flagged by the semantic method at {@code threshold}. */
  public static Point semanticAt(List<Scored> scored, double threshold) {
    return point(scored, threshold, s -> s.best() >= threshold,
        s -> !Double.isNaN(s.gold()) && s.gold() >= threshold);
  }

  /** Recall and negatives flagged by the n-gram method. */
  public static Point ngram(List<Scored> scored) {
    return point(scored, Double.NaN, Scored::ngram, Scored::ngramGold);
  }

  private static Point point(List<Scored> scored, double threshold,
      java.util.function.Predicate<Scored> flagged, java.util.function.Predicate<Scored> right) {
    long pos = 0;
    long flaggedPos = 0;
    long rightItem = 0;
    long neg = 0;
    long flaggedNeg = 0;
    Map<String, double[]> byKind = new TreeMap<>(); // kind -> {flagged, total}
    for (Scored s : scored) {
      boolean f = flagged.test(s);
      double[] k = byKind.computeIfAbsent(s.record().kind(), x -> new double[2]);
      k[1]++;
      if (f) {
        k[0]++;
      }
      if (s.record().positive()) {
        pos++;
        if (f) {
          flaggedPos++;
        }
        if (right.test(s)) {
          rightItem++;
        }
      } else {
        neg++;
        if (f) {
          flaggedNeg++;
        }
      }
    }
    return new Point(threshold, pos, flaggedPos, rightItem, neg, flaggedNeg, byKind);
  }

  /**
   * The lowest threshold on a 0.01 grid at which at most {@code maxNegativeRate} of the negatives
   * are flagged, or NaN when there are no negatives.
   */
  public static double lowestThreshold(List<Scored> scored, double maxNegativeRate) {
    for (int t = 0; t <= 100; t++) {
      Point p = semanticAt(scored, t / 100.0);
      if (p.negatives() == 0) {
        return Double.NaN;
      }
      if (p.negativeRate() <= maxNegativeRate) {
        return t / 100.0;
      }
    }
    return 1.0;
  }

  /** Loads an eval set file with {@code parser}. */
  public static List<EvalEntry> loadEval(Path file, EvalItemParser parser) {
    return parser.readFile(file);
  }
}
