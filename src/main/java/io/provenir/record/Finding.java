package io.provenir.record;

import io.provenir.scan.Category;

/**
 * A sensitive value found in one string of a record. Never holds the value itself.
 *
 * @param pointer JSON Pointer of the string
 * @param type e.g. {@code EMAIL}, {@code AWS_ACCESS_KEY}
 * @param category PII or secret
 * @param start first code point of the value in the string (Python slicing semantics)
 * @param end one past the last code point
 * @param detector id of the detector that matched
 * @param fingerprint for secrets, a truncated keyed hash of the value (see
 *     {@code io.provenir.secrets.Fingerprints}); null for PII
 * @param inKey whether the value is in the object key of the member {@code pointer} names, not in
 *     its value
 */
public record Finding(
    String pointer,
    String type,
    Category category,
    int start,
    int end,
    String detector,
    String fingerprint,
    boolean inKey) {

  /** A finding in a string value. */
  public Finding(String pointer, String type, Category category, int start, int end,
      String detector, String fingerprint) {
    this(pointer, type, category, start, end, detector, fingerprint, false);
  }
}
