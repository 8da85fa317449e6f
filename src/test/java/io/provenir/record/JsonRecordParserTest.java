package io.provenir.record;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.Test;

public class JsonRecordParserTest {

  private final JsonRecordParser parser = new JsonRecordParser("id");

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> pointers(JsonRecordParser.Parsed p) {
    return p.leaves().stream().filter(l -> !l.inKey()).map(l -> l.pointer() + "=" + l.text())
        .toList();
  }

  @Test
  public void addressesEveryStringByJsonPointer() throws Exception {
    JsonRecordParser.Parsed p = parser.parse(utf8(
        "{\"id\":\"r1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
            + "{\"role\":\"assistant\",\"content\":\"yo\"}],\"meta\":{\"a/b\":\"x\",\"m~n\":\"y\","
            + "\"n\":1,\"t\":true,\"z\":null,\"arr\":[[\"deep\"]]}}"));
    assertThat(pointers(p), contains("/id=r1", "/messages/0/role=user", "/messages/0/content=hi",
        "/messages/1/role=assistant", "/messages/1/content=yo", "/meta/a~1b=x", "/meta/m~0n=y",
        "/meta/arr/0/0=deep"));
    assertThat(p.id(), is("r1"));
    assertThat(p.leaves().stream().filter(StringLeaf::inKey).map(StringLeaf::pointer).toList(),
        contains("/id", "/messages", "/messages/0/role", "/messages/0/content", "/messages/1/role",
            "/messages/1/content", "/meta", "/meta/a~1b", "/meta/m~0n", "/meta/n", "/meta/t",
            "/meta/z", "/meta/arr"));
  }

  @Test
  public void pointersMatchTheTreesPathsAcrossManyShapesOfRecord() throws Exception {
    // The parser remembers pointers in a per-thread tree of paths with bounds (children per node,
    // nodes in all); records of shifting shapes, wide objects and long arrays cross all of them,
    // and every pointer must still be the path a JSON tree gives.
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    java.util.Random random = new java.util.Random(7);
    String[] names = {"id", "text", "messages", "role", "content", "a/b", "m~n", "", "meta"};
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int r = 0; r < 3000; r++) {
      com.fasterxml.jackson.databind.node.ObjectNode record = json.createObjectNode();
      fill(record, random, names, 0);
      List<String> expected = new java.util.ArrayList<>();
      paths(record, "", expected);
      List<String> got = parser.parse(utf8(json.writeValueAsString(record))).leaves().stream()
          .map(l -> (l.inKey() ? "key " : "") + l.pointer() + "=" + l.text()).toList();
      assertThat(got, is(expected));
      got.forEach(g -> seen.add(g.substring(0, g.indexOf('='))));
    }
    assertThat("distinct pointers, beyond the tree's bound", seen.size() > 3 * 4096, is(true));
  }

  private static void fill(com.fasterxml.jackson.databind.node.ObjectNode o,
      java.util.Random random, String[] names, int depth) {
    int fields = random.nextInt(10) == 0 ? 70 + random.nextInt(20) : random.nextInt(5);
    for (int i = 0; i < fields; i++) {
      String name = random.nextBoolean() ? names[random.nextInt(names.length)]
          : "k" + random.nextInt(fields > 10 ? 400 : 40);
      if (o.has(name)) {
        continue;
      }
      switch (depth < 3 ? random.nextInt(4) : 0) {
        case 0 -> o.put(name, "v" + random.nextInt(1000));
        case 1 -> o.put(name, random.nextInt(100));
        case 2 -> fill(o.putObject(name), random, names, depth + 1);
        default -> {
          com.fasterxml.jackson.databind.node.ArrayNode a = o.putArray(name);
          int n = random.nextInt(8) == 0 ? 60 + random.nextInt(20) : random.nextInt(4);
          for (int k = 0; k < n; k++) {
            if (random.nextInt(3) == 0) {
              fill(a.addObject(), random, names, depth + 1);
            } else {
              a.add("e" + k);
            }
          }
        }
      }
    }
  }

  /** String leaves and keys in document order, each with the path a JSON tree gives it. */
  private static void paths(com.fasterxml.jackson.databind.JsonNode node, String at,
      List<String> out) {
    if (node.isTextual()) {
      out.add(at + "=" + node.textValue());
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        paths(node.get(i), at + "/" + i, out);
      }
    } else if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        String p = at + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
        if (!e.getKey().isEmpty()) {
          out.add("key " + p + "=" + e.getKey());
        }
        paths(e.getValue(), p, out);
      });
    }
  }

  @Test
  public void recordsTheByteOffsetOfEachStringsOpeningQuote() throws Exception {
    String line = "{\"é\": \"ñ\",  \"k\" : \"v\"}";
    byte[] raw = utf8(line);
    JsonRecordParser.Parsed p = parser.parse(raw);
    for (StringLeaf leaf : p.leaves()) {
      assertThat(raw[leaf.rawStart()], is((byte) '"'));
    }
    assertThat(p.leaves().get(3).rawStart(), is(line.getBytes(StandardCharsets.UTF_8).length - 4));
  }

  @Test
  public void integersOfCardLengthsAreLeavesAtTheirFirstChar() throws Exception {
    String line = "{\"a\": 4539578763621486, \"b\": [-4111111111111111, 123456789012, 1.5,"
        + " 123456789012345678901, 4539578763621486.0, 4539578763621486.5, 4539578763621486e0],"
        + " \"c\": \"x\", \"id\": 1234567890123}";
    byte[] raw = utf8(line);
    for (JsonRecordParser.Parsed p : List.of(parser.parse(raw), parser.parseWithJackson(raw))) {
      List<StringLeaf> numbers = p.leaves().stream().filter(StringLeaf::number).toList();
      assertThat(numbers.stream().map(StringLeaf::text).toList(),
          is(List.of("4539578763621486", "-4111111111111111", "4539578763621486.0",
              "1234567890123")));
      assertThat(numbers.stream().map(StringLeaf::pointer).toList(),
          is(List.of("/a", "/b/0", "/b/4", "/id")));
      for (StringLeaf n : numbers) {
        assertThat(line.substring(n.rawStart()).startsWith(n.text()), is(true));
        assertThat(n.inKey(), is(false));
      }
      assertThat(p.id(), is("1234567890123"));
    }
  }

  @Test
  public void idsComeFromStringsNumbersOrPointersElseNull() throws Exception {
    assertThat(parser.parse(utf8("{\"id\": 42, \"x\": \"y\"}")).id(), is("42"));
    assertThat(parser.parse(utf8("{\"x\": {\"id\": \"nested\"}}")).id(), nullValue());
    assertThat(parser.parse(utf8("{\"id\": {\"a\": 1}}")).id(), nullValue());
    assertThat(new JsonRecordParser("/meta/uid").parse(utf8("{\"meta\": {\"uid\": \"u-7\"}}")).id(),
        is("u-7"));
    assertThat(new JsonRecordParser("").parse(utf8("{\"id\": \"x\"}")).id(), nullValue());
  }

  @Test
  public void rejectsNonObjectsWithTheKindFound() {
    BadRecordException e = assertThrows(BadRecordException.class,
        () -> parser.parse(utf8("[1, 2]")));
    assertThat(e.code(), is(DeadLetter.ERROR_NOT_AN_OBJECT));
    assertThat(e.getMessage(), containsString("an array"));
    assertThat(assertThrows(BadRecordException.class, () -> parser.parse(utf8("\"str\""))).code(),
        is(DeadLetter.ERROR_NOT_AN_OBJECT));
  }

  @Test
  public void rejectsInvalidJsonWithoutQuotingIt() {
    String secret = "AKIAQX4BZ7MNPL2WRT5K";
    BadRecordException e = assertThrows(BadRecordException.class,
        () -> parser.parse(utf8("{\"k\": " + secret + "}")));
    assertThat(e.code(), is(DeadLetter.ERROR_INVALID_JSON));
    assertThat(e.getMessage(), containsString("at byte"));
    assertThat(e.getMessage(), not(containsString(secret)));
    assertThat(e.getMessage(), not(containsString("AKIA")));
  }

  /**
   * Valid JSON however long its field names and numbers are (Jackson's default limits, 50,000 chars
   * for a name and 1,000 digits for a number, turned such lines into dead letters that blamed
   * their nesting); nesting deeper than the limit is still refused, and said so.
   */
  @Test
  public void longNamesAndNumbersAreRecordsAndDeepNestingIsNamed() throws Exception {
    String name = "k".repeat(60_000);
    JsonRecordParser.Parsed p = parser.parse(utf8("{\"" + name + "\": \"a@b.co\", \"n\": "
        + "9".repeat(5_000) + ", \"f\": 1." + "5".repeat(5_000) + "e7, \"t\": \"x\"}"));
    assertThat(p.leaves().get(0).text(), is(name));
    assertThat(p.leaves().get(1).text(), is("a@b.co"));
    assertThat(p.leaves().get(p.leaves().size() - 1).text(), is("x"));
    assertThat(parser.parse(utf8("{\"id\": " + "7".repeat(3_000) + "}")).id(),
        is("7".repeat(3_000)));
    BadRecordException e = assertThrows(BadRecordException.class, () -> parser.parse(
        utf8("{\"a\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}")));
    assertThat(e.code(), is(DeadLetter.ERROR_INVALID_JSON));
    assertThat(e.getMessage(), is("JSON nested deeper than 1000 levels"));
  }

  /**
   * A name repeated in one object is refused on both paths (its values would share a pointer, and
   * masking could not tell their findings apart), also when the object's parent has met more names
   * than the pointer tree remembers; the same name in different objects is not a repeat.
   */
  @Test
  public void refusesANameRepeatedInOneObject() throws Exception {
    for (String line : List.of("{\"id\": \"d\", \"text\": \"a@b.co\", \"text\": \"c@d.org\"}",
        "{\"a\": {\"x\": 1, \"y\": [], \"x\": {}}}", "{\"\": \"a\", \"\": \"b\"}",
        "{\"t\\u0065xt\": \"a\", \"text\": \"b\"}")) {
      BadRecordException e = assertThrows(BadRecordException.class, () -> parser.parse(utf8(line)));
      assertThat(line, e.code(), is(DeadLetter.ERROR_INVALID_JSON));
      assertThat(line, e.getMessage(), containsString("a field name repeated in one object"));
      assertThrows(BadRecordException.class, () -> parser.parseWithJackson(utf8(line)));
    }
    String same = "{\"a\": {\"x\": \"1\"}, \"b\": {\"x\": \"2\"}, "
        + "\"c\": [{\"x\": \"3\"}, {\"x\": \"4\", \"y\": {\"x\": \"5\"}}]}";
    for (int i = 0; i < 3; i++) {
      assertThat(parser.parse(utf8(same)).leaves().size(), is(14));
    }
    // More names under /m than the tree remembers: later ones are made afresh each time.
    for (int i = 0; i < 3 * JsonRecordParser.PointerTree.MAX_CHILDREN; i++) {
      assertThat(parser.parse(utf8("{\"m\": {\"k" + i + "\": \"v\", \"j" + i + "\": \"w\"}}"))
          .leaves().size(), is(5));
    }
    assertThrows(BadRecordException.class,
        () -> parser.parse(utf8("{\"m\": {\"new\": \"a\", \"z\": 1, \"new\": \"b\"}}")));
    StringBuilder many = new StringBuilder("{\"m\": {");
    for (int i = 0; i < 300; i++) {
      many.append(i == 0 ? "" : ", ").append("\"f").append(i).append("\": \"v\"");
    }
    assertThat(parser.parse(utf8(many + "}}")).leaves().size(), is(601));
    assertThrows(BadRecordException.class,
        () -> parser.parse(utf8(many + ", \"f7\": \"again\"}}")));
  }

  @Test
  public void rejectsTruncatedAndTrailingContent() {
    assertThat(assertThrows(BadRecordException.class,
        () -> parser.parse(utf8("{\"a\": \"b\""))).code(), is(DeadLetter.ERROR_INVALID_JSON));
    BadRecordException e = assertThrows(BadRecordException.class,
        () -> parser.parse(utf8("{\"a\": 1} {\"b\": 2}")));
    assertThat(e.getMessage(), containsString("after the end of the object"));
    assertThat(assertThrows(BadRecordException.class,
        () -> parser.parse(utf8("{\"a\": 1} trailing"))).code(), is(DeadLetter.ERROR_INVALID_JSON));
  }

  @Test
  public void rejectsInvalidUtf8WithItsPosition() {
    byte[] raw = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    BadRecordException e = assertThrows(BadRecordException.class, () -> parser.parse(raw));
    assertThat(e.code(), is(DeadLetter.ERROR_INVALID_UTF8));
    assertThat(e.getMessage(), is("invalid UTF-8 at byte 7"));
  }

  @Test
  public void utf8ValidationRejectsOverlongsSurrogatesAndTruncation() {
    assertThat(Utf8.firstInvalid(utf8("héllo €𝄞"), 0, utf8("héllo €𝄞").length), is(-1));
    assertThat(Utf8.firstInvalid(new byte[] {(byte) 0xC0, (byte) 0x80}, 0, 2), is(0));
    assertThat(Utf8.firstInvalid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, 0, 3), is(0));
    assertThat(Utf8.firstInvalid(new byte[] {'a', (byte) 0xE2, (byte) 0x82}, 0, 3), is(1));
    assertThat(Utf8.firstInvalid(new byte[] {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
        0, 4), is(0));
  }

  /**
   * The validator reads ASCII eight bytes at a time; against the JDK's strict decoder, on random
   * lines of mostly ASCII with valid and invalid sequences at every alignment and sub-ranges.
   */
  @Test
  public void utf8ValidationAgreesWithTheJdkDecoderAtEveryAlignment() {
    byte[][] pieces = {utf8("é"), utf8("€"), utf8("𝄞"), {(byte) 0xC0, (byte) 0x80},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xFF},
        {(byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};
    java.util.Random rnd = new java.util.Random(7);
    for (int round = 0; round < 20_000; round++) {
      java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
      int len = rnd.nextInt(40);
      while (line.size() < len) {
        if (rnd.nextInt(12) == 0) {
          line.writeBytes(pieces[rnd.nextInt(pieces.length)]);
        } else {
          line.write('a' + rnd.nextInt(26));
        }
      }
      byte[] b = line.toByteArray();
      int off = b.length == 0 ? 0 : rnd.nextInt(Math.min(b.length, 9));
      int n = b.length - off;
      java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(b, off, n);
      java.nio.charset.CoderResult r = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
          .decode(in, java.nio.CharBuffer.allocate(2 * n + 2), true);
      int expected = r.isError() ? in.position() : -1;
      assertThat(java.util.Arrays.toString(b) + " from " + off, Utf8.firstInvalid(b, off, n),
          is(expected));
    }
  }

  @Test
  public void jacksonReasonsDropQuotedTokens() {
    assertThat(JsonRecordParser.reason("Unrecognized token 'AKIAXYZ': was expecting"),
        is("unrecognized token"));
    assertThat(JsonRecordParser.reason(null), is("syntax error"));
  }
}
