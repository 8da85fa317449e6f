package io.provenir.api;

import java.util.Map;

/**
 * What {@link PIIScanner#scan} found in a dataset: counts only, never values.
 *
 * @param recordCount records scanned
 * @param recordsWithPii records with at least one PII value
 * @param countsByType PII values per type
 * @param piiFields PII values per field (JSON Pointers, array indices as {@code *})
 * @param badLines lines that are not records (not scanned)
 */
public record PiiReport(
    long recordCount,
    long recordsWithPii,
    Map<String, Long> countsByType,
    Map<String, Long> piiFields,
    long badLines) {

  public PiiReport {
    countsByType = Map.copyOf(countsByType);
    piiFields = Map.copyOf(piiFields);
  }

  public boolean hasPii() {
    return recordsWithPii > 0;
  }

  /** The number of PII values of {@code type} (e.g. {@code EMAIL}). */
  public long count(String type) {
    return countsByType.getOrDefault(type, 0L);
  }
}
