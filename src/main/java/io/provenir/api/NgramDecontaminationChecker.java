package io.provenir.api;

import io.provenir.decontam.DecontamMethod;
import io.provenir.decontam.EvalItemParser;
import io.provenir.record.FieldSelector;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds training records that share a word n-gram with an eval prompt (the GPT-3 /
 * lm-evaluation-harness method; lower-cased words, punctuation ignored; an eval prompt shorter
 * than n words must appear whole, and one of fewer than {@value
 * io.provenir.decontam.EvalIndex#MIN_NGRAM} words is not checked: a phrase that short is common
 * text). No model. Immutable and thread-safe.
 *
 * <pre>{@code
 * List<ContaminatedRecord> leaked = new NgramDecontaminationChecker(13)
 *     .check(JsonlDataset.fromJsonl("train.jsonl"), evalPrompts);
 * }</pre>
 */
public final class NgramDecontaminationChecker {

  private final int n;
  private final FieldSelector fields;

  /** @param n the n-gram size (13 in GPT-3 and lm-evaluation-harness) */
  public NgramDecontaminationChecker(int n) {
    this(n, FieldSelector.all());
  }

  private NgramDecontaminationChecker(int n, FieldSelector fields) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, not " + n);
    }
    this.n = n;
    this.fields = fields;
  }

  /** Compare only these JSON Pointers of each record (default: every string value). */
  public NgramDecontaminationChecker withFields(List<String> pointers) {
    return new NgramDecontaminationChecker(n,
        pointers.isEmpty() ? FieldSelector.all() : FieldSelector.of(pointers));
  }

  /** The records of {@code dataset} that share an n-gram with any of {@code evalPrompts}. */
  public List<ContaminatedRecord> check(JsonlDataset dataset, List<String> evalPrompts) {
    return DecontaminationCheck.run(dataset, DecontaminationCheck.entries(evalPrompts),
        DecontamMethod.NGRAM, 1.0, n, null, fields);
  }

  /** The records of {@code dataset} that share an n-gram with an item of {@code evalFile}. */
  public List<ContaminatedRecord> check(JsonlDataset dataset, Path evalFile, String field) {
    return DecontaminationCheck.run(dataset,
        new EvalItemParser("eval", field, null).readFile(evalFile), DecontamMethod.NGRAM, 1.0, n,
        null, fields);
  }
}
