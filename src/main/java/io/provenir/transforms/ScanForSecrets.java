package io.provenir.transforms;

import io.provenir.record.FieldSelector;
import io.provenir.record.Finding;
import io.provenir.record.JsonlRecord;
import io.provenir.record.RecordScanner;
import io.provenir.scan.Category;
import io.provenir.scan.TextScanner;
import io.provenir.secrets.Fingerprints;
import io.provenir.secrets.SecretDetectors;
import io.provenir.secrets.SecretType;
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
 * redaction covers it. Outputs {@link Tags#RECORDS} and {@link Tags#DEAD_LETTERS}. Counters:
 * {@code secrets_found_<TYPE>}, {@code records_with_secrets}.
 */
public final class ScanForSecrets extends PTransform<PCollection<JsonlRecord>, PCollectionTuple> {

  private final List<String> types;
  private final List<String> textFields;
  private final String fingerprintKey;
  private final int maxRawChars;

  private ScanForSecrets(List<String> types, List<String> textFields, String fingerprintKey,
      int maxRawChars) {
    SecretDetectors.forTypes(types);
    FieldSelector.of(textFields);
    this.types = List.copyOf(types);
    this.textFields = List.copyOf(textFields);
    this.fingerprintKey = fingerprintKey;
    this.maxRawChars = maxRawChars;
  }

  /** Every secret type, every string field, fingerprints keyed from the environment. */
  public static ScanForSecrets create() {
    return new ScanForSecrets(SecretType.names(), List.of(),
        Fingerprints.fromEnvironment().keyForWorkers(), 1024);
  }

  public ScanForSecrets withTypes(List<String> types) {
    return new ScanForSecrets(types, textFields, fingerprintKey, maxRawChars);
  }

  public ScanForSecrets withTextFields(List<String> pointers) {
    return new ScanForSecrets(types, pointers, fingerprintKey, maxRawChars);
  }

  /** The HMAC key of secret fingerprints. */
  public ScanForSecrets withFingerprintKey(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("fingerprintKey must not be empty");
    }
    return new ScanForSecrets(types, textFields, key, maxRawChars);
  }

  public ScanForSecrets withDeadLetterRawChars(int chars) {
    return new ScanForSecrets(types, textFields, fingerprintKey, chars);
  }

  @Override
  public PCollectionTuple expand(PCollection<JsonlRecord> records) {
    return RecordStepFn.applyTo(records, "Scan",
        new ScanSecretsFn(types, textFields, fingerprintKey, maxRawChars));
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("types", String.join(",", types)).withLabel("Secret types"))
        .add(DisplayData.item("textFields", String.join(",", textFields)).withLabel("Fields"));
  }

  static final class ScanSecretsFn extends RecordStepFn {
    private final List<String> types;
    private final List<String> textFields;
    private final String fingerprintKey;
    private final Counter recordsWithSecrets =
        Metrics.counter(ScanSecretsFn.class, "records_with_secrets");
    private transient RecordScanner scanner;
    private transient Map<String, Counter> found;

    ScanSecretsFn(List<String> types, List<String> textFields, String fingerprintKey,
        int maxRawChars) {
      super("ScanForSecrets", maxRawChars);
      this.types = types;
      this.textFields = textFields;
      this.fingerprintKey = fingerprintKey;
    }

    @Override
    void setUpStep() {
      scanner = new RecordScanner(new TextScanner(SecretDetectors.forTypes(types)),
          FieldSelector.of(textFields), new Fingerprints(fingerprintKey));
      found = new HashMap<>();
      for (String t : types) {
        found.put(t, Metrics.counter(ScanSecretsFn.class, "secrets_found_" + t));
      }
    }

    @Override
    JsonlRecord apply(JsonlRecord r) {
      List<Finding> secrets = scanner.scan(r.leaves());
      if (secrets.isEmpty()) {
        return r;
      }
      recordsWithSecrets.inc();
      for (Finding f : secrets) {
        found.get(f.type()).inc();
      }
      List<Finding> pii = new ArrayList<>();
      for (Finding f : r.findings()) {
        if (f.category() == Category.PII) {
          pii.add(f);
        }
      }
      List<Finding> all = new ArrayList<>(RecordScanner.dropPiiUnderSecrets(pii, secrets));
      all.addAll(secrets);
      return r.withAllFindings(all);
    }
  }
}
