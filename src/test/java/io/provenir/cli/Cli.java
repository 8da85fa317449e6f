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

  /** A fresh audit directory for this JVM's runs, so that reruns of the suite never collide. */
  static final Path AUDIT_DIR;

  static {
    try {
      AUDIT_DIR = Files.createTempDirectory("provenir-test-audit");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** {@code args}, with {@code --audit-dir AUDIT_DIR} after {@code run} unless one is given. */
  static List<String> withTestAuditDir(String... args) {
    List<String> a = new ArrayList<>(List.of(args));
    int run = a.indexOf("run");
    int dashes = a.indexOf("--");
    if (run >= 0 && (dashes < 0 || run < dashes) && !a.contains("--audit-dir")) {
      a.addAll(run + 1, List.of("--audit-dir", AUDIT_DIR.toString()));
    }
    return a;
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(withTestAuditDir(args).toArray(new String[0]),
        new PrintWriter(out, true), new PrintWriter(err, true));
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
