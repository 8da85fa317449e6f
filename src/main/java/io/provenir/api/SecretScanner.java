package io.provenir.api;

import io.provenir.record.FieldSelector;
import io.provenir.record.Finding;
import io.provenir.record.RecordScanner;
import io.provenir.scan.TextScanner;
import io.provenir.secrets.Fingerprints;
import io.provenir.secrets.SecretAllowlist;
import io.provenir.secrets.SecretDetectors;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Scans datasets for secrets with the pipeline's detectors. Findings carry type, pointer, offsets
 * and a fingerprint, never the value. Immutable and thread-safe.
 *
 * <pre>{@code
 * SecretReport r = new SecretScanner().scan(dataset);
 * if (r.hasSecrets()) { ... r.secretTypes() ... }
 * }</pre>
 */
public final class SecretScanner {

  private final List<String> types;
  private final SecretAllowlist allowlist;
  private final RecordScanner scanner;

  /** Every secret type; fingerprints keyed by {@code PROVENIR_FINGERPRINT_KEY}. */
  public SecretScanner() {
    this(SecretDetectors.types(), SecretAllowlist.none());
  }

  private SecretScanner(List<String> types, SecretAllowlist allowlist) {
    this.types = List.copyOf(types);
    this.allowlist = allowlist;
    this.scanner = new RecordScanner(new TextScanner(SecretDetectors.forTypes(types)),
        FieldSelector.all(), Fingerprints.fromEnvironment(), allowlist);
  }

  /** Only these types; throws naming an unknown one. */
  public SecretScanner withTypes(List<String> types) {
    return new SecretScanner(types, allowlist);
  }

  /** Values matching these patterns, or with these fingerprints, are not secrets. */
  public SecretScanner withAllowlist(List<String> patterns, List<String> fingerprints) {
    return new SecretScanner(types, SecretAllowlist.of(patterns, fingerprints));
  }

  /** The secret findings of one record. */
  public List<Finding> findings(DatasetRecord record) {
    return scanner.scan(record.record().leaves());
  }

  /** Scans every record of {@code dataset}, streaming. */
  public SecretReport scan(JsonlDataset dataset) {
    Map<String, Long> byType = new TreeMap<>();
    Set<String> affected = new LinkedHashSet<>();
    long records = 0;
    try (Stream<DatasetRecord> s = dataset.records()) {
      for (Iterator<DatasetRecord> it = s.iterator(); it.hasNext(); ) {
        DatasetRecord r = it.next();
        records++;
        List<Finding> f = findings(r);
        if (!f.isEmpty()) {
          affected.add(r.id());
          f.forEach(x -> byType.merge(x.type(), 1L, Long::sum));
        }
      }
    }
    long bad;
    try (Stream<?> s = dataset.badLines()) {
      bad = s.count();
    }
    return new SecretReport(records, byType, affected, bad);
  }
}
