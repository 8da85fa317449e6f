package io.provenir.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provenir.config.SpecException;
import java.nio.file.Path;

/**
 * Reads one line of a cases file, with errors that name the file and line and never quote it (a
 * case is made of secrets and PII: Jackson's own messages quote the token they stop at).
 */
final class CaseLines {

  private static final ObjectMapper JSON = new ObjectMapper();

  private CaseLines() {}

  /** The line as a JSON object. */
  static JsonNode object(Path file, int lineNo, String line) throws SpecException {
    JsonNode n;
    try {
      n = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new SpecException(file + ":" + lineNo + ": invalid JSON at column "
          + e.getLocation().getColumnNr());
    }
    if (n == null || !n.isObject()) {
      throw new SpecException(file + ":" + lineNo + ": not a JSON object");
    }
    return n;
  }

  /** The member {@code name} of {@code n}, which must be there. */
  static JsonNode field(JsonNode n, String name, Path file, int lineNo) throws SpecException {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      throw new SpecException(file + ":" + lineNo + ": no '" + name + "'");
    }
    return v;
  }

  /** A label's span, checked against its text: 0 <= start <= end <= the text's code points. */
  static GoldSpan span(String type, JsonNode start, JsonNode end, boolean weak, String text,
      Path file, int lineNo) throws SpecException {
    int length = text.codePointCount(0, text.length());
    if (!start.canConvertToInt() || !end.canConvertToInt()) {
      throw new SpecException(file + ":" + lineNo + ": the " + type + " label's start and end"
          + " must be whole numbers");
    }
    if (start.asInt() < 0 || end.asInt() < start.asInt() || end.asInt() > length) {
      throw new SpecException(file + ":" + lineNo + ": the " + type + " label's span ["
          + start.asInt() + ", " + end.asInt() + ") is not within its text (" + length
          + " code points)");
    }
    return new GoldSpan(type, start.asInt(), end.asInt(), weak);
  }
}
