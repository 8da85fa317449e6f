package io.provenir.api;

import io.provenir.decontam.DecontamMethod;
import io.provenir.decontam.Embedder;
import io.provenir.decontam.Embedders;
import io.provenir.decontam.EvalEntry;
import io.provenir.decontam.EvalItemParser;
import io.provenir.record.FieldSelector;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds training records that are semantically close to eval prompts: the pipeline's semantic
 * decontamination (sentence embeddings, windows sized like the eval items, cosine similarity) as a
 * library call. The threshold is the caller's: the design's 0.90 finds copies and near-copies;
 * {@code docs/quality.md} gives the recall and false-positive rate at each threshold. Immutable
 * and thread-safe.
 *
 * <pre>{@code
 * List<ContaminatedRecord> leaked = new SemanticDecontaminationChecker(0.90)
 *     .check(JsonlDataset.fromJsonl("train.jsonl"), evalPrompts);
 * }</pre>
 */
public final class SemanticDecontaminationChecker {

  private final double threshold;
  private final Embedder embedder;
  private final FieldSelector fields;

  /**
   * @param threshold cosine similarity at or above which a record matches, in (0, 1]
   */
  public SemanticDecontaminationChecker(double threshold) {
    this(threshold, null, FieldSelector.all());
  }

  private SemanticDecontaminationChecker(double threshold, Embedder embedder,
      FieldSelector fields) {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be above 0 and at most 1, not "
          + threshold);
    }
    this.threshold = threshold;
    this.embedder = embedder;
    this.fields = fields;
  }

  /** Another embedding model (default: all-MiniLM-L6-v2, in-process). */
  public SemanticDecontaminationChecker withEmbedder(Embedder e) {
    return new SemanticDecontaminationChecker(threshold, e, fields);
  }

  /** Compare only these JSON Pointers of each record (default: every string value). */
  public SemanticDecontaminationChecker withFields(List<String> pointers) {
    return new SemanticDecontaminationChecker(threshold, embedder,
        pointers.isEmpty() ? FieldSelector.all() : FieldSelector.of(pointers));
  }

  /** The records of {@code dataset} that match any of {@code evalPrompts} ({@code eval-<i>}). */
  public List<ContaminatedRecord> check(JsonlDataset dataset, List<String> evalPrompts) {
    return checkEntries(dataset, DecontaminationCheck.entries(evalPrompts));
  }

  /**
   * The records of {@code dataset} that match an item of the eval set {@code evalFile} (its
   * {@code field}, or the first of {@code /question}, {@code /prompt}, {@code /text}; ids from
   * {@code id}).
   */
  public List<ContaminatedRecord> check(JsonlDataset dataset, Path evalFile, String field) {
    return checkEntries(dataset, new EvalItemParser("eval", field, null).readFile(evalFile));
  }

  private List<ContaminatedRecord> checkEntries(JsonlDataset dataset, List<EvalEntry> eval) {
    Embedder e = embedder != null ? embedder : Embedders.named(Embedders.DEFAULT);
    return DecontaminationCheck.run(dataset, eval, DecontamMethod.SEMANTIC, threshold, 13, e,
        fields);
  }
}
