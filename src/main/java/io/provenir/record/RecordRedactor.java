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
 * string stay exactly as they were. An integer with a finding (a card number stored as a number)
 * becomes a string: {@code 4539578763621486} is written {@code "[CREDIT_CARD]"}. Secrets always become {@code [SECRET:TYPE]}; PII becomes
 * what the {@link PiiMasking} says (a placeholder by default) when PII masking is on. Thread-safe
 * and idempotent: what it writes is never detected again.
 *
 * <p>Object keys are masked like values, but an object must not end up with two members of the
 * same name ({@code {"alice@x.org": 1, "bob@y.org": 2}} would become two {@code "[EMAIL]"} keys,
 * and a JSON reader keeps only the last). A masked key that equals a sibling key gets a suffix
 * {@code #2}, {@code #3}, ... (the first number that makes it unique), in document order.
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
    PiiMasking.Session session = masking == null ? null : masking.numbersPerRecord()
        ? masking.session(new String(raw, StandardCharsets.UTF_8)) : masking.session();
    Map<StringLeaf, String> maskedKeys = null;
    for (StringLeaf leaf : leaves) {
      List<Finding> fs = byPointer.get(slot(leaf.pointer(), leaf.inKey()));
      if (fs != null) {
        fs.sort(Comparator.comparingInt(Finding::start));
        String masked = leaf.number() ? numberSplice(leaf, fs, session, splices)
            : splicesFor(raw, leaf, fs, session, splices);
        if (leaf.inKey()) {
          if (maskedKeys == null) {
            maskedKeys = new HashMap<>();
          }
          maskedKeys.put(leaf, masked);
        }
      }
    }
    if (maskedKeys != null) {
      disambiguateKeys(raw, leaves, maskedKeys, splices);
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

  /**
   * Adds a suffix splice to every masked key that would repeat a name its object already has
   * (an unmasked sibling, or a masked one earlier in the line).
   */
  private static void disambiguateKeys(byte[] raw, List<StringLeaf> leaves,
      Map<StringLeaf, String> maskedKeys, List<Splice> splices) {
    Map<String, java.util.Set<String>> names = new HashMap<>(); // parent pointer -> key names
    for (StringLeaf leaf : leaves) {
      if (leaf.inKey() && !maskedKeys.containsKey(leaf)) {
        names.computeIfAbsent(parent(leaf.pointer()), k -> new java.util.HashSet<>())
            .add(leaf.text());
      }
    }
    for (StringLeaf leaf : leaves) {
      String masked = maskedKeys.get(leaf);
      if (masked == null) {
        continue;
      }
      java.util.Set<String> taken =
          names.computeIfAbsent(parent(leaf.pointer()), k -> new java.util.HashSet<>());
      String name = masked;
      for (int k = 2; taken.contains(name); k++) {
        name = masked + "#" + k;
      }
      taken.add(name);
      if (name.length() > masked.length()) {
        int end = RawStrings.bytePositions(raw, leaf.rawStart(),
            new int[] {leaf.text().length()})[0];
        splices.add(new Splice(end, end, RawStrings.jsonEscape(name.substring(masked.length()))
            .getBytes(StandardCharsets.UTF_8)));
      }
    }
  }

  /** The pointer of the object that holds the member at {@code pointer}. */
  private static String parent(String pointer) {
    return pointer.substring(0, pointer.lastIndexOf('/'));
  }

  /** What replaces {@code value}, found as {@code f}: a secret's placeholder, or PII's masking. */
  private static String replacement(Finding f, String value, PiiMasking.Session session) {
    return f.category() == Category.SECRET ? Placeholders.secret(f.type())
        : session.replacement(f.type(), value);
  }

  /**
   * Adds the splice of an integer's findings: the number becomes a string, its literal with the
   * placeholders in it (a number cannot hold {@code [CREDIT_CARD]}); returns that string.
   */
  private static String numberSplice(StringLeaf leaf, List<Finding> fs,
      PiiMasking.Session session, List<Splice> out) {
    String text = leaf.text(); // ASCII: code points are chars
    StringBuilder after = new StringBuilder(text.length() + 16);
    int pos = 0;
    for (Finding f : fs) {
      if (f.start() >= pos) {
        after.append(text, pos, f.start())
            .append(replacement(f, text.substring(f.start(), f.end()), session));
        pos = f.end();
      }
    }
    // A zero fraction after a masked integer part goes with it: "[CREDIT_CARD]", not ".0" after it.
    String masked = (pos == text.indexOf('.') ? after : after.append(text, pos, text.length()))
        .toString();
    out.add(new Splice(leaf.rawStart(), leaf.rawStart() + text.length(),
        ('"' + RawStrings.jsonEscape(masked) + '"').getBytes(StandardCharsets.UTF_8)));
    return masked;
  }

  /** Adds the splices of one string's findings; returns the string as it reads after them. */
  private static String splicesFor(byte[] raw, StringLeaf leaf, List<Finding> fs,
      PiiMasking.Session session, List<Splice> out) {
    CodePoints cps = CodePoints.of(leaf.text());
    int[] utf16 = new int[fs.size() * 2];
    for (int i = 0; i < fs.size(); i++) {
      utf16[2 * i] = cps.toUtf16(fs.get(i).start());
      utf16[2 * i + 1] = cps.toUtf16(fs.get(i).end());
    }
    int[] bytePos = RawStrings.bytePositions(raw, leaf.rawStart(), utf16);
    StringBuilder after = new StringBuilder(leaf.text().length());
    int pos = 0;
    for (int i = 0; i < fs.size(); i++) {
      Finding f = fs.get(i);
      String placeholder = replacement(f,
          leaf.text().substring(utf16[2 * i], utf16[2 * i + 1]), session);
      out.add(new Splice(bytePos[2 * i], bytePos[2 * i + 1],
          RawStrings.jsonEscape(placeholder).getBytes(StandardCharsets.UTF_8)));
      if (utf16[2 * i] >= pos) { // as redact() applies them: an overlapped finding is skipped
        after.append(leaf.text(), pos, utf16[2 * i]).append(placeholder);
        pos = utf16[2 * i + 1];
      }
    }
    return after.append(leaf.text(), pos, leaf.text().length()).toString();
  }
}
