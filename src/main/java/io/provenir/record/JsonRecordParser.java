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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses one JSONL line (UTF-8 bytes) into its strings (values and object keys), each addressed by
 * JSON Pointer and located by byte offset, and extracts the record id. Most lines take a fast path
 * ({@link FastRecordParser}); anything it does not handle, invalid JSON included, is parsed by
 * Jackson's streaming parser, which decides what is valid and describes what is not.
 *
 * <p>A line is a record when it is valid UTF-8, one JSON object and nothing after it. Otherwise
 * {@link BadRecordException} with code {@code invalid_utf8}, {@code invalid_json} or
 * {@code not_an_object} and a message that gives a position, never content. Thread-safe.
 */
public final class JsonRecordParser {

  private static final int MAX_DEPTH = 1000;
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          // Strings, field names and numbers of any length are valid JSON, and a line is bounded
          // by input.max_record_bytes before it gets here; numbers are never converted (an id
          // that is a number is kept as its text), so a long one costs its length to read.
          .maxStringLength(Integer.MAX_VALUE)
          .maxNameLength(Integer.MAX_VALUE)
          .maxNumberLength(Integer.MAX_VALUE)
          .maxNestingDepth(MAX_DEPTH)
          .build())
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      // RFC 8259 leaves a repeated name's meaning open (parsers keep the first, the last, or
      // refuse), and a repeated field's values share one pointer, so findings could not be told
      // apart for masking: such a record is refused.
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
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
    // The fast path checks the UTF-8 of the strings it decodes (the only place a valid record
    // has non-ASCII bytes) and gives up on anything invalid; the whole line is checked only then.
    Parsed fast = FastRecordParser.parse(raw, POINTERS.get(), idPointer);
    if (fast != null) {
      return fast;
    }
    int bad = Utf8.firstInvalid(raw, 0, raw.length);
    if (bad >= 0) {
      throw new BadRecordException(DeadLetter.ERROR_INVALID_UTF8,
          "invalid UTF-8 at byte " + (bad + 1));
    }
    return parseWithJackson(raw);
  }

  /**
   * The parse of valid UTF-8 {@code raw} by Jackson: for the lines {@link FastRecordParser} leaves
   * alone, and the reference it is tested against.
   */
  Parsed parseWithJackson(byte[] raw) throws BadRecordException {
    try (JsonParser p = FACTORY.createParser(raw)) {
      return parse(p, raw);
    } catch (StreamConstraintsException e) {
      // The nesting depth is the one limit set; Jackson's messages name the limit, never content.
      String what = e.getOriginalMessage();
      throw new BadRecordException(DeadLetter.ERROR_INVALID_JSON,
          what != null && what.contains("nesting depth")
              ? "JSON nested deeper than " + MAX_DEPTH + " levels"
              : "JSON past a parser limit: " + reason(what));
    } catch (JsonParseException e) {
      String what = e.getOriginalMessage();
      throw new BadRecordException(DeadLetter.ERROR_INVALID_JSON,
          "invalid JSON at byte " + (e.getLocation().getByteOffset() + 1) + ": "
              + (what != null && what.startsWith("Duplicate field")
                  ? "a field name repeated in one object" : reason(what)));
    } catch (IOException e) {
      throw new BadRecordException(DeadLetter.ERROR_INVALID_JSON, "invalid JSON: unreadable");
    }
  }

  private Parsed parse(JsonParser p, byte[] raw) throws IOException, BadRecordException {
    JsonToken first = p.nextToken();
    if (first != JsonToken.START_OBJECT) {
      throw new BadRecordException(DeadLetter.ERROR_NOT_AN_OBJECT,
          "the line is JSON but not an object (found " + describe(first) + ")");
    }
    List<StringLeaf> leaves = new ArrayList<>();
    PointerTree pointers = POINTERS.get();
    String id = null;
    // The open containers' nodes, whether each is an array, and its next element's index.
    PointerTree.Node[] node = new PointerTree.Node[16];
    boolean[] isArray = new boolean[16];
    int[] index = new int[16];
    int depth = 0;
    node[0] = pointers.root();
    PointerTree.Node field = null; // the node of the last field name, for its value
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
        field = pointers.field(node[depth], name);
        if (!name.isEmpty()) {
          leaves.add(new StringLeaf(field.pointer, name,
              (int) p.currentTokenLocation().getByteOffset(), true));
        }
        continue;
      }
      PointerTree.Node at = isArray[depth] ? pointers.element(node[depth], index[depth]++) : field;
      switch (t) {
        case START_OBJECT, START_ARRAY -> {
          depth++;
          if (depth == node.length) {
            node = Arrays.copyOf(node, depth * 2);
            isArray = Arrays.copyOf(isArray, depth * 2);
            index = Arrays.copyOf(index, depth * 2);
          }
          node[depth] = at;
          isArray[depth] = t == JsonToken.START_ARRAY;
          index[depth] = 0;
        }
        case VALUE_STRING -> {
          int rawStart = valueOffset(p);
          String text = p.getText();
          if (idPointer != null && id == null && idPointer.equals(at.pointer)) {
            id = text;
          }
          leaves.add(new StringLeaf(at.pointer, text, rawStart));
        }
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
          if (idPointer != null && id == null && idPointer.equals(at.pointer)) {
            id = p.getText();
          }
          if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            int start = valueOffset(p);
            int end = start + p.getTextLength();
            if (StringLeaf.isScannedNumber(raw, start, end)) {
              leaves.add(StringLeaf.number(at.pointer, p.getText(), start));
            }
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

  private static final ThreadLocal<PointerTree> POINTERS =
      ThreadLocal.withInitial(PointerTree::new);

  /**
   * One pointer string per recurring path, per thread, as a tree of the paths this thread has
   * parsed: every record of a dataset has the same few dozen ({@code /messages/0/content}, ...),
   * and a record's leaves are kept while it moves through the pipeline's steps (on the Direct
   * Runner a whole bundle of them is in memory at each step), where one string per leaf and record
   * was the largest part of what a record holds. A field's node is found from its parent's and the
   * field name, which Jackson hands out as one canonical instance per name (so an identity check
   * usually decides, starting at the field after the last one found: records repeat their field
   * order); an element's by its index. No pointer is built, hashed or compared character by
   * character unless the path is new. Bounded: at most {@value #MAX_CHILDREN} remembered children
   * per node (the rest are made afresh each time) and {@value #MAX_NODES} nodes in all, after
   * which the tree starts over.
   */
  static final class PointerTree {
    static final int MAX_NODES = 4096;
    static final int MAX_CHILDREN = 64;

    static final class Node {
      final String pointer;
      /** The field name this node is reached by; null for the root and array elements. */
      final String name;
      /** {@link #name} in UTF-8, or null. */
      final byte[] utf8;
      private String[] names;
      private Node[] fields;
      private int fieldCount;
      private int lastField = -1;
      private Node[] elements;
      /** Not remembered by its parent (which had too many): made afresh each time it is met. */
      boolean fresh;
      /** The number of the object in which this field was last met (see {@link #nextObject}). */
      long object;

      Node(String pointer, String name) {
        this.pointer = pointer;
        this.name = name;
        this.utf8 = name == null ? null : name.getBytes(StandardCharsets.UTF_8);
      }
    }

    private Node root = new Node("", null);
    private int nodes;
    private long objects;

    /**
     * A number for the next object parsed, never given before in this tree: a field met twice in
     * one object finds that object's number on its node ({@link Node#object}).
     */
    long nextObject() {
      return ++objects;
    }

    /** The root (pointer ""), the tree started over if it has grown too big. */
    Node root() {
      if (nodes > MAX_NODES) {
        root = new Node("", null);
        nodes = 0;
      }
      return root;
    }

    /** The node of field {@code name} of the object at {@code parent}. */
    Node field(Node parent, String name) {
      int n = parent.fieldCount;
      String[] names = parent.names;
      for (int k = parent.lastField + 1, seen = 0; seen < n; k++, seen++) {
        if (k == n) {
          k = 0;
        }
        String known = names[k];
        if (known == name || known.equals(name)) {
          parent.lastField = k;
          return parent.fields[k];
        }
      }
      Node child = new Node(parent.pointer + '/' + JsonPointers.escape(name), name);
      if (n < MAX_CHILDREN) {
        if (names == null || n == names.length) {
          int size = names == null ? 4 : n * 2;
          parent.names = names = names == null ? new String[size] : Arrays.copyOf(names, size);
          parent.fields = parent.fields == null ? new Node[size]
              : Arrays.copyOf(parent.fields, size);
        }
        names[n] = name;
        parent.fields[n] = child;
        parent.fieldCount = n + 1;
        parent.lastField = n;
        nodes++;
      } else {
        child.fresh = true;
      }
      return child;
    }

    /**
     * The remembered node of the field whose name is the UTF-8 bytes b[from, to), or null: the
     * {@link FastRecordParser}'s lookup of an unescaped name, without decoding it.
     */
    Node knownField(Node parent, byte[] b, int from, int to) {
      int n = parent.fieldCount;
      Node[] fields = parent.fields;
      for (int k = parent.lastField + 1, seen = 0; seen < n; k++, seen++) {
        if (k == n) {
          k = 0;
        }
        byte[] known = fields[k].utf8;
        if (known.length == to - from && Arrays.equals(known, 0, known.length, b, from, to)) {
          parent.lastField = k;
          return fields[k];
        }
      }
      return null;
    }

    /** The node of element {@code i} of the array at {@code parent}. */
    Node element(Node parent, int i) {
      if (i >= MAX_CHILDREN) {
        return new Node(parent.pointer + '/' + i, null);
      }
      Node[] elements = parent.elements;
      if (elements == null || i >= elements.length) {
        parent.elements = elements = elements == null ? new Node[Math.max(4, i + 1)]
            : Arrays.copyOf(elements, Math.max(elements.length * 2, i + 1));
      }
      Node child = elements[i];
      if (child == null) {
        child = elements[i] = new Node(parent.pointer + '/' + i, null);
        nodes++;
      }
      return child;
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
