package io.provenir.transforms;

import io.provenir.record.FieldSelector;
import io.provenir.record.Finding;
import io.provenir.record.JsonlRecord;
import io.provenir.record.RecordScanner;
import io.provenir.scan.Category;
import io.provenir.scan.TextScanner;
import io.provenir.secrets.Fingerprints;
import io.provenir.secrets.SecretAllowlist;
import io.provenir.secrets.SecretDetectors;
import java.util.ArrayList;
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
 * Adds secret findings (type, pointer, offsets and a keyed fingerprint; never the value) to each
 * record. A PII finding that overlaps a secret in the same string is dropped: the secret's
 * redaction covers it. Secrets the user's allowlist allows are dropped and counted. Outputs
 * {@link Tags#RECORDS} and {@link Tags#DEAD_LETTERS}. Counters: {@code secrets_found_<TYPE>},
 * {@code records_with_secrets}, {@code secrets_allowed}. {@link ScanRecords} without PII.
 */
public final class ScanForSecrets extends PTransform<PCollection<JsonlRecord>, PCollectionTuple> {

  private final List<String> types;
  private final List<String> textFields;
  private final String fingerprintKey;
  private final SecretAllowlist allowlist;
  private final int maxRawChars;

  private ScanForSecrets(List<String> types, List<String> textFields, String fingerprintKey,
      SecretAllowlist allowlist, int maxRawChars) {
    SecretDetectors.forTypes(types);
    FieldSelector.of(textFields);
    this.types = List.copyOf(types);
    this.textFields = List.copyOf(textFields);
    this.fingerprintKey = fingerprintKey;
    this.allowlist = allowlist;
    this.maxRawChars = maxRawChars;
  }

  /** Every secret type, every string field, fingerprints keyed from the environment. */
  public static ScanForSecrets create() {
    return new ScanForSecrets(SecretDetectors.types(), List.of(),
        Fingerprints.fromEnvironment().keyForWorkers(), SecretAllowlist.none(), 1024);
  }

  public ScanForSecrets withTypes(List<String> types) {
    return new ScanForSecrets(types, textFields, fingerprintKey, allowlist, maxRawChars);
  }

  public ScanForSecrets withTextFields(List<String> pointers) {
    return new ScanForSecrets(types, pointers, fingerprintKey, allowlist, maxRawChars);
  }

  /** The HMAC key of secret fingerprints. */
  public ScanForSecrets withFingerprintKey(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("fingerprintKey must not be empty");
    }
    return new ScanForSecrets(types, textFields, key, allowlist, maxRawChars);
  }

  /** Secrets this allowlist allows are dropped (and counted as allowed). */
  public ScanForSecrets withAllowlist(SecretAllowlist allow) {
    return new ScanForSecrets(types, textFields, fingerprintKey, allow, maxRawChars);
  }

  public ScanForSecrets withDeadLetterRawChars(int chars) {
    return new ScanForSecrets(types, textFields, fingerprintKey, allowlist, chars);
  }

  @Override
  public PCollectionTuple expand(PCollection<JsonlRecord> records) {
    return RecordStepFn.applyTo(records, "Scan", ScanRecords.create()
        .withPiiTypes(List.of())
        .withSecretTypes(types)
        .withTextFields(textFields)
        .withFingerprintKey(fingerprintKey)
        .withAllowlist(allowlist)
        .withDeadLetterRawChars(maxRawChars)
        .fn("ScanForSecrets"));
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("types", String.join(",", types)).withLabel("Secret types"))
        .add(DisplayData.item("textFields", String.join(",", textFields)).withLabel("Fields"));
  }
}
