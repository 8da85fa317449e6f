package io.provenir.eval;

import io.provenir.pii.PiiDetectors;
import io.provenir.pii.PiiType;
import io.provenir.scan.Category;
import io.provenir.scan.Detection;
import io.provenir.scan.Detector;
import io.provenir.scan.TextScanner;
import io.provenir.secrets.SecretDetectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scores the PII detectors on labelled cases as the pipeline runs them: every PII and secret
 * detector together, so that overlaps resolve as in a real run; only PII detections of a case's
 * checked types count.
 *
 * <p>Exact match: same type and same code-point span. Overlap match: same type and overlapping
 * spans (each label matched once). A detection of a weak label is neither a true nor a false
 * positive, and a missed weak label is not a false negative.
 */
public final class PiiEvaluation {

  private final List<String> defaultRegions;
  private final Map<List<String>, TextScanner> scanners = new HashMap<>();

  public PiiEvaluation(List<String> defaultPhoneRegions) {
    this.defaultRegions = List.copyOf(defaultPhoneRegions);
  }

  /** The scores of one set of cases. */
  public static final class Result {
    private final Map<String, TypeScores> byType = new TreeMap<>();
    private long cases;
    private long decoyRecords;
    private long flaggedDecoyRecords;
    private final List<String> errors = new ArrayList<>();

    public Map<String, TypeScores> byType() {
      return byType;
    }

    /** Every type together (micro-averaged). */
    public TypeScores all() {
      TypeScores t = new TypeScores();
      byType.values().forEach(t::add);
      return t;
    }

    public long cases() {
      return cases;
    }

    public long decoyRecords() {
      return decoyRecords;
    }

    public long flaggedDecoyRecords() {
      return flaggedDecoyRecords;
    }

    public double decoyFlagRate() {
      return decoyRecords == 0 ? 0 : (double) flaggedDecoyRecords / decoyRecords;
    }

    /** The exact-span mistakes: "FP TYPE case-id [s,e) 'text'" and "FN ...". */
    public List<String> errors() {
      return errors;
    }

    TypeScores type(String t) {
      return byType.computeIfAbsent(t, k -> new TypeScores());
    }
  }

  public Result evaluate(List<LabelledCase> cases) {
    Result r = new Result();
    Set<String> decoyGroups = new HashSet<>();
    Set<String> flaggedGroups = new HashSet<>();
    for (LabelledCase c : cases) {
      r.cases++;
      List<int[]> preds = new ArrayList<>();
      List<String> predTypes = new ArrayList<>();
      String text = c.text();
      for (Detection d : scanner(c.phoneRegions()).scan(text)) {
        if (d.category() != Category.PII) {
          continue;
        }
        int s = text.codePointCount(0, d.start());
        int e = s + text.codePointCount(d.start(), d.end());
        if (!c.decoys().isEmpty() && overlapsAny(c.decoys(), s, e)) {
          flaggedGroups.add(c.group());
        }
        if (c.checkedTypes().contains(d.type())) {
          preds.add(new int[] {s, e});
          predTypes.add(d.type());
        }
      }
      if (!c.decoys().isEmpty()) {
        decoyGroups.add(c.group());
      }
      score(c, preds, predTypes, r);
    }
    r.decoyRecords = decoyGroups.size();
    r.flaggedDecoyRecords = flaggedGroups.size();
    return r;
  }

  private static void score(LabelledCase c, List<int[]> preds, List<String> predTypes, Result r) {
    List<GoldSpan> gold = c.entities();
    for (GoldSpan g : gold) {
      if (!g.weak() && c.checkedTypes().contains(g.type())) {
        r.type(g.type()).gold++;
      }
    }
    boolean[] exactUsed = new boolean[gold.size()];
    boolean[] overlapUsed = new boolean[gold.size()];
    for (int p = 0; p < preds.size(); p++) {
      int s = preds.get(p)[0];
      int e = preds.get(p)[1];
      String type = predTypes.get(p);
      TypeScores ts = r.type(type);
      int exact = -1;
      int overlap = -1;
      boolean touchesWeak = false;
      for (int g = 0; g < gold.size(); g++) {
        GoldSpan gs = gold.get(g);
        if (!gs.type().equals(type) || !gs.overlaps(s, e)) {
          continue;
        }
        if (gs.weak()) {
          touchesWeak = true;
          continue;
        }
        if (gs.start() == s && gs.end() == e && !exactUsed[g]) {
          exact = g;
        }
        if (overlap < 0 && !overlapUsed[g]) {
          overlap = g;
        }
      }
      if (exact >= 0) {
        exactUsed[exact] = true;
        ts.exactTp++;
      } else if (!touchesWeak) {
        ts.exactFp++;
        r.errors.add(describe("FP", type, c, s, e));
      }
      if (exact >= 0 && !overlapUsed[exact]) {
        overlap = exact;
      }
      if (overlap >= 0) {
        overlapUsed[overlap] = true;
        ts.overlapTp++;
      } else if (!touchesWeak) {
        ts.overlapFp++;
      }
    }
    for (int g = 0; g < gold.size(); g++) {
      GoldSpan gs = gold.get(g);
      if (gs.weak() || !c.checkedTypes().contains(gs.type())) {
        continue;
      }
      if (!exactUsed[g]) {
        r.type(gs.type()).exactFn++;
        r.errors.add(describe("FN", gs.type(), c, gs.start(), gs.end()));
      }
      if (!overlapUsed[g]) {
        r.type(gs.type()).overlapFn++;
      }
    }
  }

  private static String describe(String kind, String type, LabelledCase c, int s, int e) {
    String t = c.text();
    int from = t.offsetByCodePoints(0, s);
    int to = t.offsetByCodePoints(0, e);
    String context = t.substring(Math.max(0, from - 30), Math.min(t.length(), to + 30))
        .replace('\n', ' ');
    return kind + " " + type + " " + c.id() + " [" + s + "," + e + ") '" + t.substring(from, to)
        + "' in '" + context + "'";
  }

  private static boolean overlapsAny(List<GoldSpan> spans, int s, int e) {
    for (GoldSpan g : spans) {
      if (g.overlaps(s, e)) {
        return true;
      }
    }
    return false;
  }

  private TextScanner scanner(List<String> regions) {
    List<String> key = regions == null ? defaultRegions : regions;
    return scanners.computeIfAbsent(key, k -> {
      List<Detector> all = new ArrayList<>(PiiDetectors.forTypes(PiiType.names(), k));
      all.addAll(SecretDetectors.all());
      return new TextScanner(all);
    });
  }
}
