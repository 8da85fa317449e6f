package io.provenir.transforms;

import io.provenir.pii.PiiDetectors;
import io.provenir.record.DeadLetterFactory;
import io.provenir.record.TextRedactor;
import io.provenir.scan.Detector;
import io.provenir.scan.TextScanner;
import io.provenir.secrets.SecretDetectors;
import java.util.ArrayList;
import java.util.List;

/** Dead-letter factories for DoFns: every PII and secret detector, whatever the spec enables. */
final class DeadLetters {

  private DeadLetters() {}

  /** A factory whose excerpts are redacted with every detector and cut to {@code maxRawChars}. */
  static DeadLetterFactory factory(int maxRawChars) {
    List<Detector> all = new ArrayList<>(PiiDetectors.all());
    all.addAll(SecretDetectors.all());
    return new DeadLetterFactory(new TextRedactor(new TextScanner(all)), maxRawChars);
  }
}
