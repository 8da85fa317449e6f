package io.provenir.record;

import io.provenir.decontam.Decontaminator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A parsed input record on its way through the pipeline: its raw line, its id, the findings so far
 * and, once masked, the output line. Immutable: every {@code with*} returns a new instance.
 *
 * <p>The string leaves are derived from the raw bytes; they are kept from the parse that created
 * the record and re-derived after (de)serialisation.
 */
public final class JsonlRecord {

  private final SourceRef ref;
  private final String id;
  private final byte[] raw;
  private final List<Finding> findings;
  private final byte[] output;
  private final int allowedSecrets;
  private final Decontaminator.Verdict decontamination;
  private volatile List<StringLeaf> leaves;

  public JsonlRecord(SourceRef ref, String id, byte[] raw, List<Finding> findings, byte[] output) {
    this(ref, id, raw, findings, output, 0, null);
  }

  /** @param allowedSecrets secrets found but allowed by the user's allowlist */
  public JsonlRecord(SourceRef ref, String id, byte[] raw, List<Finding> findings, byte[] output,
      int allowedSecrets) {
    this(ref, id, raw, findings, output, allowedSecrets, null, null);
  }

  /**
   * @param decontamination the result of the decontamination check, or null when not checked
   */
  public JsonlRecord(SourceRef ref, String id, byte[] raw, List<Finding> findings, byte[] output,
      int allowedSecrets, Decontaminator.Verdict decontamination) {
    this(ref, id, raw, findings, output, allowedSecrets, decontamination, null);
  }

  private JsonlRecord(
      SourceRef ref, String id, byte[] raw, List<Finding> findings, byte[] output,
      int allowedSecrets, Decontaminator.Verdict decontamination, List<StringLeaf> leaves) {
    this.ref = ref;
    this.id = id;
    this.raw = raw;
    this.findings = List.copyOf(findings);
    this.output = output;
    this.allowedSecrets = allowedSecrets;
    this.decontamination = decontamination;
    this.leaves = leaves;
  }

  /** The decontamination check's result, or null when the record was not checked. */
  public Decontaminator.Verdict decontamination() {
    return decontamination;
  }

  /** Whether the decontamination check matched an eval item. */
  public boolean contaminated() {
    return decontamination != null && decontamination.contaminated();
  }

  public JsonlRecord withDecontamination(Decontaminator.Verdict v) {
    return new JsonlRecord(ref, id, raw, findings, output, allowedSecrets, v, leaves);
  }

  /** Secrets found in this record but allowed by the user's allowlist (not in findings). */
  public int allowedSecrets() {
    return allowedSecrets;
  }

  public JsonlRecord withAllowedSecrets(int n) {
    return new JsonlRecord(ref, id, raw, findings, output, n, decontamination, leaves);
  }

  /**
   * Parses {@code line} into a record; its id is the id field when present, else the locator.
   *
   * @throws BadRecordException when the line is not one JSON object in valid UTF-8
   */
  public static JsonlRecord parse(JsonlLine line, JsonRecordParser parser)
      throws BadRecordException {
    JsonRecordParser.Parsed p = parser.parse(line.bytes());
    String id = p.id() != null ? p.id() : line.ref().locator();
    return new JsonlRecord(line.ref(), id, line.bytes(), List.of(), null, 0, null, p.leaves());
  }

  public SourceRef ref() {
    return ref;
  }

  public String id() {
    return id;
  }

  /** The input line's bytes. Do not modify. */
  public byte[] raw() {
    return raw;
  }

  public List<Finding> findings() {
    return findings;
  }

  /** The masked/redacted output line, or null before masking. Do not modify. */
  public byte[] output() {
    return output;
  }

  /** The record's string leaves in document order. */
  public List<StringLeaf> leaves() {
    List<StringLeaf> l = leaves;
    if (l == null) {
      try {
        l = new JsonRecordParser(null).parse(raw).leaves();
      } catch (BadRecordException e) {
        throw new IllegalStateException("a parsed record no longer parses", e);
      }
      leaves = l;
    }
    return l;
  }

  public boolean hasSecrets() {
    for (Finding f : findings) {
      if (f.category() == io.provenir.scan.Category.SECRET) {
        return true;
      }
    }
    return false;
  }

  public boolean hasPii() {
    for (Finding f : findings) {
      if (f.category() == io.provenir.scan.Category.PII) {
        return true;
      }
    }
    return false;
  }

  /** This record with {@code more} findings added. */
  public JsonlRecord withFindings(List<Finding> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<Finding> all = new ArrayList<>(findings.size() + more.size());
    all.addAll(findings);
    all.addAll(more);
    return new JsonlRecord(ref, id, raw, all, output, allowedSecrets, decontamination, leaves);
  }

  /** This record with its findings replaced. */
  public JsonlRecord withAllFindings(List<Finding> replaced) {
    return new JsonlRecord(ref, id, raw, replaced, output, allowedSecrets, decontamination, leaves);
  }

  /**
   * This record's output as a new record's raw line, without findings: for applying a second
   * transformation on top of a first.
   */
  public JsonlRecord outputAsRaw() {
    return output == null ? this : new JsonlRecord(ref, id, output, List.of(), null, 0);
  }

  /**
   * This record with its id replaced by its location when a finding lies in the string the id
   * came from, so that outputs that name the record (findings, quarantine, reports) never carry a
   * secret or PII value as its id.
   */
  public JsonlRecord withSafeId() {
    if (findings.isEmpty() || id.equals(ref.locator())) {
      return this;
    }
    for (Finding f : findings) {
      if (f.inKey()) {
        continue;
      }
      for (StringLeaf leaf : leaves()) {
        if (!leaf.inKey() && leaf.pointer().equals(f.pointer()) && leaf.text().equals(id)) {
          return new JsonlRecord(ref, ref.locator(), raw, findings, output, allowedSecrets,
              decontamination, leaves);
        }
      }
    }
    return this;
  }

  /** This record named by its location ({@code <file>:<line>}) instead of its id. */
  public JsonlRecord withLocationAsId() {
    return id.equals(ref.locator()) ? this : new JsonlRecord(ref, ref.locator(), raw, findings,
        output, allowedSecrets, decontamination, leaves);
  }

  /**
   * This record with every finding's pointer safe to write: a pointer through an object key that
   * holds a finding (e.g. {@code /users/jane@example.com/phone}) names that key by its placeholder
   * instead ({@code /users/[EMAIL]/phone}), so pointers never carry the value into findings,
   * quarantine lines or reports.
   */
  public JsonlRecord withSafePointers() {
    java.util.Map<String, String> placeholders = new java.util.HashMap<>();
    for (Finding f : findings) {
      if (f.inKey()) {
        placeholders.putIfAbsent(f.pointer(), f.category() == io.provenir.scan.Category.SECRET
            ? io.provenir.scan.Placeholders.secret(f.type())
            : io.provenir.scan.Placeholders.pii(f.type()));
      }
    }
    if (placeholders.isEmpty()) {
      return this;
    }
    List<Finding> safe = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      StringBuilder original = new StringBuilder();
      StringBuilder rewritten = new StringBuilder();
      for (String segment : f.pointer().substring(1).split("/", -1)) {
        original.append('/').append(segment);
        String ph = placeholders.get(original.toString());
        rewritten.append('/').append(ph == null ? segment : JsonPointers.escape(ph));
      }
      String p = rewritten.toString();
      safe.add(p.equals(f.pointer()) ? f : new Finding(p, f.type(), f.category(), f.start(),
          f.end(), f.detector(), f.fingerprint(), f.inKey()));
    }
    return new JsonlRecord(ref, id, raw, safe, output, allowedSecrets, decontamination, leaves);
  }

  /**
   * This record without its parsed leaves (they are parsed again from {@link #raw()} if asked
   * for): after masking no step reads them but decontamination, and a runner that holds records
   * between steps (the Direct Runner keeps a block's records in memory) holds half as much.
   */
  public JsonlRecord withoutLeaves() {
    return leaves == null ? this
        : new JsonlRecord(ref, id, raw, findings, output, allowedSecrets, decontamination, null);
  }

  public JsonlRecord withOutput(byte[] out) {
    return new JsonlRecord(ref, id, raw, findings, out, allowedSecrets, decontamination, leaves);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonlRecord r
        && ref.equals(r.ref)
        && id.equals(r.id)
        && java.util.Arrays.equals(raw, r.raw)
        && findings.equals(r.findings)
        && allowedSecrets == r.allowedSecrets
        && java.util.Objects.equals(decontamination, r.decontamination)
        && java.util.Arrays.equals(output, r.output);
  }

  @Override
  public int hashCode() {
    return 31 * ref.hashCode() + id.hashCode();
  }

  @Override
  public String toString() {
    // Never the content: records may hold PII or secrets.
    return "JsonlRecord{" + ref.locator() + ", id-length=" + id.length() + ", bytes=" + raw.length
        + ", findings=" + Collections.unmodifiableList(findings).size() + "}";
  }
}
