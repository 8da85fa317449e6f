package io.provenir.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.provenir.config.SpecException;
import io.provenir.scan.Category;
import io.provenir.scan.Detection;
import io.provenir.scan.TextScanner;
import io.provenir.secrets.SecretDetectors;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Record-level scoring of the secret detectors: does a record hold a secret? Reads labelled cases
 * ({@code {"id","text","secret","rule"}}, as in the gitleaks and detect-secrets corpora) or the
 * truth sidecar of {@code bench/make_corpus.py} with its corpus (a record is positive when a
 * secret was planted in it; decoys must not be flagged).
 */
public final class SecretEvaluation {


  private final TextScanner scanner = new TextScanner(SecretDetectors.all());

  /** Counts for one rule family, or for all. */
  public static final class Counts {
    long tp;
    long fn;
    long fp;
    long tn;

    public long tp() {
      return tp;
    }

    public long fn() {
      return fn;
    }

    public long fp() {
      return fp;
    }

    public long tn() {
      return tn;
    }

    public long total() {
      return tp + fn + fp + tn;
    }

    public double precision() {
      return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
    }

    public double recall() {
      return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
    }

    public double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** The share of cases on which detection and label agree. */
    public double agreement() {
      return total() == 0 ? 1.0 : (double) (tp + tn) / total();
    }
  }

  /** The scores of one set of cases. */
  public static final class Result {
    private final Counts all = new Counts();
    private final Map<String, Counts> byFamily = new TreeMap<>();
    private final Map<String, Long> foundTypes = new TreeMap<>();
    private final List<String> errors = new ArrayList<>();
    private long decoyRecords;
    private long flaggedDecoyRecords;

    public Counts all() {
      return all;
    }

    public Map<String, Counts> byFamily() {
      return byFamily;
    }

    /** Finding types seen on positive cases (what the detectors called them). */
    public Map<String, Long> foundTypes() {
      return foundTypes;
    }

    /** Mistakes, "FN family id: text" and "FP family id TYPE 'match': text". */
    public List<String> errors() {
      return errors;
    }

    public long decoyRecords() {
      return decoyRecords;
    }

    public long flaggedDecoyRecords() {
      return flaggedDecoyRecords;
    }
  }

  public Result evaluate(List<SecretCase> cases) {
    Result r = new Result();
    for (SecretCase c : cases) {
      List<String> hits = new ArrayList<>();
      boolean decoyFlagged = false;
      boolean hasDecoys = false;
      for (int i = 0; i < c.texts().size(); i++) {
        String text = c.texts().get(i);
        List<GoldSpan> decoys = c.decoys().isEmpty() ? List.of() : c.decoys().get(i);
        hasDecoys |= !decoys.isEmpty();
        for (Detection d : scanner.scan(text)) {
          if (d.category() != Category.SECRET) {
            continue;
          }
          hits.add(d.type() + " '" + abbreviate(text.substring(d.start(), d.end())) + "'");
          int s = text.codePointCount(0, d.start());
          int e = s + text.codePointCount(d.start(), d.end());
          for (GoldSpan g : decoys) {
            decoyFlagged |= g.overlaps(s, e);
          }
          if (c.secret()) {
            r.foundTypes.merge(d.type(), 1L, Long::sum);
          }
        }
      }
      boolean flagged = !hits.isEmpty();
      Counts f = r.byFamily.computeIfAbsent(c.family(), k -> new Counts());
      if (c.secret() && flagged) {
        f.tp++;
        r.all.tp++;
      } else if (c.secret()) {
        f.fn++;
        r.all.fn++;
        r.errors.add("FN " + c.family() + " " + c.id() + ": " + abbreviate(c.texts().get(0)));
      } else if (flagged) {
        f.fp++;
        r.all.fp++;
        r.errors.add("FP " + c.family() + " " + c.id() + " " + hits.get(0));
      } else {
        f.tn++;
        r.all.tn++;
      }
      if (hasDecoys) {
        r.decoyRecords++;
        if (decoyFlagged) {
          r.flaggedDecoyRecords++;
          r.errors.add("DECOY " + c.id() + " " + hits);
        }
      }
    }
    return r;
  }

  private static String abbreviate(String s) {
    String one = s.replace('\n', ' ');
    return one.length() > 100 ? one.substring(0, 100) + "..." : one;
  }

  /** Cases from {@code file}: labelled cases, or a truth sidecar with its corpus. */
  public static List<SecretCase> load(Path file, Path corpus) throws IOException, SpecException {
    if (Files.isDirectory(file)) {
      throw new SpecException("--cases " + file + ": a directory, not a cases file");
    }
    String first;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      first = r.readLine();
    } catch (NoSuchFileException e) {
      throw new SpecException("--cases " + file + ": file not found");
    }
    if (first == null) {
      throw new SpecException("--cases " + file + ": the file is empty");
    }
    JsonNode head = CaseLines.object(file, 1, first);
    if (head.has("text") && head.has("secret")) {
      List<SecretCase> cases = new ArrayList<>();
      int n = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode c = CaseLines.object(file, n, line);
        JsonNode secret = CaseLines.field(c, "secret", file, n);
        if (!secret.isBoolean()) { // "yes" would read as false: a positive scored as a negative
          throw new SpecException(file + ":" + n + ": 'secret' must be true or false, not "
              + (secret.isTextual() ? "a string" : secret.getNodeType().toString().toLowerCase(
                  java.util.Locale.ROOT)));
        }
        cases.add(new SecretCase(c.path("id").asText(file.getFileName() + ":" + n),
            List.of(CaseLines.field(c, "text", file, n).asText()), secret.asBoolean(),
            c.path("rule").asText("unknown"), List.of()));
      }
      return cases;
    }
    if (head.has("field") && head.has("kind")) {
      Path c = corpus != null ? corpus : CaseLoader.corpusOf(file);
      if (!Files.exists(c)) {
        throw new SpecException("--cases " + file + " is a truth sidecar, but its corpus " + c
            + " does not exist (pass --corpus)");
      }
      return corpusCases(file, c);
    }
    throw new SpecException("--cases " + file + ": line 1 is neither a labelled secret case (text,"
        + " secret) nor a make_corpus truth line (id, field, kind, type, start, end)");
  }

  private static List<SecretCase> corpusCases(Path truthFile, Path corpusFile)
      throws IOException, SpecException {
    Map<String, List<JsonNode>> truth = new HashMap<>();
    int lineNo = 0;
    for (String line : Files.readAllLines(truthFile, StandardCharsets.UTF_8)) {
      lineNo++;
      if (!line.isBlank()) {
        JsonNode t = CaseLines.object(truthFile, lineNo, line);
        for (String f : List.of("field", "kind", "type", "start", "end")) {
          CaseLines.field(t, f, truthFile, lineNo);
        }
        truth.computeIfAbsent(CaseLines.field(t, "id", truthFile, lineNo).asText(),
            k -> new ArrayList<>()).add(t);
      }
    }
    List<SecretCase> cases = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(corpusFile, StandardCharsets.UTF_8)) {
      String line;
      int recordLine = 0;
      while ((line = r.readLine()) != null) {
        recordLine++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode rec = CaseLines.object(corpusFile, recordLine, line);
        String id = rec.path("id").asText();
        List<JsonNode> labels = truth.getOrDefault(id, List.of());
        List<String> pointers = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (String f : List.of("prompt", "response")) {
          if (rec.path(f).isTextual()) {
            pointers.add("/" + f);
            texts.add(rec.get(f).asText());
          }
        }
        for (int i = 0; i < rec.path("messages").size(); i++) {
          pointers.add("/messages/" + i + "/content");
          texts.add(rec.path("messages").get(i).path("content").asText());
        }
        String family = "none";
        boolean secret = false;
        List<List<GoldSpan>> decoys = new ArrayList<>();
        for (String p : pointers) {
          List<GoldSpan> ds = new ArrayList<>();
          for (JsonNode t : labels) {
            if (!CaseLoader.pointerOf(t.get("field").asText()).equals(p)) {
              continue;
            }
            if (t.get("kind").asText().equals("secret")) {
              secret = true;
              family = t.get("type").asText();
            } else if (t.get("kind").asText().equals("decoy")) {
              ds.add(CaseLines.span(t.get("type").asText(), t.get("start"), t.get("end"), false,
                  texts.get(pointers.indexOf(p)), corpusFile, recordLine));
            }
          }
          decoys.add(ds);
        }
        cases.add(new SecretCase(id, texts, secret, family, decoys));
      }
    }
    return cases;
  }
}
