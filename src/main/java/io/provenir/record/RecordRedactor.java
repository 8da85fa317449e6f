package io.provenir.record;

import io.provenir.pii.PiiMasking;
import io.provenir.scan.Category;
import io.provenir.scan.Placeholders;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces findings in a record's raw JSON line with placeholders, byte for byte: only the bytes of
 * each found value change; keys, key order, whitespace, number formats, escapes and every other
 * string stay exactly as they were. Secrets always become {@code [SECRET:TYPE]}; PII becomes
 * what the {@link PiiMasking} says (a placeholder by default) when PII masking is on. Thread-safe
 * and idempotent: what it writes is never detected again.
 */
public final class RecordRedactor {

  private final PiiMasking masking;

  /** @param masking how PII is masked, or null to leave PII as it is (secrets are still redacted) */
  public RecordRedactor(PiiMasking masking) {
    this.masking = masking;
  }

  /** Placeholders for PII when {@code maskPii}, else PII left as it is. */
  public RecordRedactor(boolean maskPii) {
    this(maskPii ? PiiMasking.placeholders() : null);
  }

  /** Whether {@code f} is replaced by this redactor. */
  public boolean replaces(Finding f) {
    return f.category() == Category.SECRET || masking != null;
  }

  /** The raw line with every replaced finding substituted; {@code raw} itself if none applies. */
  public byte[] redact(byte[] raw, List<StringLeaf> leaves, List<Finding> findings) {
    Map<String, List<Finding>> byPointer = new HashMap<>();
    for (Finding f : findings) {
      if (replaces(f)) {
        byPointer.computeIfAbsent(slot(f.pointer(), f.inKey()), k -> new ArrayList<>()).add(f);
      }
    }
    if (byPointer.isEmpty()) {
      return raw;
    }
    List<Splice> splices = new ArrayList<>();
    PiiMasking.Session session = masking == null ? null : masking.session();
    for (StringLeaf leaf : leaves) {
      List<Finding> fs = byPointer.get(slot(leaf.pointer(), leaf.inKey()));
      if (fs != null) {
        fs.sort(Comparator.comparingInt(Finding::start));
        splicesFor(raw, leaf, fs, session, splices);
      }
    }
    splices.sort(Comparator.comparingInt(Splice::from));
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
    int pos = 0;
    for (Splice s : splices) {
      if (s.from < pos) {
        continue; // overlapping findings: the first one already covers this span
      }
      out.write(raw, pos, s.from - pos);
      out.write(s.replacement, 0, s.replacement.length);
      pos = s.to;
    }
    out.write(raw, pos, raw.length - pos);
    return out.toByteArray();
  }

  private record Splice(int from, int to, byte[] replacement) {}

  /** A key for the string at {@code pointer}: its value, or its member's key. */
  private static String slot(String pointer, boolean inKey) {
    return inKey ? pointer + "\u0000key" : pointer;
  }

  private static void splicesFor(byte[] raw, StringLeaf leaf, List<Finding> fs,
      PiiMasking.Session session, List<Splice> out) {
    CodePoints cps = CodePoints.of(leaf.text());
    int[] utf16 = new int[fs.size() * 2];
    for (int i = 0; i < fs.size(); i++) {
      utf16[2 * i] = cps.toUtf16(fs.get(i).start());
      utf16[2 * i + 1] = cps.toUtf16(fs.get(i).end());
    }
    int[] bytePos = RawStrings.bytePositions(raw, leaf.rawStart(), utf16);
    for (int i = 0; i < fs.size(); i++) {
      Finding f = fs.get(i);
      String placeholder = f.category() == Category.SECRET
          ? Placeholders.secret(f.type())
          : session.replacement(f.type(), leaf.text().substring(utf16[2 * i], utf16[2 * i + 1]));
      out.add(new Splice(bytePos[2 * i], bytePos[2 * i + 1],
          RawStrings.jsonEscape(placeholder).getBytes(StandardCharsets.UTF_8)));
    }
  }
}
