package io.provenir.transforms;

import io.provenir.pii.PhoneDetector;
import io.provenir.pii.PiiDetectors;
import io.provenir.pii.PiiType;
import io.provenir.record.FieldSelector;
import io.provenir.record.Finding;
import io.provenir.record.JsonlRecord;
import io.provenir.record.RecordScanner;
import io.provenir.scan.Category;
import io.provenir.scan.Detector;
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
import org.apache.beam.sdk.transforms.display.DisplayData;

/**
 * Adds PII and secret findings (type, JSON Pointer, code-point offsets, and for secrets a keyed
 * fingerprint; never the value) to each record, in one pass over each string: one
 * {@link TextScanner} holds both kinds of detectors, so a string is profiled, looked up and
 * resolved once (two steps, {@link ScanForPii} then {@link ScanForSecrets}, find the same and cost
 * about 11 % more of the engine's time; see docs/performance.md). A PII finding that overlaps a
 * secret in the same string is dropped: the secret's redaction covers it. Secrets the allowlist
 * allows are dropped and counted. Outputs {@link Tags#RECORDS} and {@link Tags#DEAD_LETTERS}.
 * Counters: {@code records_with_pii}, {@code pii_found_<TYPE>}, {@code records_with_secrets},
 * {@code secrets_found_<TYPE>}, {@code secrets_allowed}.
 *
 * <p>Either kind can be left out ({@link #withPiiTypes} or {@link #withSecretTypes} with an empty
 * list). A record's earlier PII findings are kept, except those under a secret found here.
 */
public final class ScanRecords extends RecordStep {

  private final List<String> piiTypes;
  private final List<String> phoneRegions;
  private final List<String> secretTypes;
  private final List<String> textFields;
  private final String fingerprintKey;
  private final SecretAllowlist allowlist;
  private final int maxRawChars;

  private ScanRecords(List<String> piiTypes, List<String> phoneRegions, List<String> secretTypes,
      List<String> textFields, String fingerprintKey, SecretAllowlist allowlist, int maxRawChars) {
    PiiDetectors.forTypes(piiTypes, phoneRegions); // fail early, naming an unknown type
    SecretDetectors.forTypes(secretTypes);
    FieldSelector.of(textFields);
    this.piiTypes = List.copyOf(piiTypes);
    this.phoneRegions = List.copyOf(phoneRegions);
    this.secretTypes = List.copyOf(secretTypes);
    this.textFields = List.copyOf(textFields);
    this.fingerprintKey = fingerprintKey;
    this.allowlist = allowlist;
    this.maxRawChars = maxRawChars;
  }

  /**
   * Every PII and secret type, every string field, the default phone regions, fingerprints keyed
   * from the environment, no allowlist.
   */
  public static ScanRecords create() {
    return new ScanRecords(PiiType.names(), PhoneDetector.DEFAULT_REGIONS, SecretDetectors.types(),
        List.of(), Fingerprints.fromEnvironment().keyForWorkers(), SecretAllowlist.none(), 1024);
  }

  /** The PII types to find; an empty list finds none. */
  public ScanRecords withPiiTypes(List<String> types) {
    return new ScanRecords(types, phoneRegions, secretTypes, textFields, fingerprintKey, allowlist,
        maxRawChars);
  }

  /** The regions whose numbering plans national phone numbers are checked against. */
  public ScanRecords withPhoneRegions(List<String> regions) {
    return new ScanRecords(piiTypes, regions, secretTypes, textFields, fingerprintKey, allowlist,
        maxRawChars);
  }

  /** The secret types to find; an empty list finds none. */
  public ScanRecords withSecretTypes(List<String> types) {
    return new ScanRecords(piiTypes, phoneRegions, types, textFields, fingerprintKey, allowlist,
        maxRawChars);
  }

  /** Only the strings at or under these JSON Pointers ({@code *} matches one segment). */
  public ScanRecords withTextFields(List<String> pointers) {
    return new ScanRecords(piiTypes, phoneRegions, secretTypes, pointers, fingerprintKey, allowlist,
        maxRawChars);
  }

  /** The HMAC key of secret fingerprints. */
  public ScanRecords withFingerprintKey(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("fingerprintKey must not be empty");
    }
    return new ScanRecords(piiTypes, phoneRegions, secretTypes, textFields, key, allowlist,
        maxRawChars);
  }

  /** Secrets this allowlist allows are dropped (and counted as allowed). */
  public ScanRecords withAllowlist(SecretAllowlist allow) {
    return new ScanRecords(piiTypes, phoneRegions, secretTypes, textFields, fingerprintKey, allow,
        maxRawChars);
  }

  public ScanRecords withDeadLetterRawChars(int chars) {
    return new ScanRecords(piiTypes, phoneRegions, secretTypes, textFields, fingerprintKey,
        allowlist, chars);
  }

  @Override
  String parDoName() {
    return "Scan";
  }

  @Override
  String stepName() {
    return "ScanRecords";
  }

  List<String> piiTypes() {
    return piiTypes;
  }

  List<String> secretTypes() {
    return secretTypes;
  }

  List<String> textFields() {
    return textFields;
  }

  @Override
  RecordStepFn fn(String step) {
    return new ScanFn(step, piiTypes, phoneRegions, secretTypes, textFields, fingerprintKey,
        allowlist, maxRawChars);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("piiTypes", String.join(",", piiTypes)).withLabel("PII types"))
        .add(DisplayData.item("secretTypes", String.join(",", secretTypes))
            .withLabel("Secret types"))
        .add(DisplayData.item("textFields", String.join(",", textFields)).withLabel("Fields"));
  }

  static final class ScanFn extends RecordStepFn {
    private final List<String> piiTypes;
    private final List<String> phoneRegions;
    private final List<String> secretTypes;
    private final List<String> textFields;
    private final String fingerprintKey;
    private final SecretAllowlist allowlist;
    private final Counter recordsWithPii = Metrics.counter(ScanFn.class, "records_with_pii");
    private final Counter recordsWithSecrets =
        Metrics.counter(ScanFn.class, "records_with_secrets");
    private final Counter allowed = Metrics.counter(ScanFn.class, "secrets_allowed");
    private final Counter byLayout =
        Metrics.counter(ScanFn.class, "strings_phones_judged_by_layout");
    private transient RecordScanner scanner;
    private transient Map<String, Counter> found;

    ScanFn(String step, List<String> piiTypes, List<String> phoneRegions,
        List<String> secretTypes, List<String> textFields, String fingerprintKey,
        SecretAllowlist allowlist, int maxRawChars) {
      super(step, maxRawChars);
      this.piiTypes = piiTypes;
      this.phoneRegions = phoneRegions;
      this.secretTypes = secretTypes;
      this.textFields = textFields;
      this.fingerprintKey = fingerprintKey;
      this.allowlist = allowlist;
    }

    @Override
    void setUpStep() {
      // Secrets first: resolution does not depend on the order, but ties between equal matches of
      // one category keep the detectors' order, as in two separate scanners.
      List<Detector> detectors = new ArrayList<>(SecretDetectors.forTypes(secretTypes));
      detectors.addAll(PiiDetectors.forTypes(piiTypes, phoneRegions));
      scanner = new RecordScanner(new TextScanner(detectors), FieldSelector.of(textFields),
          new Fingerprints(fingerprintKey), allowlist);
      found = new HashMap<>();
      for (String t : piiTypes) {
        found.put(t, Metrics.counter(ScanFn.class, "pii_found_" + t));
      }
      for (String t : secretTypes) {
        found.put(t, Metrics.counter(ScanFn.class, "secrets_found_" + t));
      }
    }

    @Override
    JsonlRecord apply(JsonlRecord r) {
      if (!scanner.scansAll() && !r.id().equals(r.ref().locator()) && scanner.holdsFinding(r.id())) {
        r = r.withLocationAsId(); // an id outside the selected fields is not scanned with them
      }
      RecordScanner.Result scan = scanner.scanCounting(r.leaves());
      if (scan.judgedByLayout() > 0) {
        byLayout.inc(scan.judgedByLayout());
      }
      if (scan.allowed() > 0) {
        allowed.inc(scan.allowed());
        r = r.withAllowedSecrets(r.allowedSecrets() + scan.allowed());
      }
      List<Finding> findings = scan.findings();
      if (findings.isEmpty()) {
        return r;
      }
      List<Finding> secrets = new ArrayList<>();
      boolean pii = false;
      for (Finding f : findings) {
        found.get(f.type()).inc();
        if (f.category() == Category.SECRET) {
          secrets.add(f);
        } else {
          pii = true;
        }
      }
      if (pii) {
        recordsWithPii.inc();
      }
      if (secrets.isEmpty()) {
        return r.withFindings(findings);
      }
      recordsWithSecrets.inc();
      List<Finding> allPii = new ArrayList<>();
      for (Finding f : r.findings()) { // found by an earlier step
        if (f.category() == Category.PII) {
          allPii.add(f);
        }
      }
      for (Finding f : findings) {
        if (f.category() == Category.PII) {
          allPii.add(f);
        }
      }
      return r.withAllFindings(RecordScanner.withSecrets(allPii, secrets));
    }
  }
}
