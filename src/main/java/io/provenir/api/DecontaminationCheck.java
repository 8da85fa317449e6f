package io.provenir.api;

import io.provenir.decontam.DecontamMethod;
import io.provenir.decontam.Decontaminator;
import io.provenir.decontam.Embedder;
import io.provenir.decontam.EmbeddingSet;
import io.provenir.decontam.EvalEntry;
import io.provenir.decontam.EvalIndex;
import io.provenir.record.FieldSelector;
import io.provenir.record.RecordText;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/** What the semantic and n-gram checkers share: build an index, check a dataset in batches. */
final class DecontaminationCheck {

  private static final int BATCH = 64;

  private DecontaminationCheck() {}

  static List<EvalEntry> entries(List<String> evalPrompts) {
    List<EvalEntry> out = new ArrayList<>(evalPrompts.size());
    for (int i = 0; i < evalPrompts.size(); i++) {
      out.add(new EvalEntry("eval", "eval-" + i, evalPrompts.get(i), null));
    }
    return out;
  }

  static List<ContaminatedRecord> run(JsonlDataset dataset, List<EvalEntry> eval,
      DecontamMethod method, double threshold, int ngram, Embedder embedder,
      FieldSelector fields) {
    List<EvalEntry> entries = method.semantic()
        ? EmbeddingSet.embed(eval, embedder, Runtime.getRuntime().availableProcessors()) : eval;
    EvalIndex index = EvalIndex.build(entries, ngram,
        method.semantic() ? embedder.modelId() : null, List.of());
    Decontaminator checker = new Decontaminator(index, method.semantic() ? embedder : null,
        method, threshold);
    FieldSelector compared = fields.exceptRecordId(dataset.idField());
    List<ContaminatedRecord> out = new ArrayList<>();
    try (Stream<DatasetRecord> records = dataset.records()) {
      Iterator<DatasetRecord> it = records.iterator();
      List<DatasetRecord> batch = new ArrayList<>(BATCH);
      while (it.hasNext()) {
        batch.add(it.next());
        if (batch.size() == BATCH || !it.hasNext()) {
          List<Decontaminator.Verdict> verdicts = checker.check(batch.stream()
              .map(r -> RecordText.of(r.record().leaves(), compared)).toList());
          for (int i = 0; i < batch.size(); i++) {
            if (verdicts.get(i).contaminated()) {
              out.add(new ContaminatedRecord(batch.get(i), verdicts.get(i).matches()));
            }
          }
          batch.clear();
        }
      }
    }
    return out;
  }
}
