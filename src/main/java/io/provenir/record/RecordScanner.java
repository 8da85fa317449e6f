package io.provenir.record;

import io.provenir.scan.Category;
import io.provenir.scan.Detection;
import io.provenir.scan.Detector;
import io.provenir.scan.ScanBudget;
import io.provenir.scan.TextScanner;
import io.provenir.secrets.Fingerprints;
import io.provenir.secrets.SecretAllowlist;
import java.util.ArrayList;
import java.util.List;

/**
 * Scans the selected string leaves of a record with a {@link TextScanner} (its integers of card
 * lengths with the detectors that {@linkplain Detector#readsNumbers read numbers}) and reports
 * {@link Finding}s with code-point offsets. Secret findings carry a fingerprint, never the value.
 * Thread-safe.
 *
 * <p>One scanner may hold PII and secret detectors together: each string is then profiled and
 * resolved once (a PII match that overlaps a secret is dropped, as {@link #withSecrets} drops it
 * after two separate scans), and the findings come PII first, then secrets, as after two scans.
 * Where the allowlist drops a secret, the PII under it is found again by the PII detectors alone,
 * so an allowed secret never hides PII.
 */
public final class RecordScanner {

  private final TextScanner scanner;
  private final FieldSelector fields;
  private final Fingerprints fingerprints;
  private final SecretAllowlist allowlist;
  /** The PII detectors alone, when the scanner also finds secrets that the allowlist may drop. */
  private final TextScanner piiAlone;
  /** The detectors that read integers ({@link Detector#readsNumbers}), or null when none does. */
  private final TextScanner numbers;

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
    List<Detector> pii = new ArrayList<>();
    for (Detector d : scanner.detectors()) {
      if (d.category() == Category.PII) {
        pii.add(d);
      }
    }
    this.piiAlone = !allowlist.isEmpty() && !pii.isEmpty()
        && pii.size() < scanner.detectors().size() ? new TextScanner(pii) : null;
    List<Detector> readNumbers = scanner.detectors().stream().filter(Detector::readsNumbers)
        .toList();
    this.numbers = readNumbers.isEmpty() ? null : new TextScanner(readNumbers);
  }

  /**
   * What a scan found, how many secrets the allowlist dropped, and in how many strings phone
   * numbers were judged by layout once the string had spent its libphonenumber questions
   * ({@link io.provenir.scan.ScanBudget}: text dense with numbers).
   */
  public record Result(List<Finding> findings, int allowed, int judgedByLayout) {}

  /**
   * Whether {@code text} holds a secret or PII value, whatever the fields selected: for a record
   * id that is not a selected string (a number, or a field left out of {@code scan.text_fields}),
   * which must not name the record in the outputs if it does.
   */
  public boolean holdsFinding(String text) {
    return !scanner.scan(text).isEmpty();
  }

  /** Whether every string is scanned (no {@code scan.text_fields}). */
  public boolean scansAll() {
    return fields.selectsAll();
  }

  /** Findings in the selected leaves, in document order; an empty list when none. */
  public List<Finding> scan(List<StringLeaf> leaves) {
    return scanCounting(leaves).findings();
  }

  /** Findings in the selected leaves, with the number of secrets the allowlist dropped. */
  public Result scanCounting(List<StringLeaf> leaves) {
    List<Finding> out = null;
    int allowed = 0;
    int spent = 0; // strings whose phone questions ran out, counted once each
    for (StringLeaf leaf : leaves) {
      // An object key is scanned when a selected field may lie under it: its text is part of
      // that field's pointer, which the outputs write.
      if (leaf.inKey() ? !fields.mayLeadTo(leaf.pointer()) : !fields.matches(leaf.pointer())) {
        continue;
      }
      List<Detection> ds;
      if (leaf.number()) {
        ds = numbers == null ? List.of() : numbers.scan(leaf.text());
      } else {
        ds = scanner.scan(leaf.text());
        if (ds.isEmpty() && !leaf.inKey()) {
          ds = scanner.wholeValueAt(leaf.pointer(), leaf.text());
        }
      }
      if (ds.isEmpty()) {
        continue;
      }
      if (out == null) {
        out = new ArrayList<>(ds.size());
      }
      String text = leaf.text();
      CodePoints cps = CodePoints.of(text);
      int leafStart = out.size();
      boolean allowedHere = false;
      for (Detection d : ds) {
        String fp = d.category() == Category.SECRET && fingerprints != null
            ? fingerprints.of(text.substring(d.start(), d.end()))
            : null;
        if (d.category() == Category.SECRET && !allowlist.isEmpty()
            && allowlist.allows(text.substring(d.start(), d.end()), fp)) {
          allowed++;
          allowedHere = true;
          continue;
        }
        out.add(finding(leaf, cps, d, fp));
      }
      if (allowedHere && piiAlone != null) {
        spent += ScanBudget.takeSpentStrings();
        rescanPii(leaf, cps, out, leafStart);
        ScanBudget.takeSpentStrings(); // the same string again: already counted
      }
    }
    return new Result(out == null ? List.of() : piiFirst(out), allowed,
        spent + ScanBudget.takeSpentStrings());
  }

  private static Finding finding(StringLeaf leaf, CodePoints cps, Detection d, String fp) {
    return new Finding(leaf.pointer(), d.type(), d.category(), cps.toCodePoint(d.start()),
        cps.toCodePoint(d.end()), d.detector(), fp, leaf.inKey());
  }

  /**
   * Replaces the PII findings of {@code leaf} (those from {@code leafStart} on) with what the PII
   * detectors alone find outside the secrets kept there: resolution dropped the PII under the
   * secret the allowlist has just let through.
   */
  private void rescanPii(StringLeaf leaf, CodePoints cps, List<Finding> out, int leafStart) {
    List<Finding> secrets = new ArrayList<>();
    for (Finding f : out.subList(leafStart, out.size())) {
      if (f.category() == Category.SECRET) {
        secrets.add(f);
      }
    }
    out.subList(leafStart, out.size()).clear();
    List<Finding> pii = new ArrayList<>();
    for (Detection d : piiAlone.scan(leaf.text())) {
      pii.add(finding(leaf, cps, d, null));
    }
    out.addAll(dropPiiUnderSecrets(pii, secrets));
    out.addAll(secrets);
  }

  /**
   * The PII findings, then the secrets, each in the order found ({@code all} itself when it holds
   * one kind).
   */
  private static List<Finding> piiFirst(List<Finding> all) {
    int secrets = 0;
    for (Finding f : all) {
      secrets += f.category() == Category.SECRET ? 1 : 0;
    }
    if (secrets == 0 || secrets == all.size()) {
      return all;
    }
    List<Finding> sorted = new ArrayList<>(all.size());
    for (Finding f : all) {
      if (f.category() == Category.PII) {
        sorted.add(f);
      }
    }
    for (Finding f : all) {
      if (f.category() != Category.PII) {
        sorted.add(f);
      }
    }
    return sorted;
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
