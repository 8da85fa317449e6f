package io.provenir.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.base.ParserBase;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one JSONL line (UTF-8 bytes) with Jackson's streaming parser into its strings (values and
 * object keys), each addressed by JSON Pointer and located by byte offset, and extracts the record
 * id.
 *
 * <p>A line is a record when it is valid UTF-8, one JSON object and nothing after it. Otherwise
 * {@link BadRecordException} with code {@code invalid_utf8}, {@code invalid_json} or
 * {@code not_an_object} and a message that gives a position, never content. Thread-safe.
 */
public final class JsonRecordParser {

  private static final int MAX_DEPTH = 1000;
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength(Integer.MAX_VALUE)
          .maxNestingDepth(MAX_DEPTH)
          .build())
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();

  private final String idPointer;

  /**
   * @param idField the record id's field name ({@code id}) or JSON Pointer ({@code /meta/uid});
   *     null or empty for none
   */
  public JsonRecordParser(String idField) {
    this.idPointer = JsonPointers.fromFieldOrPointer(idField);
  }

  /** The result of a successful parse. {@code id} is null when the record has no scalar id. */
  public record Parsed(String id, List<StringLeaf> leaves) {}

  public Parsed parse(byte[] raw) throws BadRecordException {
    int bad = Utf8.firstInvalid(raw, 0, raw.length);
    if (bad >= 0) {
      throw new BadRecordException(DeadLetter.ERROR_INVALID_UTF8,
          "invalid UTF-8 at byte " + (bad + 1));
    }
    try (JsonParser p = FACTORY.createParser(raw)) {
      return parse(p);
    } catch (StreamConstraintsException e) {
      throw new BadRecordException(DeadLetter.ERROR_INVALID_JSON,
          "JSON nested deeper than " + MAX_DEPTH + " levels");
    } catch (JsonParseException e) {
      throw new BadRecordException(DeadLetter.ERROR_INVALID_JSON,
          "invalid JSON at byte " + (e.getLocation().getByteOffset() + 1) + ": "
              + reason(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new BadRecordException(DeadLetter.ERROR_INVALID_JSON, "invalid JSON: unreadable");
    }
  }

  private Parsed parse(JsonParser p) throws IOException, BadRecordException {
    JsonToken first = p.nextToken();
    if (first != JsonToken.START_OBJECT) {
      throw new BadRecordException(DeadLetter.ERROR_NOT_AN_OBJECT,
          "the line is JSON but not an object (found " + describe(first) + ")");
    }
    List<StringLeaf> leaves = new ArrayList<>();
    Pointers pointers = POINTERS.get();
    String id = null;
    StringBuilder path = new StringBuilder(64);
    int[] base = new int[16];
    boolean[] isArray = new boolean[16];
    int[] index = new int[16];
    int depth = 0;
    base[0] = 0;
    JsonToken t;
    while ((t = p.nextToken()) != null) {
      if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
        depth--;
        if (depth < 0) {
          break;
        }
        continue;
      }
      if (t == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        path.setLength(base[depth]);
        path.append('/').append(JsonPointers.escape(name));
        if (!name.isEmpty()) {
          leaves.add(new StringLeaf(pointers.of(path), name,
              (int) p.currentTokenLocation().getByteOffset(), true));
        }
        continue;
      }
      if (isArray[depth]) {
        path.setLength(base[depth]);
        path.append('/').append(index[depth]++);
      }
      switch (t) {
        case START_OBJECT, START_ARRAY -> {
          depth++;
          if (depth == base.length) {
            base = java.util.Arrays.copyOf(base, depth * 2);
            isArray = java.util.Arrays.copyOf(isArray, depth * 2);
            index = java.util.Arrays.copyOf(index, depth * 2);
          }
          base[depth] = path.length();
          isArray[depth] = t == JsonToken.START_ARRAY;
          index[depth] = 0;
        }
        case VALUE_STRING -> {
          int rawStart = valueOffset(p);
          String text = p.getText();
          if (idPointer != null && id == null && idPointer.contentEquals(path)) {
            id = text;
          }
          leaves.add(new StringLeaf(pointers.of(path), text, rawStart));
        }
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
          if (idPointer != null && id == null && idPointer.contentEquals(path)) {
            id = p.getText();
          }
        }
        default -> {
          // booleans and nulls carry no text to scan
        }
      }
    }
    if (p.nextToken() != null) {
      throw new BadRecordException(DeadLetter.ERROR_INVALID_JSON,
          "invalid JSON at byte " + (p.currentTokenLocation().getByteOffset() + 1)
              + ": content after the end of the object");
    }
    return new Parsed(id, leaves);
  }

  /**
   * The byte offset of the current value token: what {@code currentTokenLocation()} says, read
   * without the location object it allocates (one per string of every record).
   */
  private static int valueOffset(JsonParser p) {
    return p instanceof ParserBase b
        ? (int) (b.getTokenCharacterOffset() - 1)
        : (int) p.currentTokenLocation().getByteOffset();
  }

  private static final ThreadLocal<Pointers> POINTERS = ThreadLocal.withInitial(Pointers::new);

  /**
   * One instance per recurring pointer, per thread: every record of a dataset has the same few
   * dozen ({@code /messages/0/content}, ...), and a record's leaves are kept while it moves through
   * the pipeline's steps (on the Direct Runner a whole bundle of them is in memory at each step),
   * where one string per leaf and record was the largest part of what a record holds. Direct-mapped
   * by the pointer's hash: a miss replaces the slot.
   */
  private static final class Pointers {
    private static final int SLOTS = 512; // a power of two
    private final String[] slots = new String[SLOTS];

    String of(StringBuilder path) {
      int len = path.length();
      int h = 0;
      for (int k = 0; k < len; k++) {
        h = 31 * h + path.charAt(k);
      }
      int slot = (h ^ (h >>> 9)) & (SLOTS - 1);
      String known = slots[slot];
      if (known != null && known.contentEquals(path)) {
        return known;
      }
      String s = path.toString();
      slots[slot] = s;
      return s;
    }
  }

  private static String describe(JsonToken t) {
    if (t == null) {
      return "nothing";
    }
    return switch (t) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.name();
    };
  }

  /**
   * Jackson's description of the problem without the offending text: its messages quote tokens
   * ({@code Unrecognized token 'AKIA...'}), which may be a secret.
   */
  static String reason(String message) {
    if (message == null || message.isEmpty()) {
      return "syntax error";
    }
    int cut = message.length();
    for (char c : new char[] {'(', '\'', ':', '"', '\n'}) {
      int i = message.indexOf(c);
      if (i >= 0 && i < cut) {
        cut = i;
      }
    }
    String r = message.substring(0, cut).trim();
    if (r.isEmpty()) {
      return "syntax error";
    }
    r = Character.toLowerCase(r.charAt(0)) + r.substring(1);
    return r.length() > 80 ? r.substring(0, 80) : r;
  }
}
