package io.provenir.api;

import io.provenir.pii.PhoneDetector;
import io.provenir.pii.PiiDetectors;
import io.provenir.pii.PiiType;
import io.provenir.record.FieldSelector;
import io.provenir.record.Finding;
import io.provenir.record.RecordScanner;
import io.provenir.report.Tally;
import io.provenir.scan.TextScanner;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Scans datasets for PII with the pipeline's detectors. Immutable and thread-safe; configure with
 * the {@code with*} methods.
 *
 * <pre>{@code
 * PiiReport r = new PIIScanner().withTypes(List.of("EMAIL", "PHONE")).scan(dataset);
 * }</pre>
 */
public final class PIIScanner {

  private final List<String> types;
  private final List<String> textFields;
  private final List<String> phoneRegions;
  private final RecordScanner scanner;

  /** Every PII type, every string field, the default phone regions. */
  public PIIScanner() {
    this(PiiType.names(), List.of(), PhoneDetector.DEFAULT_REGIONS);
  }

  private PIIScanner(List<String> types, List<String> textFields, List<String> phoneRegions) {
    this.types = List.copyOf(types);
    this.textFields = List.copyOf(textFields);
    this.phoneRegions = List.copyOf(phoneRegions);
    this.scanner = new RecordScanner(new TextScanner(PiiDetectors.forTypes(types, phoneRegions)),
        FieldSelector.of(textFields), null);
  }

  /** Only these types (e.g. {@code EMAIL}); throws naming an unknown one. */
  public PIIScanner withTypes(List<String> types) {
    return new PIIScanner(types, textFields, phoneRegions);
  }

  /** Only the strings at or under these JSON Pointers ({@code *} matches one segment). */
  public PIIScanner withTextFields(List<String> pointers) {
    return new PIIScanner(types, pointers, phoneRegions);
  }

  /**
   * The regions whose numbering plans national phone numbers are checked against (ISO 3166 codes,
   * upper case: {@code US}, {@code GB}).
   *
   * @throws IllegalArgumentException naming a code that is not a region (a phone number of an
   *     unknown region would never be found)
   */
  public PIIScanner withPhoneRegions(List<String> regions) {
    for (String r : regions) {
      if (!PhoneDetector.isSupportedRegion(r)) {
        throw new IllegalArgumentException("'" + r + "' is not a region code (use ISO 3166 codes"
            + " such as US, GB, DE; the United Kingdom is GB)");
      }
    }
    return new PIIScanner(types, textFields, regions);
  }

  /** The PII findings of one record (types, pointers, code-point offsets; no values). */
  public List<Finding> findings(DatasetRecord record) {
    return scanner.scan(record.record().leaves());
  }

  /** Scans every record of {@code dataset}, streaming. */
  public PiiReport scan(JsonlDataset dataset) {
    Tally t = new Tally();
    long records = 0;
    try (Stream<DatasetRecord> s = dataset.records()) {
      for (Iterator<DatasetRecord> it = s.iterator(); it.hasNext(); ) {
        List<Finding> f = findings(it.next());
        t.addClean(f, !f.isEmpty());
        records++;
      }
    }
    long bad;
    try (Stream<?> s = dataset.badLines()) {
      bad = s.count();
    }
    return new PiiReport(records, t.piiRecords(), t.piiByType(), t.piiFields(), bad);
  }
}
