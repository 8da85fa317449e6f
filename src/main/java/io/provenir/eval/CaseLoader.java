package io.provenir.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.provenir.config.SpecException;
import io.provenir.pii.PiiType;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads labelled PII cases in either of two formats, told apart by their first line:
 *
 * <ul>
 *   <li>Presidio-style cases: {@code {"id","text","entities":[{"type","start","end","weak"?}],
 *       "checked_types":[...],"params":{"supported_regions":[...]}}}, offsets in code points.
 *   <li>The ground-truth sidecar of {@code bench/make_corpus.py} ({@code {"id","field","kind",
 *       "type","start","end","value"}}), read with its corpus (the sidecar's name without
 *       {@code .truth}). Every text field of every record becomes a case in which all PII types
 *       are checked, so unlabelled detections count as false positives; planted secrets are not
 *       PII; decoys are kept to count how many records they get flagged in.
 * </ul>
 */
public final class CaseLoader {

  private static final Map<String, String> CORPUS_TYPES = Map.of(
      "email", "EMAIL", "phone", "PHONE", "ssn", "SSN", "credit_card", "CREDIT_CARD",
      "ipv4", "IP_ADDRESS", "ipv6", "IP_ADDRESS");

  private CaseLoader() {}

  /** Cases from {@code file}; a sidecar's corpus is {@code corpus} or found next to it. */
  public static List<LabelledCase> load(Path file, Path corpus) throws IOException, SpecException {
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
    if (head.has("text") && head.has("entities")) {
      return presidio(file);
    }
    if (head.has("field") && head.has("kind")) {
      Path c = corpus != null ? corpus : corpusOf(file);
      if (!Files.exists(c)) {
        throw new SpecException("--cases " + file + " is a truth sidecar, but its corpus " + c
            + " does not exist (pass --corpus)");
      }
      return corpus(file, c);
    }
    throw new SpecException("--cases " + file + ": line 1 is neither a labelled case (text,"
        + " entities) nor a make_corpus truth line (id, field, kind, type, start, end)");
  }

  static Path corpusOf(Path truth) {
    String name = truth.getFileName().toString();
    String base = name.endsWith(".truth.jsonl")
        ? name.substring(0, name.length() - ".truth.jsonl".length()) + ".jsonl"
        : name.replace(".truth", "");
    return truth.resolveSibling(base);
  }

  private static List<LabelledCase> presidio(Path file) throws IOException, SpecException {
    List<LabelledCase> cases = new ArrayList<>();
    int lineNo = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = CaseLines.object(file, lineNo, line);
      if (!n.has("text")) {
        throw new SpecException(file + ":" + lineNo + ": a case needs 'text'");
      }
      String id = n.path("id").asText(file.getFileName() + ":" + lineNo);
      String text = n.get("text").asText();
      List<GoldSpan> entities = new ArrayList<>();
      for (JsonNode e : n.path("entities")) {
        entities.add(CaseLines.span(CaseLines.field(e, "type", file, lineNo).asText(),
            CaseLines.field(e, "start", file, lineNo), CaseLines.field(e, "end", file, lineNo),
            e.path("weak").asBoolean(false), text, file, lineNo));
      }
      Set<String> checked = new LinkedHashSet<>();
      n.path("checked_types").forEach(t -> checked.add(t.asText()));
      if (checked.isEmpty()) {
        checked.addAll(PiiType.names());
      }
      List<String> regions = null;
      if (n.path("params").has("supported_regions")) {
        regions = new ArrayList<>();
        for (JsonNode r : n.path("params").path("supported_regions")) {
          // Presidio's "UK" is ISO 3166's GB
          regions.add(r.asText().equals("UK") ? "GB" : r.asText());
        }
      }
      cases.add(new LabelledCase(id, id, text, entities, checked, List.of(), regions));
    }
    return cases;
  }

  private static List<LabelledCase> corpus(Path truthFile, Path corpusFile)
      throws IOException, SpecException {
    Map<String, Map<String, List<JsonNode>>> truth = new HashMap<>();
    try (BufferedReader r = Files.newBufferedReader(truthFile, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (!line.isBlank()) {
          JsonNode t = CaseLines.object(truthFile, lineNo, line);
          for (String f : List.of("kind", "type", "start", "end")) {
            CaseLines.field(t, f, truthFile, lineNo);
          }
          truth.computeIfAbsent(CaseLines.field(t, "id", truthFile, lineNo).asText(),
                  k -> new HashMap<>())
              .computeIfAbsent(pointerOf(CaseLines.field(t, "field", truthFile, lineNo).asText()),
                  k -> new ArrayList<>()).add(t);
        }
      }
    }
    Set<String> all = new LinkedHashSet<>(PiiType.names());
    List<LabelledCase> cases = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(corpusFile, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode rec = CaseLines.object(corpusFile, lineNo, line);
        String id = rec.path("id").asText();
        Map<String, List<JsonNode>> labels = truth.getOrDefault(id, Map.of());
        for (Map.Entry<String, String> field : textFields(rec).entrySet()) {
          List<GoldSpan> entities = new ArrayList<>();
          List<GoldSpan> decoys = new ArrayList<>();
          for (JsonNode t : labels.getOrDefault(field.getKey(), List.of())) {
            String kind = t.get("kind").asText();
            GoldSpan span = CaseLines.span(CORPUS_TYPES.getOrDefault(t.get("type").asText(),
                t.get("type").asText()), t.get("start"), t.get("end"), false, field.getValue(),
                corpusFile, lineNo);
            if (kind.equals("pii")) {
              entities.add(span);
            } else if (kind.equals("decoy")) {
              decoys.add(span);
            }
          }
          cases.add(new LabelledCase(id + field.getKey(), id, field.getValue(), entities, all,
              decoys, null));
        }
      }
    }
    return cases;
  }

  /** The text fields make_corpus plants into: prompt, response, messages[i].content. */
  private static Map<String, String> textFields(JsonNode rec) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String f : List.of("prompt", "response")) {
      if (rec.path(f).isTextual()) {
        out.put("/" + f, rec.get(f).asText());
      }
    }
    JsonNode msgs = rec.path("messages");
    for (int i = 0; i < msgs.size(); i++) {
      if (msgs.get(i).path("content").isTextual()) {
        out.put("/messages/" + i + "/content", msgs.get(i).get("content").asText());
      }
    }
    return out;
  }

  /** {@code messages[2].content} becomes {@code /messages/2/content}. */
  static String pointerOf(String field) {
    return "/" + field.replaceAll("\\[(\\d+)\\]", "/$1").replace('.', '/');
  }
}
