package io.provenir.transforms;

import io.provenir.pii.PhoneDetector;
import io.provenir.pii.PiiDetectors;
import io.provenir.pii.PiiType;
import io.provenir.record.FieldSelector;
import io.provenir.record.Finding;
import io.provenir.record.JsonlRecord;
import io.provenir.record.RecordScanner;
import io.provenir.scan.TextScanner;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * Adds PII findings (type, JSON Pointer, code-point offsets; never the value) to each record:
 * {@link ScanRecords} without secrets. Outputs {@link Tags#RECORDS} and {@link Tags#DEAD_LETTERS}.
 * Counters: {@code pii_found_<TYPE>}, {@code records_with_pii}. The governance pipeline scans for
 * PII and secrets in one {@link ScanRecords} step; this and {@link ScanForSecrets} are for
 * pipelines that want one of the two.
 */
public final class ScanForPii extends PTransform<PCollection<JsonlRecord>, PCollectionTuple> {

  private final List<String> types;
  private final List<String> textFields;
  private final List<String> phoneRegions;
  private final int maxRawChars;

  private ScanForPii(List<String> types, List<String> textFields, List<String> phoneRegions,
      int maxRawChars) {
    PiiDetectors.forTypes(types, phoneRegions); // fails early, naming an unknown type
    FieldSelector.of(textFields);
    this.types = List.copyOf(types);
    this.textFields = List.copyOf(textFields);
    this.phoneRegions = List.copyOf(phoneRegions);
    this.maxRawChars = maxRawChars;
  }

  /** Every PII type, every string field, the default phone regions. */
  public static ScanForPii create() {
    return new ScanForPii(PiiType.names(), List.of(), PhoneDetector.DEFAULT_REGIONS, 1024);
  }

  public ScanForPii withTypes(List<String> types) {
    return new ScanForPii(types, textFields, phoneRegions, maxRawChars);
  }

  /** Only the strings at or under these JSON Pointers ({@code *} matches one segment). */
  public ScanForPii withTextFields(List<String> pointers) {
    return new ScanForPii(types, pointers, phoneRegions, maxRawChars);
  }

  /** The regions whose numbering plans national phone numbers are checked against. */
  public ScanForPii withPhoneRegions(List<String> regions) {
    return new ScanForPii(types, textFields, regions, maxRawChars);
  }

  public ScanForPii withDeadLetterRawChars(int chars) {
    return new ScanForPii(types, textFields, phoneRegions, chars);
  }

  @Override
  public PCollectionTuple expand(PCollection<JsonlRecord> records) {
    return RecordStepFn.applyTo(records, "Scan", ScanRecords.create()
        .withPiiTypes(types)
        .withPhoneRegions(phoneRegions)
        .withSecretTypes(List.of())
        .withTextFields(textFields)
        .withDeadLetterRawChars(maxRawChars)
        .fn("ScanForPii"));
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("types", String.join(",", types)).withLabel("PII types"))
        .add(DisplayData.item("textFields", String.join(",", textFields)).withLabel("Fields"));
  }
}
