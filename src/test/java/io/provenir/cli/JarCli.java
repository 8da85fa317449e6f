package io.provenir.cli;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.rules.TemporaryFolder;

/** Runs the shaded jar in a child JVM, as a user does, for the {@code *IT} tests. */
final class JarCli {

  /** Exit code, stdout and stderr of one run. */
  record Proc(int code, String out, String err) {}

  private JarCli() {}

  /** {@code java -jar provenir.jar ARGS} (with the tests' audit directory after {@code run}). */
  static Proc run(TemporaryFolder tmp, String... args) throws Exception {
    String jar = System.getProperty("provenir.jar", "target/provenir.jar");
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
    cmd.addAll(Cli.withTestAuditDir(args));
    File out = tmp.newFile();
    File err = tmp.newFile();
    Process p = new ProcessBuilder(cmd).redirectOutput(out).redirectError(err).start();
    int code = p.waitFor();
    return new Proc(code, Files.readString(out.toPath(), StandardCharsets.UTF_8),
        Files.readString(err.toPath(), StandardCharsets.UTF_8));
  }
}
