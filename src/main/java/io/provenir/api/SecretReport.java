package io.provenir.api;

import java.util.Map;
import java.util.Set;

/**
 * What {@link SecretScanner#scan} found in a dataset: types, counts and record ids, never values.
 *
 * @param recordCount records scanned
 * @param countsByType secrets per type
 * @param affectedRecords ids of the records that hold a secret
 * @param badLines lines that are not records (not scanned)
 */
public record SecretReport(
    long recordCount,
    Map<String, Long> countsByType,
    Set<String> affectedRecords,
    long badLines) {

  public SecretReport {
    countsByType = Map.copyOf(countsByType);
    affectedRecords = Set.copyOf(affectedRecords);
  }

  public boolean hasSecrets() {
    return !affectedRecords.isEmpty();
  }

  /** The types found, e.g. {@code AWS_ACCESS_KEY}. */
  public Set<String> secretTypes() {
    return countsByType.keySet();
  }
}
