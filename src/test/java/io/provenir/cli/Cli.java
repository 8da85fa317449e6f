package io.provenir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Runs the CLI in-process and reads what a run wrote. */
final class Cli {

  static final ObjectMapper JSON = new ObjectMapper();

  private Cli() {}

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  static JsonNode report(Path dir) throws IOException {
    return JSON.readTree(dir.resolve("report.json").toFile());
  }

  /** Every line of every shard of one output. */
  static List<String> lines(Path dir, String output) throws IOException {
    List<String> all = new ArrayList<>();
    Path d = dir.resolve(output);
    try (Stream<Path> s = Files.list(d)) {
      for (Path f : s.sorted().toList()) {
        all.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
      }
    }
    return all;
  }

  static List<JsonNode> json(Path dir, String output) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String l : lines(dir, output)) {
      out.add(JSON.readTree(l));
    }
    return out;
  }

  /** Every byte written under {@code dir}, as text. */
  static String everything(Path dir) throws IOException {
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        sb.append(Files.readString(f, StandardCharsets.UTF_8)).append('\n');
      }
    }
    return sb.toString();
  }
}
