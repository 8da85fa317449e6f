package io.provenir.cli;

import io.provenir.audit.AuditStore;
import io.provenir.audit.ChainHasher;
import io.provenir.pipeline.ExitCodes;
import io.provenir.server.AuditServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code provenir serve}: the audit trail over HTTP, read-only. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Serve the audit trail read-only over HTTP: GET /audit (JSONL, the same"
        + " filters as 'provenir audit' as query parameters: event, actor, run_id, since,"
        + " until), GET /audit/verify (JSON), GET /health. Runs until stopped.",
    footer = {
      "",
      "Binds to loopback unless --bind says otherwise. With --token-file (or",
      "PROVENIR_SERVE_TOKEN), requests need 'Authorization: Bearer <token>'.",
      "Exit codes: 0 stopped; 2 usage error (port in use, unreadable token file)."
    })
final class ServeCommand implements Callable<Integer> {

  static final String TOKEN_ENV = "PROVENIR_SERVE_TOKEN";

  @Spec
  CommandSpec spec;

  @Option(names = "--audit-dir", paramLabel = "DIR", defaultValue = AuditCommand.DEFAULT_DIR,
      description = "The audit directory (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8000",
      description = "Port (default: ${DEFAULT-VALUE}; 0 for any free port).")
  int port;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, loopback only).")
  String bind;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "A file holding the bearer token clients must send.")
  Path tokenFile;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "8",
      description = "Request threads (default: ${DEFAULT-VALUE}).")
  int threads;

  /** Set by tests: called with the server once it listens; the command then returns. */
  java.util.function.Consumer<AuditServer> onStart;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String token = System.getenv(TOKEN_ENV);
    if (tokenFile != null) {
      try {
        token = Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
      } catch (IOException e) {
        err.println("provenir: --token-file " + tokenFile + ": cannot read (" + e.getMessage()
            + ")");
        return ExitCodes.USAGE;
      }
      if (token.isEmpty()) {
        err.println("provenir: --token-file " + tokenFile + " is empty");
        return ExitCodes.USAGE;
      }
    }
    if (!Files.isDirectory(dir)) { // a typo would serve an empty trail as intact
      err.println("provenir: --audit-dir " + dir + ": no such directory (create it, or run once"
          + " to write a trail there)");
      return ExitCodes.USAGE;
    }
    if (port < 0 || port > 65535) {
      err.println("provenir: --port must be between 0 and 65535, not " + port);
      return ExitCodes.USAGE;
    }
    AuditServer server;
    try {
      server = AuditServer.start(new AuditStore(dir), bind, port,
          token == null || token.isEmpty() ? null : token, ChainHasher.fromEnvironment(),
          Math.max(1, threads));
    } catch (IOException e) {
      err.println("provenir: cannot listen on " + bind + ":" + port + " (" + e.getMessage()
          + ")");
      return ExitCodes.USAGE;
    }
    out.printf("serving %s on http://%s:%d/ (GET /audit, /audit/verify, /health)%s%n", dir,
        bind, server.port(), token == null || token.isEmpty() ? "" : "; bearer token required");
    out.flush();
    if (onStart != null) {
      onStart.accept(server);
      return ExitCodes.OK;
    }
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stop.countDown();
    }));
    stop.await();
    return ExitCodes.OK;
  }
}
