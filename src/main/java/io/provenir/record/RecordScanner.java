package io.provenir.record;

import io.provenir.scan.Category;
import io.provenir.scan.Detection;
import io.provenir.scan.TextScanner;
import io.provenir.secrets.Fingerprints;
import io.provenir.secrets.SecretAllowlist;
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
  private final SecretAllowlist allowlist;

  /**
   * @param fingerprints used for secret findings; may be null when the scanner finds only PII
   */
  public RecordScanner(TextScanner scanner, FieldSelector fields, Fingerprints fingerprints) {
    this(scanner, fields, fingerprints, SecretAllowlist.none());
  }

  /** With secrets that {@code allowlist} allows dropped. */
  public RecordScanner(TextScanner scanner, FieldSelector fields, Fingerprints fingerprints,
      SecretAllowlist allowlist) {
    this.scanner = scanner;
    this.fields = fields;
    this.fingerprints = fingerprints;
    this.allowlist = allowlist;
  }

  /** What a scan found, and how many secrets the allowlist dropped. */
  public record Result(List<Finding> findings, int allowed) {}

  /** Findings in the selected leaves, in document order; an empty list when none. */
  public List<Finding> scan(List<StringLeaf> leaves) {
    return scanCounting(leaves).findings();
  }

  /** Findings in the selected leaves, with the number of secrets the allowlist dropped. */
  public Result scanCounting(List<StringLeaf> leaves) {
    List<Finding> out = null;
    int allowed = 0;
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
        if (d.category() == Category.SECRET && !allowlist.isEmpty()
            && allowlist.allows(text.substring(d.start(), d.end()), fp)) {
          allowed++;
          continue;
        }
        out.add(new Finding(leaf.pointer(), d.type(), d.category(), cps.toCodePoint(d.start()),
            cps.toCodePoint(d.end()), d.detector(), fp, leaf.inKey()));
      }
    }
    return new Result(out == null ? List.of() : out, allowed);
  }

  /**
   * A record's findings once its secrets are known: its PII findings that no secret overlaps,
   * then the secrets.
   */
  public static List<Finding> withSecrets(List<Finding> pii, List<Finding> secrets) {
    List<Finding> all = new ArrayList<>(dropPiiUnderSecrets(pii, secrets));
    all.addAll(secrets);
    return all;
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
        if (s.pointer().equals(p.pointer()) && s.inKey() == p.inKey() && s.start() < p.end()
            && p.start() < s.end()) {
          continue outer;
        }
      }
      kept.add(p);
    }
    return kept;
  }
}
