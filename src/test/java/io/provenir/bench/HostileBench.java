package io.provenir.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Hostile inputs through the same engine as {@link EngineBench}: one JSONL record with a 10 MB
 * string of prose sprinkled with digits, dots, colons, at signs and key words, and one with a
 * 1 MB string of digits and dots (the shape that makes naive IP, phone and card regexes
 * backtrack), 10 MB of e-mail addresses (half a million findings in one string), the same among
 * CJK and emoji, 10 MB of
 * phone numbers, 10 MB of a server log (a timestamp, ids and a client address per line), a
 * 10 MB base64 token, and, given a corpus, one record holding 10 MB of that corpus's text (its
 * planted PII and secrets included) in a single string. Prints the engine's time per record;
 * bench/run.sh reports it.
 *
 * <p>Usage: {@code HostileBench WORKDIR [CORPUS.jsonl]}
 */
public final class HostileBench {

  private static final int PROSE_BYTES = Integer.getInteger("hostile.proseBytes", 10_000_000);

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    StringBuilder digits = new StringBuilder(1_000_100);
    for (int i = 0; digits.length() < 1_000_000; i++) {
      digits.append(i % 10).append(i % 7 == 0 ? "." : "");
    }
    // Warm-up on other text (the phone detector caches libphonenumber's answers per run).
    run(dir, "prose-10mb", prose(PROSE_BYTES, 20261126), prose(PROSE_BYTES / 10, 7));
    run(dir, "digits-dots-1mb", digits.toString(), "1.2.3.4 " + digits.substring(0, 1000));
    // Many findings in one string (a mailing list pasted whole): resolution and masking must stay
    // linear in the number of findings.
    run(dir, "emails-10mb", repeat(PROSE_BYTES, i -> "user" + i % 1000 + "@example.com, "),
        "a@b.co, c@d.org");
    // The same in a string of two-byte chars with emoji (surrogate pairs) throughout: findings'
    // offsets are converted to code points (the output's contract) without walking the string from
    // its start for each (which took minutes: 217 s for 10 MB of secret test cases with an emoji).
    run(dir, "emails-emoji-10mb",
        repeat(PROSE_BYTES, i -> "\u540d\u524d user" + i % 1000 + "@example.com \uD83D\uDE00, "),
        "\u540d a@b.co \uD83D\uDE00, c@d.org");
    // A phone book pasted whole: distinct numbers in the formats people write, each one a
    // libphonenumber question (the detector's cache of answers cannot help).
    java.util.Random phones = new java.util.Random(20261127);
    run(dir, "phones-10mb", repeat(PROSE_BYTES, i -> phoneNumber(phones) + ", "),
        "(415) 555-0132, +44 20 7946 0958");
    // A server log pasted whole: a timestamp, an id, a status, a latency and a client address on
    // every line (the date and hour of each timestamp are one run of digits and punctuation).
    java.util.Random logs = new java.util.Random(20261128);
    run(dir, "logs-10mb", repeat(PROSE_BYTES, i -> logLine(logs)),
        logLine(new java.util.Random(1)) + logLine(new java.util.Random(2)));
    // Text dense with numbers: a table of integers, a printed vector of floats, random digits and
    // spaces. Nearly every run of digits and spaces holds seven digits, a libphonenumber question
    // in every region (20-30 s per MB) until the string's budget of questions is spent.
    java.util.Random numbers = new java.util.Random(20261129);
    run(dir, "integers-10mb", repeat(PROSE_BYTES,
        i -> numbers.nextInt(100_000) + (numbers.nextInt(8) == 0 ? "\n" : " ")), "12 345 6789");
    run(dir, "floats-10mb", repeat(PROSE_BYTES,
        i -> String.format(Locale.ROOT, "%.4f ", numbers.nextDouble() * 1000)), "0.5 1.25");
    run(dir, "digits-spaces-10mb", repeat(PROSE_BYTES,
        i -> numbers.nextInt(10) + (numbers.nextInt(4) == 0 ? " " : "")), "1 23 456");
    // Random printable ASCII: every short keyword of every secret rule occurs by chance.
    java.util.Random printable = new java.util.Random(20261130);
    run(dir, "printable-10mb", repeat(PROSE_BYTES,
        i -> String.valueOf((char) (32 + printable.nextInt(95)))), "a|b Q~c");
    // One 10 MB token of base64 characters (an embedded file): every short secret keyword occurs.
    java.util.Random rnd = new java.util.Random(20261126);
    String b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    run(dir, "base64-10mb", repeat(PROSE_BYTES, i -> String.valueOf(b64.charAt(rnd.nextInt(64)))),
        "QUJDRA==");
    if (args.length > 1) {
      String text = corpusText(Path.of(args[1]), PROSE_BYTES);
      run(dir, "corpus-text-10mb", text, corpusText(Path.of(args[1]), PROSE_BYTES / 10));
    }
  }

  /** A web server's log line: timestamp, level, path with an id, status, latency, client. */
  static String logLine(java.util.Random r) {
    return String.format(Locale.ROOT,
        "2024-%02d-%02d %02d:%02d:%02d.%03d INFO GET /api/v1/items/%d %d %d ms from 10.%d.%d.%d%n",
        1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24), r.nextInt(60), r.nextInt(60),
        r.nextInt(1000), r.nextInt(1_000_000_000), 200 + r.nextInt(4) * 100, r.nextInt(5000),
        r.nextInt(256), r.nextInt(256), r.nextInt(256));
  }

  /** A random number as written in North America, Britain, Germany, France or India. */
  static String phoneNumber(java.util.Random r) {
    int a = 200 + r.nextInt(800);
    int b = 200 + r.nextInt(800);
    int c = r.nextInt(10000);
    return switch (r.nextInt(6)) {
      case 0 -> String.format(Locale.ROOT, "(%d) %d-%04d", a, b, c);
      case 1 -> String.format(Locale.ROOT, "%d.%d.%04d", a, b, c);
      case 2 -> String.format(Locale.ROOT, "+1-%d-%d-%04d", a, b, c);
      case 3 -> String.format(Locale.ROOT, "+44 20 7%03d %04d", r.nextInt(1000), c);
      case 4 -> String.format(Locale.ROOT, "030 %d %05d", b, r.nextInt(100000));
      default -> String.format(Locale.ROOT, "+91 98%03d %05d", r.nextInt(1000), r.nextInt(100000));
    };
  }

  private static String repeat(int bytes, java.util.function.IntFunction<String> piece) {
    StringBuilder sb = new StringBuilder(bytes + 100);
    for (int i = 0; sb.length() < bytes; i++) {
      sb.append(piece.apply(i));
    }
    return sb.toString();
  }

  /** The corpus's strings (every string leaf of its records), joined by newlines, up to bytes. */
  static String corpusText(Path corpus, int bytes) throws IOException {
    ObjectMapper json = new ObjectMapper();
    StringBuilder sb = new StringBuilder(bytes + 1000);
    try (BufferedReader r = Files.newBufferedReader(corpus, StandardCharsets.UTF_8)) {
      String line;
      while (sb.length() < bytes && (line = r.readLine()) != null) {
        collect(json.readTree(line), sb, bytes);
      }
    }
    sb.setLength(Math.min(sb.length(), bytes));
    return sb.toString();
  }

  private static void collect(JsonNode n, StringBuilder sb, int bytes) {
    if (n.isTextual()) {
      sb.append(n.textValue()).append('\n');
    }
    for (JsonNode c : n) {
      if (sb.length() < bytes) {
        collect(c, sb, bytes);
      }
    }
  }

  /** Prose of the worst kind: digits, dots, colons, at signs and key words everywhere. */
  static String prose(int bytes, long seed) {
    StringBuilder prose = new StringBuilder(bytes + 100);
    String[] words = {"the", "key", "token:", "password", "=", "call", "415.555", "0132", "at",
        "user@", "example", "1.2.3", "v2.3.10", "SK", "AKIA", "s.", "Bearer", "::", "4111", "-",
        "ghp_", "secret", "12345678901234", "(415)", "10.0.", "0.1", "ssn", "123-45-", "x"};
    long s = seed;
    while (prose.length() < bytes) {
      s = s * 6364136223846793005L + 1442695040888963407L;
      prose.append(words[(int) ((s >>> 33) % words.length)]);
      prose.append((s >>> 20) % 5 == 0 ? Long.toString((s >>> 40) % 10000) + " " : " ");
    }
    return prose.toString();
  }

  private static String record(String id, String text) throws IOException {
    ObjectMapper json = new ObjectMapper();
    return json.writeValueAsString(json.createObjectNode().put("id", id).put("text", text)) + "\n";
  }

  /** {@code -Dhostile.only=NAME} runs one case (to profile it). */
  private static final String ONLY = System.getProperty("hostile.only");

  private static void run(Path dir, String name, String text, String warmUp) throws Exception {
    if (ONLY != null && !ONLY.equals(name)) {
      return;
    }
    Path in = dir.resolve("hostile-" + name + ".jsonl");
    Path out = dir.resolve("hostile-" + name + ".out.jsonl");
    Files.writeString(in, record("w", warmUp), StandardCharsets.UTF_8);
    EngineBench.run(in, out);
    Files.writeString(in, record(name, text), StandardCharsets.UTF_8);
    long t0 = System.nanoTime();
    long[] c = EngineBench.run(in, out);
    double secs = (System.nanoTime() - t0) / 1e9;
    System.out.println(String.format(Locale.ROOT,
        "{\"name\": \"hostile-%s\", \"bytes\": %d, \"seconds\": %.3f, \"scan_seconds\": %.3f,"
            + " \"findings\": %d}", name, Files.size(in), secs, c[4] / 1e9, c[1]));
  }
}
