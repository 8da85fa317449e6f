package io.provenir.record;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.Test;

/**
 * The fast path against Jackson, the reference: on every line where the fast path answers, Jackson
 * accepts the line and gives the same id and the same leaves (pointer, text, byte offset, key or
 * value); where Jackson refuses a line or its UTF-8 is invalid, the fast path gives up. Lines:
 * the bundled samples and test corpora, random records written with every escape, number form,
 * nesting and whitespace JSON allows, and tens of thousands of mutations of them (bytes deleted,
 * inserted, replaced, lines cut short; UTF-8 sequences broken and mended), many of them invalid.
 */
public class FastRecordParserTest {

  private static final String ID = "/id";

  private static JsonRecordParser.Parsed fast(byte[] raw) {
    return FastRecordParser.parse(raw, new JsonRecordParser.PointerTree(), ID);
  }

  /** Jackson's parse, or null when it refuses the line. */
  private static JsonRecordParser.Parsed jackson(byte[] raw) {
    try {
      return new JsonRecordParser(ID).parseWithJackson(raw);
    } catch (BadRecordException e) {
      return null;
    }
  }

  /** Checks one line; returns whether the fast path answered. */
  private static boolean agrees(byte[] raw) {
    JsonRecordParser.Parsed f = fast(raw);
    if (f == null) {
      return false;
    }
    JsonRecordParser.Parsed j = jackson(raw);
    String line = new String(raw, StandardCharsets.UTF_8);
    assertThat("Jackson refuses what the fast path took: " + line, j, notNullValue());
    assertThat(line, f.id(), is(j.id()));
    assertThat(line, f.leaves(), is(j.leaves()));
    return true;
  }

  @Test
  public void bundledSamplesAndCorporaTakeTheFastPathWithJacksonsLeaves() throws IOException {
    List<byte[]> lines = corpusLines();
    int fastOnes = 0;
    for (byte[] raw : lines) {
      if (agrees(raw)) {
        fastOnes++;
      }
    }
    assertThat(lines.size(), greaterThan(1000));
    assertThat("every valid sample line is the simple case", fastOnes,
        is((int) lines.stream().filter(l -> jackson(l) != null).count()));
  }

  @Test
  public void randomRecordsWithEveryEscapeNumberAndNestingAgree() {
    Random rnd = new Random(11);
    String deep = "[".repeat(FastRecordParser.MAX_DEPTH);
    java.util.regex.Pattern surrogateEscape =
        java.util.regex.Pattern.compile("\\\\u[dD][89a-fA-F]");
    int leftToJackson = 0;
    int deepOnes = 0;
    int repeated = 0;
    for (int r = 0; r < 20_000; r++) {
      String line = randomRecord(rnd);
      byte[] raw = line.getBytes(StandardCharsets.UTF_8);
      if (jackson(raw) == null) {
        // The generator repeats a name in one object now and then: both paths refuse those.
        BadRecordException e = org.junit.Assert.assertThrows(BadRecordException.class,
            () -> new JsonRecordParser(ID).parseWithJackson(raw));
        assertThat(line, e.getMessage(), containsString("a field name repeated in one object"));
        assertThat(line, fast(raw), nullValue());
        repeated++;
        continue;
      }
      boolean tooDeep = line.contains(deep);
      deepOnes += tooDeep ? 1 : 0;
      if (!agrees(raw)) {
        leftToJackson++;
        // Only nesting deeper than it goes, and surrogates escaped one by one (a lone one, or a
        // pair in a name), are left to Jackson.
        assertThat(line, tooDeep || surrogateEscape.matcher(line).find(), is(true));
      }
    }
    assertThat(deepOnes, greaterThan(10));
    assertThat(repeated, greaterThan(10));
    assertThat(leftToJackson, lessThan(2_000));
  }

  @Test
  public void surrogatePairsWrittenAsEscapesAreOneCodePointLoneOnesGoToJackson() {
    byte[] pair = "{\"a\": \"x\\ud83d\\ude00y\\u00e9\\u20ac\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(agrees(pair), is(true));
    assertThat(fast(pair).leaves().get(1).text(), is("x\uD83D\uDE00y\u00e9\u20ac"));
    for (String lone : new String[] {"\\ud83d", "\\ude00", "\\ud83dx", "\\ud83d\\u0041"}) {
      byte[] raw = ("{\"a\": \"" + lone + "\"}").getBytes(StandardCharsets.UTF_8);
      assertThat(lone, fast(raw), nullValue());
      assertThat(lone, jackson(raw), notNullValue());
    }
    assertThat(fast("{\"\\ud83d\\ude00\": 1}".getBytes(StandardCharsets.UTF_8)), nullValue());
  }

  @Test
  public void mutatedLinesAreNeverAcceptedWhereJacksonRefuses() throws IOException {
    Random rnd = new Random(5);
    List<byte[]> seeds = new ArrayList<>();
    for (int r = 0; r < 300; r++) {
      seeds.add(randomRecord(rnd).getBytes(StandardCharsets.UTF_8));
    }
    List<byte[]> corpus = corpusLines();
    for (int r = 0; r < 300; r++) {
      seeds.add(corpus.get(rnd.nextInt(corpus.size())));
    }
    byte[] significant = "\"\\,:{}[] \t0123456789-+.eEtrufalsn/u\u0001x".getBytes(
        StandardCharsets.UTF_8);
    // and bytes of UTF-8 sequences (lead, continuation, never valid), to break or mend them
    byte[] withHigh = java.util.Arrays.copyOf(significant, significant.length + 5);
    System.arraycopy(new byte[] {(byte) 0xC3, (byte) 0xA9, (byte) 0xE2, (byte) 0xED, (byte) 0xFF},
        0, withHigh, significant.length, 5);
    int refused = 0;
    int invalidUtf8 = 0;
    int tried = 0;
    for (int m = 0; m < 60_000; m++) {
      byte[] seed = seeds.get(rnd.nextInt(seeds.size()));
      byte[] raw = mutate(seed, rnd, withHigh);
      tried++;
      if (Utf8.firstInvalid(raw, 0, raw.length) >= 0) {
        // JsonRecordParser dead-letters these as invalid_utf8 unless the fast path answers
        invalidUtf8++;
        refused++;
        assertThat(new String(raw, StandardCharsets.UTF_8), fast(raw), nullValue());
      } else if (jackson(raw) == null) {
        refused++;
        assertThat(new String(raw, StandardCharsets.UTF_8), fast(raw), nullValue());
      } else {
        agrees(raw);
      }
    }
    assertThat(tried, greaterThan(50_000));
    assertThat(invalidUtf8, greaterThan(1_000));
    assertThat("many mutations break the JSON", refused, greaterThan(tried / 3));
  }

  @Test
  public void givesUpOnWhatJacksonsDefaultsRefuseOrWhatItLeavesToJackson() {
    String[] refused = {
      "{\"a\": 01}", "{\"a\": 1.}", "{\"a\": .5}", "{\"a\": +1}", "{\"a\": NaN}", "{\"a\": 1e}",
      "{\"a\": -}", "{\"a\": 'x'}", "{a: 1}", "{\"a\": 1,}", "{\"a\": [1,]}", "{\"a\": \"\\x\"}",
      "{\"a\": \"\\u12g4\"}", "{\"a\": \"tab\there\"}", "{\"a\": tru}", "{\"a\": nulls}",
      "{\"a\": 1} x", "{\"a\": 1}}", "{\"a\" 1}", "{\"a\": 1 2}", "[1]", "\"s\"", "", "  ",
      "{\"a\": \"unterminated}", "{\"a\": /* c */ 1}", "\uFEFF{\"a\": 1}",
      "{\"a\":" + "[".repeat(FastRecordParser.MAX_DEPTH) + "]".repeat(FastRecordParser.MAX_DEPTH)
          + "}",
      "{\"a\": " + "1".repeat(1001) + "}",
    };
    for (String line : refused) {
      assertThat(line, fast(line.getBytes(StandardCharsets.UTF_8)), nullValue());
    }
  }

  @Test
  public void numericIdsAreTheirTextAsWritten() {
    for (String id : new String[] {"0", "-0", "42", "-1.50E+03", "6.02e23", "1e-7", "0.000"}) {
      byte[] raw = ("{\"x\": \"y\", \"id\": " + id + "}").getBytes(StandardCharsets.UTF_8);
      assertThat(fast(raw).id(), is(id));
      assertThat(agrees(raw), is(true));
    }
  }

  private static List<byte[]> corpusLines() throws IOException {
    List<byte[]> lines = new ArrayList<>();
    for (String dir : new String[] {"pipelines/sample", "pipelines/evals", "src/test/resources"}) {
      List<Path> files;
      try (Stream<Path> s = Files.walk(Path.of(dir))) {
        files = s.filter(p -> p.toString().endsWith(".jsonl") || p.toString().endsWith(".jsonl.gz"))
            .sorted().toList();
      }
      for (Path f : files) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
            f.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(f))
                : Files.newInputStream(f), StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            lines.add(line.getBytes(StandardCharsets.UTF_8));
          }
        }
      }
    }
    return lines;
  }

  private static byte[] mutate(byte[] seed, Random rnd, byte[] significant) {
    int at = seed.length == 0 ? 0 : rnd.nextInt(seed.length);
    byte c = significant[rnd.nextInt(significant.length)];
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    switch (rnd.nextInt(4)) {
      case 0 -> out.write(seed, 0, at); // cut short
      case 1 -> { // a byte deleted
        out.write(seed, 0, at);
        out.write(seed, Math.min(seed.length, at + 1), Math.max(0, seed.length - at - 1));
      }
      case 2 -> { // a byte inserted
        out.write(seed, 0, at);
        out.write(c);
        out.write(seed, at, seed.length - at);
      }
      default -> { // a byte replaced
        out.write(seed, 0, seed.length);
        byte[] b = out.toByteArray();
        if (b.length > 0) {
          b[at] = c;
        }
        return b;
      }
    }
    return out.toByteArray();
  }

  private static final String[] NAMES = {"id", "text", "messages", "role", "content", "a/b",
    "m~n", "", "meta", "caf\u00e9", "\u65e5\u672c", "q\"uote", "tab\tname"};
  private static final String[] WS = {"", "", " ", "  ", "\t", "\r\n", " \n "};

  private static String randomRecord(Random rnd) {
    StringBuilder sb = new StringBuilder();
    object(sb, rnd, 0, true);
    return WS[rnd.nextInt(WS.length)] + sb + WS[rnd.nextInt(WS.length)];
  }

  private static void object(StringBuilder sb, Random rnd, int depth, boolean top) {
    sb.append('{').append(ws(rnd));
    int fields = rnd.nextInt(top ? 6 : 4);
    if (top && rnd.nextBoolean()) {
      sb.append("\"id\"").append(ws(rnd)).append(':').append(ws(rnd));
      if (rnd.nextBoolean()) {
        sb.append(number(rnd));
      } else {
        string(sb, rnd);
      }
      if (fields > 0) {
        sb.append(ws(rnd)).append(',').append(ws(rnd));
      }
    }
    java.util.Set<String> used = new java.util.HashSet<>(top ? List.of("id") : List.of());
    for (int i = 0; i < fields; i++) {
      if (i > 0) {
        sb.append(ws(rnd)).append(',').append(ws(rnd));
      }
      String name = NAMES[rnd.nextInt(NAMES.length)];
      while (!used.add(name) && rnd.nextInt(30) != 0) { // now and then a repeated name
        name = NAMES[rnd.nextInt(NAMES.length)];
      }
      quoted(sb, name, rnd, true);
      sb.append(ws(rnd)).append(':').append(ws(rnd));
      value(sb, rnd, depth + 1);
    }
    sb.append(ws(rnd)).append('}');
  }

  private static void value(StringBuilder sb, Random rnd, int depth) {
    if (rnd.nextInt(400) == 0) {
      // now and then nesting deeper than the fast path goes (Jackson's to parse)
      sb.append("[".repeat(FastRecordParser.MAX_DEPTH)).append("]".repeat(FastRecordParser.MAX_DEPTH));
      return;
    }
    int kind = rnd.nextInt(depth > 3 ? 4 : 7);
    switch (kind) {
      case 0, 1 -> string(sb, rnd);
      case 2 -> sb.append(number(rnd));
      case 3 -> sb.append(new String[] {"true", "false", "null"}[rnd.nextInt(3)]);
      case 4, 5 -> {
        sb.append('[').append(ws(rnd));
        int n = rnd.nextInt(5);
        for (int i = 0; i < n; i++) {
          if (i > 0) {
            sb.append(ws(rnd)).append(',').append(ws(rnd));
          }
          value(sb, rnd, depth + 1);
        }
        sb.append(ws(rnd)).append(']');
      }
      default -> object(sb, rnd, depth, false);
    }
  }

  private static String ws(Random rnd) {
    return rnd.nextInt(3) == 0 ? WS[rnd.nextInt(WS.length)] : "";
  }

  private static String number(Random rnd) {
    String[] forms = {"0", "-0", "7", "42", "-13", "3.25", "-0.5", "1e9", "1E+9", "2.5e-3",
      "-6.02E23", "123456789012345678901234567890", "0.000", "1.0",
      // integers of card lengths are leaves, the others not
      "4539578763621486", "-4111111111111111", "1234567890123", "1234567890123456789",
      "123456789012", "12345678901234567890", "4539578763621486.0", "4539578763621486e0"};
    return forms[rnd.nextInt(forms.length)];
  }

  private static void string(StringBuilder sb, Random rnd) {
    String[] pieces = {"hello", " ", "call 415-555-0132", "caf\u00e9", "\u65e5\u672c\u8a9e",
      "\uD83D\uDE00", "a@b.io", "\u2028", "\u007f", "AKIAQX4BZ7MNPL2WRT5K", "x".repeat(300)};
    StringBuilder text = new StringBuilder();
    int n = rnd.nextInt(6);
    for (int i = 0; i < n; i++) {
      text.append(pieces[rnd.nextInt(pieces.length)]);
    }
    quoted(sb, text.toString(), rnd, false);
  }

  /**
   * {@code text} as a JSON string, escaped in any of the ways JSON allows; in a value, with now and
   * then an escape added, a lone surrogate among them (Jackson refuses those in names).
   */
  private static void quoted(StringBuilder sb, String text, Random rnd, boolean name) {
    sb.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int way = rnd.nextInt(12);
      if (c == '"' || c == '\\') {
        sb.append(way < 6 ? "\\" + c : String.format("\\u%04x", (int) c));
      } else if (c < 0x20) {
        String shortForm = switch (c) {
          case '\b' -> "\\b";
          case '\f' -> "\\f";
          case '\n' -> "\\n";
          case '\r' -> "\\r";
          case '\t' -> "\\t";
          default -> null;
        };
        sb.append(shortForm != null && way < 6 ? shortForm : String.format("\\u%04X", (int) c));
      } else if (way == 0 && Character.isHighSurrogate(c)) {
        sb.append(String.format("\\u%04x\\u%04X", (int) c, (int) text.charAt(++i))); // a pair
      } else if (way == 0) {
        sb.append(String.format("\\u%04x", (int) c)); // any char
      } else if (way == 1 && c == '/') {
        sb.append("\\/");
      } else {
        sb.append(c);
      }
      if (!name && rnd.nextInt(40) == 0) {
        sb.append(new String[] {"\\n", "\\t", "\\/", "\\\"", "\\\\", "\\u0000",
          "\\b\\f\\r"}[rnd.nextInt(7)]);
      }
    }
    if (!name && rnd.nextInt(200) == 0) {
      sb.append("\\ud800"); // a lone surrogate
    }
    sb.append('"');
  }
}
