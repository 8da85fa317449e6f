package io.provenir.transforms;

import io.provenir.record.JsonlRecord;
import io.provenir.secrets.SecretAllowlist;
import java.util.List;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * Adds secret findings (type, pointer, offsets and a keyed fingerprint; never the value) to each
 * record. A PII finding that overlaps a secret in the same string is dropped: the secret's
 * redaction covers it. Secrets the user's allowlist allows are dropped and counted. Outputs
 * {@link Tags#RECORDS} and {@link Tags#DEAD_LETTERS}. Counters: {@code secrets_found_<TYPE>},
 * {@code records_with_secrets}, {@code secrets_allowed}. {@link ScanRecords} without PII.
 */
public final class ScanForSecrets extends PTransform<PCollection<JsonlRecord>, PCollectionTuple> {

  private final ScanRecords scan;

  private ScanForSecrets(ScanRecords scan) {
    this.scan = scan;
  }

  /** Every secret type, every string field, fingerprints keyed from the environment. */
  public static ScanForSecrets create() {
    return new ScanForSecrets(ScanRecords.create().withPiiTypes(List.of()));
  }

  public ScanForSecrets withTypes(List<String> types) {
    return new ScanForSecrets(scan.withSecretTypes(types));
  }

  public ScanForSecrets withTextFields(List<String> pointers) {
    return new ScanForSecrets(scan.withTextFields(pointers));
  }

  /** The HMAC key of secret fingerprints. */
  public ScanForSecrets withFingerprintKey(String key) {
    return new ScanForSecrets(scan.withFingerprintKey(key));
  }

  /** Secrets this allowlist allows are dropped (and counted as allowed). */
  public ScanForSecrets withAllowlist(SecretAllowlist allow) {
    return new ScanForSecrets(scan.withAllowlist(allow));
  }

  public ScanForSecrets withDeadLetterRawChars(int chars) {
    return new ScanForSecrets(scan.withDeadLetterRawChars(chars));
  }

  @Override
  public PCollectionTuple expand(PCollection<JsonlRecord> records) {
    return RecordStepFn.applyTo(records, "Scan", scan.fn("ScanForSecrets"));
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("types", String.join(",", scan.secretTypes()))
            .withLabel("Secret types"))
        .add(DisplayData.item("textFields", String.join(",", scan.textFields()))
            .withLabel("Fields"));
  }
}
