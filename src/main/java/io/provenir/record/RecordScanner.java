package io.provenir.record;

import io.provenir.scan.Category;
import io.provenir.scan.Detection;
import io.provenir.scan.TextScanner;
import io.provenir.secrets.Fingerprints;
import java.util.ArrayList;
import java.util.List;

/**
 * Scans the selected string leaves of a record with a {@link TextScanner} and reports
 * {@link Finding}s with code-point offsets. Secret findings carry a fingerprint, never the value.
 * Thread-safe.
 */
public final class RecordScanner {

  private final TextScanner scanner;
  private final FieldSelector fields;
  private final Fingerprints fingerprints;

  /**
   * @param fingerprints used for secret findings; may be null when the scanner finds only PII
   */
  public RecordScanner(TextScanner scanner, FieldSelector fields, Fingerprints fingerprints) {
    this.scanner = scanner;
    this.fields = fields;
    this.fingerprints = fingerprints;
  }

  /** Findings in the selected leaves, in document order; an empty list when none. */
  public List<Finding> scan(List<StringLeaf> leaves) {
    List<Finding> out = null;
    for (StringLeaf leaf : leaves) {
      if (!fields.matches(leaf.pointer())) {
        continue;
      }
      List<Detection> ds = scanner.scan(leaf.text());
      if (ds.isEmpty()) {
        continue;
      }
      if (out == null) {
        out = new ArrayList<>(ds.size());
      }
      String text = leaf.text();
      CodePoints cps = CodePoints.of(text);
      for (Detection d : ds) {
        String fp = d.category() == Category.SECRET && fingerprints != null
            ? fingerprints.of(text.substring(d.start(), d.end()))
            : null;
        out.add(new Finding(leaf.pointer(), d.type(), d.category(), cps.toCodePoint(d.start()),
            cps.toCodePoint(d.end()), d.detector(), fp));
      }
    }
    return out == null ? List.of() : out;
  }

  /**
   * {@code pii} without the findings that overlap a secret in the same string: the secret wins,
   * since its replacement covers the PII and the record is held back.
   */
  public static List<Finding> dropPiiUnderSecrets(List<Finding> pii, List<Finding> secrets) {
    if (secrets.isEmpty() || pii.isEmpty()) {
      return pii;
    }
    List<Finding> kept = new ArrayList<>(pii.size());
    outer:
    for (Finding p : pii) {
      for (Finding s : secrets) {
        if (s.pointer().equals(p.pointer()) && s.start() < p.end() && p.start() < s.end()) {
          continue outer;
        }
      }
      kept.add(p);
    }
    return kept;
  }
}
