package io.provenir.cli;

import io.provenir.audit.AuditQuery;
import io.provenir.audit.AuditStore;
import io.provenir.audit.AuditVerifier;
import io.provenir.audit.ChainHasher;
import io.provenir.pipeline.ExitCodes;
import io.provenir.server.AuditServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code provenir audit}: print the audit trail, filtered; {@code audit verify}: check it. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Print the audit trail as JSONL (audit.jsonl and every run's shards, merged in"
        + " timestamp order), filtered by event, actor, run id and time. The output is the"
        + " lines as stored, so it can be verified and piped to jq.",
    subcommands = {AuditCommand.Verify.class},
    footer = {
      "",
      "Times: ISO-8601 instants (2026-11-26T07:00:00Z) or UTC dates (2026-11-26);",
      "--since and --until are inclusive.",
      "Exit codes: 0 ok; 2 bad filter or directory."
    })
final class AuditCommand implements Callable<Integer> {

  static final String DEFAULT_DIR = "artifacts/audit";

  @Spec
  CommandSpec spec;

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = DEFAULT_DIR,
      description = "The audit directory (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--event", paramLabel = "E", description = "Only events named E.")
  String event;

  @Option(names = "--actor", paramLabel = "A", description = "Only events by A.")
  String actor;

  @Option(names = "--run-id", paramLabel = "R", description = "Only events of run R.")
  String runId;

  @Option(names = "--since", paramLabel = "T", description = "Only events at or after T.")
  String since;

  @Option(names = "--until", paramLabel = "T", description = "Only events at or before T.")
  String until;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    AuditQuery q;
    try {
      q = AuditQuery.of(event, actor, runId, since, until);
    } catch (IllegalArgumentException e) {
      err.println("provenir: --" + e.getMessage().replaceFirst("^run_id", "run-id"));
      return ExitCodes.USAGE;
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      err.println("provenir: --dir " + dir + " is not a directory");
      return ExitCodes.USAGE;
    }
    if (!Files.exists(dir)) { // as audit verify: a typo must not look like an empty trail
      err.println("provenir: --dir " + dir + ": no such directory (no run has written an audit"
          + " trail there)");
      return ExitCodes.USAGE;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.flush();
    OutputStream raw = new WriterStream(out);
    new AuditStore(dir).write(q, raw);
    out.flush();
    return ExitCodes.OK;
  }

  /** Bytes to picocli's writer (which tests capture), decoded as UTF-8. */
  static final class WriterStream extends OutputStream {
    private final PrintWriter w;
    private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

    WriterStream(PrintWriter w) {
      this.w = w;
    }

    @Override
    public void write(int b) {
      line.write(b);
      if (b == '\n') {
        flush();
      }
    }

    @Override
    public void flush() {
      w.write(line.toString(StandardCharsets.UTF_8));
      line.reset();
      w.flush();
    }
  }

  /** {@code provenir audit verify}. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      versionProvider = Main.VersionProvider.class,
      description = "Walk every hash chain of the audit trail (audit.jsonl, each run's shards,"
          + " the digests) and report it intact or the first broken place of each.",
      footer = {
        "",
        "A keyed trail (written with PROVENIR_AUDIT_KEY) is verified with the same key.",
        "Exit codes: 0 intact; 4 tampered; 2 usage error (or a keyed trail without",
        "the key)."
      })
  static final class Verify implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** {@code provenir audit --dir D verify} names the directory before the subcommand. */
    @picocli.CommandLine.ParentCommand
    AuditCommand parent;

    @Option(names = "--dir", paramLabel = "DIR",
        description = "The audit directory (default: audit's --dir, or " + DEFAULT_DIR + ").")
    Path dir;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (parent != null && (parent.event != null || parent.actor != null
          || parent.runId != null || parent.since != null || parent.until != null)) {
        err.println("provenir: audit verify checks the whole trail: --event, --actor, --run-id,"
            + " --since and --until do not apply to it");
        return ExitCodes.USAGE;
      }
      if (dir == null) {
        dir = parent != null ? parent.dir : Path.of(DEFAULT_DIR);
      }
      if (!Files.isDirectory(dir)) {
        err.println("provenir: --dir " + dir + (Files.exists(dir) ? ": not a directory"
            : ": no such directory"));
        return ExitCodes.USAGE;
      }
      AuditVerifier.Result r;
      try {
        r = new AuditVerifier(ChainHasher.fromEnvironment()).verify(dir);
      } catch (IllegalStateException e) {
        err.println("provenir: " + e.getMessage());
        return ExitCodes.USAGE;
      }
      if (json) {
        out.print(new String(AuditServer.verifyJson(r), StandardCharsets.UTF_8));
      } else {
        out.printf("%s: %s (%d events in %d files)%n", dir, r.intact() ? "intact" : "TAMPERED",
            r.events(), r.files());
        r.problems().forEach(p -> out.println("  broken: " + p));
        r.notes().forEach(n -> out.println("  note: " + n));
      }
      out.flush();
      return r.intact() ? ExitCodes.OK : ExitCodes.TAMPERED;
    }
  }
}
