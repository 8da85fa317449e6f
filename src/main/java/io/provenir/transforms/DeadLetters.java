package io.provenir.transforms;

import io.provenir.record.DeadLetterFactory;
import io.provenir.record.Sensitive;
import io.provenir.record.TextRedactor;
import io.provenir.scan.TextScanner;

/** Dead-letter factories for DoFns: every PII and secret detector, whatever the spec enables. */
final class DeadLetters {

  private DeadLetters() {}

  /** A factory whose excerpts are redacted with every detector and cut to {@code maxRawChars}. */
  static DeadLetterFactory factory(int maxRawChars) {
    return new DeadLetterFactory(new TextRedactor(new TextScanner(Sensitive.detectors())),
        maxRawChars);
  }
}
