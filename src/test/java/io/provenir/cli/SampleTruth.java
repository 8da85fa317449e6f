package io.provenir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The ground truth of pipelines/sample/, written by scripts/make-sample.py: every planted value
 * (file, line, pointer, kind, type, code-point span) and the expected outcome of every line.
 */
final class SampleTruth {

  static final Path SAMPLE = Path.of("pipelines/sample");
  static final Path DIR = Path.of("src/test/resources/sample");

  private SampleTruth() {}

  static List<JsonNode> values() throws IOException {
    return read(DIR.resolve("truth.jsonl"));
  }

  static List<JsonNode> lines() throws IOException {
    return read(DIR.resolve("lines.jsonl"));
  }

  private static List<JsonNode> read(Path f) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String l : Files.readAllLines(f, StandardCharsets.UTF_8)) {
      out.add(Cli.JSON.readTree(l));
    }
    return out;
  }

  /** The text of one planted value, read back from the sample file. */
  static String valueOf(JsonNode t) throws IOException {
    Path f = SAMPLE.resolve(t.get("file").asText());
    String content;
    try (InputStream in = f.toString().endsWith(".gz")
        ? new GZIPInputStream(Files.newInputStream(f)) : Files.newInputStream(f)) {
      content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String line = content.split("\n", -1)[t.get("line").asInt() - 1];
    JsonNode node = Cli.JSON.readTree(line).at(t.get("pointer").asText());
    String text = node.asText();
    int s = text.offsetByCodePoints(0, t.get("start").asInt());
    int e = text.offsetByCodePoints(0, t.get("end").asInt());
    return text.substring(s, e);
  }
}
