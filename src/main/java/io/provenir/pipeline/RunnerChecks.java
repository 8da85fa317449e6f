package io.provenir.pipeline;

import io.provenir.config.GovernanceSpec;
import io.provenir.config.RunnerConfig;
import io.provenir.config.SpecException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.ServiceLoader;
import java.util.Set;
import org.apache.beam.sdk.runners.PipelineRunnerRegistrar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a run's runner options before anything is built, staged or uploaded, so that a user
 * learns on the first try which option is missing: placeholders left in a runner config
 * ({@code <your-gcp-project>}), the options Dataflow cannot do without, local paths that Dataflow
 * workers cannot reach, and a runner that is not in this build.
 */
final class RunnerChecks {

  /** A placeholder a runner config asks the user to replace, e.g. {@code <your-gcp-project>}. */
  private static final Pattern PLACEHOLDER = Pattern.compile("<[A-Za-z][A-Za-z0-9_.-]*>");

  /** Maven profile that puts a runner into the jar, by runner name. */
  private static final Map<String, String> PROFILES = Map.of(
      "dataflowrunner", "dataflow-runner",
      "testdataflowrunner", "dataflow-runner");

  private RunnerChecks() {}

  /** The effective Beam options: the config's, replaced by the pass-through ones. */
  static Map<String, String> effective(RunnerConfig config, List<String> beamArgs) {
    Map<String, String> merged = new LinkedHashMap<>();
    for (String a : config.toArgs(beamArgs)) {
      String name = RunnerConfig.optionName(a);
      int eq = a.indexOf('=');
      merged.put(name, eq >= 0 ? a.substring(eq + 1) : "true");
    }
    return merged;
  }

  /** Whether option {@code name} is among the arguments after '--'. */
  static boolean passedAfterDashes(String name, List<String> beamArgs) {
    return beamArgs.stream().anyMatch(a -> RunnerConfig.optionName(a).equals(name));
  }

  /** Where an option came from, for messages. */
  private static String origin(String name, RunnerConfig config, List<String> beamArgs) {
    return passedAfterDashes(name, beamArgs) ? "--" + name + " (after '--')"
        : config.source() + ": option '" + name + "'";
  }

  /**
   * Fails with a message naming the option when the run cannot start on its runner.
   *
   * @param spec the spec after command-line overrides (its paths must suit the runner)
   */
  static void check(RunnerConfig config, List<String> beamArgs, GovernanceSpec spec)
      throws SpecException {
    Map<String, String> o = effective(config, beamArgs);
    if (!o.containsKey("runner")) {
      // Without it Beam picks the Direct Runner, and Flink or Dataflow options would be ignored.
      throw new SpecException(config.source() + ": no 'runner'; a runner config names its runner,"
          + " such as DirectRunner, FlinkRunner or DataflowRunner (or pass --runner=NAME after"
          + " '--')");
    }
    String runner = o.get("runner");
    String simple = simpleName(runner);
    for (Map.Entry<String, String> e : o.entrySet()) {
      Matcher m = PLACEHOLDER.matcher(e.getValue());
      if (m.find()) {
        throw new SpecException(origin(e.getKey(), config, beamArgs) + " is still the placeholder "
            + m.group() + ": fill it in, or pass --" + e.getKey() + "=VALUE after '--'");
      }
    }
    if (simple.equals("dataflowrunner")) {
      checkDataflow(o, config, spec);
    }
    String confDir = o.get("flinkConfDir");
    if (simple.equals("flinkrunner") && !blank(confDir)
        && !java.nio.file.Files.isDirectory(java.nio.file.Path.of(confDir))) {
      // The Flink client reads it here; Flink's own error ends the run as a pipeline failure.
      throw new SpecException(origin("flinkConfDir", config, beamArgs) + ": '" + confDir
          + "' is not a directory (runner-configs/flink holds the one Provenir ships: run from"
          + " the Provenir directory, or set PROVENIR_HOME to it)");
    }
    // Last, so that a user on the default build first learns everything the config lacks.
    if (PROFILES.containsKey(simple) && !registeredRunners().contains(simple)) {
      throw new SpecException(unknownRunner(runner, ""));
    }
  }

  private static void checkDataflow(Map<String, String> o, RunnerConfig config,
      GovernanceSpec spec) throws SpecException {
    List<String> missing = new ArrayList<>();
    if (blank(o.get("project"))) {
      missing.add("--project (the Google Cloud project id)");
    }
    if (blank(o.get("region"))) {
      missing.add("--region (the Dataflow region, e.g. europe-west1)");
    }
    String temp = !blank(o.get("gcpTempLocation")) ? o.get("gcpTempLocation") : o.get("tempLocation");
    if (blank(temp)) {
      missing.add("--tempLocation (a gs:// folder for temporary files)");
    }
    if (!missing.isEmpty()) {
      throw new SpecException("the Dataflow runner needs " + String.join(", ", missing)
          + ": set " + (missing.size() == 1 ? "it" : "them") + " in "
          + (config.source().equals("built-in") ? "a runner config (--runner-config"
              + " runner-configs/dataflow.yaml)" : config.source())
          + " or pass " + (missing.size() == 1 ? "it" : "them") + " after '--'"
          + " (see docs/runners.md)");
    }
    if (!temp.startsWith("gs://")) {
      throw new SpecException("--tempLocation '" + temp + "' must be a gs:// path on Dataflow");
    }
    List<String> local = new ArrayList<>();
    for (String p : spec.input().paths()) {
      if (!p.startsWith("gs://")) {
        local.add("input '" + p + "'");
      }
    }
    if (!spec.output().dir().startsWith("gs://")) {
      local.add("output.dir '" + spec.output().dir() + "'");
    }
    if (spec.audit().enabled() && !spec.audit().dir().startsWith("gs://")) {
      local.add("audit.dir '" + spec.audit().dir() + "'");
    }
    if (spec.modelCard().enabled() && !spec.modelCard().manifestDir().startsWith("gs://")) {
      local.add("model_card.manifest_dir '" + spec.modelCard().manifestDir() + "'");
    }
    if (spec.decontamination().enabled()) {
      for (GovernanceSpec.EvalSet s : spec.decontamination().evalSets()) {
        if (!s.path().startsWith("gs://")) {
          local.add("eval set '" + s.name() + "' path '" + s.path() + "'");
        }
      }
    }
    if (!local.isEmpty()) {
      throw new SpecException("Dataflow workers read and write Cloud Storage, not this machine's"
          + " disk; use gs:// paths for: " + String.join("; ", local)
          + " (set them in the spec, or with --input, --output, --audit-dir and --eval; see docs/runners.md)");
    }
  }

  /**
   * The message for a runner that Beam does not know: either not in this build (with the Maven
   * profile that adds it) or misspelled.
   */
  static String unknownRunner(String runner, String beamMessage) {
    String profile = PROFILES.get(simpleName(runner));
    if (profile != null) {
      return "the runner " + runner + " is not in this build of provenir; build the '" + profile
          + "' profile and run again: PROVENIR_PROFILES=" + profile + " ./provenir run ..."
          + " (see docs/runners.md)";
    }
    return "--runner '" + runner + "': " + beamMessage;
  }

  /** A runner option's value ({@code FlinkRunner} or a class name), as a lower-case simple name. */
  static String simpleName(String runner) {
    return runner.substring(runner.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
  }

  /** The runners on the class path, by lower-case simple name. */
  static Set<String> registeredRunners() {
    Set<String> names = new HashSet<>();
    for (PipelineRunnerRegistrar r : ServiceLoader.load(PipelineRunnerRegistrar.class)) {
      r.getPipelineRunners().forEach(c -> names.add(c.getSimpleName().toLowerCase(Locale.ROOT)));
    }
    return names;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
