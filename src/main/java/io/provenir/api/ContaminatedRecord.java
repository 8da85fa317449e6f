package io.provenir.api;

import io.provenir.decontam.Decontaminator;
import java.util.List;

/**
 * A training record that matched eval items.
 *
 * @param record the record
 * @param matches the eval items it matched, best first (eval ids are {@code eval-<index>} of the
 *     prompts given to the checker, or the ids of an eval dataset)
 */
public record ContaminatedRecord(DatasetRecord record, List<Decontaminator.Match> matches) {

  public ContaminatedRecord {
    matches = List.copyOf(matches);
  }

  /** The best match. */
  public Decontaminator.Match top() {
    return matches.get(0);
  }
}
