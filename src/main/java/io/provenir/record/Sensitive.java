package io.provenir.record;

import io.provenir.pii.PiiDetectors;
import io.provenir.scan.Detector;
import io.provenir.scan.TextScanner;
import io.provenir.secrets.SecretDetectors;
import java.util.ArrayList;
import java.util.List;

/**
 * Every PII and secret detector, whatever a spec enables: for text that is shown outside the
 * scanned outputs (an id or field name in an error message, a dead-letter excerpt), which must
 * not carry a value any detector would find. Thread-safe.
 */
public final class Sensitive {

  private Sensitive() {}

  /** Every PII detector (default phone regions), then every secret detector. */
  public static List<Detector> detectors() {
    List<Detector> all = new ArrayList<>(PiiDetectors.all());
    all.addAll(SecretDetectors.all());
    return all;
  }

  private static final class Holder {
    static final TextScanner SCANNER = new TextScanner(detectors());
  }

  /** Whether any PII or secret detector finds something in {@code text}. */
  public static boolean holdsFinding(String text) {
    return !Holder.SCANNER.scan(text).isEmpty();
  }
}
