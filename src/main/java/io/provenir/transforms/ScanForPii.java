package io.provenir.transforms;

import io.provenir.record.JsonlRecord;
import java.util.List;
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

  private final ScanRecords scan;

  private ScanForPii(ScanRecords scan) {
    this.scan = scan;
  }

  /** Every PII type, every string field, the default phone regions. */
  public static ScanForPii create() {
    return new ScanForPii(ScanRecords.create().withSecretTypes(List.of()));
  }

  public ScanForPii withTypes(List<String> types) {
    return new ScanForPii(scan.withPiiTypes(types));
  }

  /** Only the strings at or under these JSON Pointers ({@code *} matches one segment). */
  public ScanForPii withTextFields(List<String> pointers) {
    return new ScanForPii(scan.withTextFields(pointers));
  }

  /** The regions whose numbering plans national phone numbers are checked against. */
  public ScanForPii withPhoneRegions(List<String> regions) {
    return new ScanForPii(scan.withPhoneRegions(regions));
  }

  public ScanForPii withDeadLetterRawChars(int chars) {
    return new ScanForPii(scan.withDeadLetterRawChars(chars));
  }

  @Override
  public PCollectionTuple expand(PCollection<JsonlRecord> records) {
    return RecordStepFn.applyTo(records, "Scan", scan.fn("ScanForPii"));
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("types", String.join(",", scan.piiTypes())).withLabel("PII types"))
        .add(DisplayData.item("textFields", String.join(",", scan.textFields()))
            .withLabel("Fields"));
  }
}
