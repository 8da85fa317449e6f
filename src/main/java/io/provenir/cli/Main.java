package io.provenir.cli;

import io.provenir.Version;
import io.provenir.pipeline.ExitCodes;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.util.ReleaseInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code provenir} command. */
@Command(
    name = "provenir",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Data governance for LLM fine-tuning datasets on Apache Beam: masks PII,"
        + " quarantines secrets, accounts for every input line, and reports what it found.",
    subcommands = {RunCommand.class, EmbedCommand.class, EvalCommand.class, AuditCommand.class,
        ModelCardCommand.class, CompareCommand.class,
        ServeCommand.class,
        CommandLine.HelpCommand.class},
    footer = {
      "",
      "Exit codes: 0 ok; 1 failure; 2 usage or config error; 3 a gate failed",
      "(secrets found with secrets.policy 'fail', or an eval below its threshold);",
      "4 audit verify found the trail tampered with; compare exits 1 when two runs",
      "differ."
    })
public final class Main implements Callable<Integer> {

  static final List<String> LOG_LEVELS = List.of("error", "warn", "info", "debug", "trace");
  private static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

  @Spec
  CommandSpec spec;

  @Option(
      names = "--log-level",
      paramLabel = "LEVEL",
      description = "Log level on stderr: error, warn (default), info, debug, trace. Logs carry"
          + " locations and counts, never record content.")
  String logLevel;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int code = execute(args, out, err);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs the command line and returns the exit code. Arguments after the first {@code --} are Beam
   * pipeline options, passed through untouched.
   */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    int dashes = Arrays.asList(args).indexOf("--");
    String[] own = dashes < 0 ? args : Arrays.copyOfRange(args, 0, dashes);
    List<String> beamArgs = dashes < 0 ? List.of()
        : List.of(Arrays.copyOfRange(args, dashes + 1, args.length));
    String level = logLevelOf(own);
    if (level != null) {
      if (!LOG_LEVELS.contains(level.toLowerCase(Locale.ROOT))) {
        err.println("provenir: --log-level '" + level + "' must be one of "
            + String.join(", ", LOG_LEVELS));
        return ExitCodes.USAGE;
      }
      System.setProperty(LOG_LEVEL_PROPERTY, level.toLowerCase(Locale.ROOT));
      System.setProperty("org.slf4j.simpleLogger.log.io.provenir", level.toLowerCase(Locale.ROOT));
    } else if (System.getProperty(LOG_LEVEL_PROPERTY) == null) {
      // Quiet by default: a failed Flink job is logged whole by the task that failed (WARN) and
      // by the FlinkRunner (ERROR), each with its stack trace, hundreds of lines that say what
      // the one-line "the pipeline failed: ..." says. --log-level brings them back.
      System.setProperty("org.slf4j.simpleLogger.log.org.apache.flink.runtime.taskmanager.Task",
          "error");
      System.setProperty("org.slf4j.simpleLogger.log.org.apache.beam.runners.flink.FlinkRunner",
          "off");
    }
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      // Jackson's messages quote the input they stop at, which may be a secret: its location only
      commandLine.getErr().println("provenir: " + e.getClass().getSimpleName()
          + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
              ? ": invalid JSON" + (j.getLocation() == null ? "" : " at line "
                  + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr())
              : e.getMessage() == null ? "" : ": " + e.getMessage()));
      return ExitCodes.FAILURE;
    });
    RunCommand run = cl.getSubcommands().get("run").getCommand();
    run.beamArgs = beamArgs;
    return cl.execute(own);
  }

  private static String logLevelOf(String[] args) {
    String level = System.getenv("PROVENIR_LOG_LEVEL");
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith("--log-level=")) {
        level = args[i].substring("--log-level=".length());
      } else if (args[i].equals("--log-level") && i + 1 < args.length) {
        level = args[i + 1];
      }
    }
    return level;
  }

  /** {@code provenir <version> (Apache Beam <version>, Java <version>)}. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      java.util.TreeSet<String> runners = new java.util.TreeSet<>();
      for (org.apache.beam.sdk.runners.PipelineRunnerRegistrar r : java.util.ServiceLoader.load(
          org.apache.beam.sdk.runners.PipelineRunnerRegistrar.class)) {
        r.getPipelineRunners().forEach(c -> {
          if (!c.getSimpleName().startsWith("Test")) {
            runners.add(c.getSimpleName());
          }
        });
      }
      return new String[] {
        "provenir " + Version.get() + " (Apache Beam " + ReleaseInfo.getReleaseInfo().getVersion()
            + ", Java " + System.getProperty("java.version") + ")",
        "runners: " + String.join(", ", runners)
      };
    }
  }
}
