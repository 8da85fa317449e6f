package io.provenir.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A runner config ({@code runner-configs/*.yaml}): a runner name and Beam pipeline options, turned
 * into the {@code --name=value} arguments that Beam's {@code PipelineOptionsFactory} reads.
 *
 * <pre>
 * runner: FlinkRunner
 * options:
 *   flinkMaster: "[local]"
 *   parallelism: 2
 * </pre>
 *
 * <p>Option values may name environment variables: {@code ${NAME}} or {@code ${NAME:-default}}
 * (the launcher sets {@code PROVENIR_JAR} to the jar it runs, for {@code filesToStage}).
 *
 * @param source the file it came from (for messages), or {@code built-in}
 * @param options option name to value, in file order; {@code runner} included
 */
public record RunnerConfig(String source, Map<String, String> options) {

  /** The built-in default when no runner config is given: the Direct Runner, production settings. */
  public static RunnerConfig directDefaults() {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("runner", "DirectRunner");
    // The Direct Runner's element checks re-encode every element; they belong in tests, where
    // TestPipeline keeps them on, not in production runs.
    o.put("enforceImmutability", "false");
    o.put("enforceEncodability", "false");
    return new RunnerConfig("built-in", o);
  }

  public static RunnerConfig load(Path file) throws SpecException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new SpecException(file + ": runner config not found");
    } catch (IOException e) {
      throw new SpecException(file + ": cannot read runner config (" + e.getMessage() + ")");
    }
    return parse(text, file.toString());
  }

  public static RunnerConfig parse(String yaml, String name) throws SpecException {
    return parse(yaml, name, System.getenv());
  }

  /** As {@link #parse(String, String)}, expanding {@code ${NAME}} from {@code env}. */
  public static RunnerConfig parse(String yaml, String name, Map<String, String> env)
      throws SpecException {
    JsonNode root;
    try {
      root = SpecLoader.YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new SpecException(SpecLoader.describe(e, name, yaml));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new SpecException(name + ": the runner config is empty");
    }
    if (!root.isObject()) {
      throw new SpecException(name + ": a runner config is a mapping with 'runner' and 'options'");
    }
    Map<String, String> options = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      switch (e.getKey()) {
        case "runner" -> {
          if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
            throw new SpecException(name + ": 'runner' must be a runner name such as DirectRunner"
                + " or FlinkRunner");
          }
          if (options.containsKey("runner")) {
            throw new SpecException(name + ": 'runner' is given twice");
          }
          options.put("runner", e.getValue().asText());
        }
        case "options" -> {
          if (e.getValue().isNull()) {
            continue;
          }
          if (!e.getValue().isObject()) {
            throw new SpecException(name + ": 'options' must be a mapping of Beam option names"
                + " to values");
          }
          readOptions((ObjectNode) e.getValue(), options, name, env);
        }
        case "description" -> {
          // documentation only
        }
        default -> throw new SpecException(name + ": unknown key '" + e.getKey()
            + "'; allowed top-level keys: description, options, runner");
      }
    }
    return new RunnerConfig(name, options); // without 'runner' unless given after '--' (RunnerChecks)
  }

  private static void readOptions(ObjectNode node, Map<String, String> into, String name,
      Map<String, String> env) throws SpecException {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      String value;
      if (v.isNull()) {
        throw new SpecException(name + ": 'options." + e.getKey() + "' has no value");
      } else if (v.isArray()) {
        List<String> items = new ArrayList<>();
        v.forEach(x -> items.add(x.asText()));
        value = String.join(",", items);
      } else if (v.isObject()) {
        value = v.toString();
      } else {
        value = v.asText();
      }
      if (e.getKey().equals("runner") && into.containsKey("runner")) {
        throw new SpecException(name + ": 'runner' is given twice");
      }
      into.put(e.getKey(), expand(value, "options." + e.getKey(), name, env));
    }
  }

  private static final Pattern VAR =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

  /** {@code value} with {@code ${NAME}} and {@code ${NAME:-default}} replaced from {@code env}. */
  static String expand(String value, String key, String source, Map<String, String> env)
      throws SpecException {
    Matcher m = VAR.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = env.get(m.group(1));
      if (v == null || v.isEmpty()) {
        v = m.group(2);
      }
      if (v == null) {
        throw new SpecException(source + ": '" + key + "' uses ${" + m.group(1) + "}, which is"
            + " not set in the environment; set it, write the value in the file, or pass --"
            + key.substring(key.indexOf('.') + 1) + "=VALUE after '--'");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The runner name, e.g. {@code DirectRunner}. */
  public String runner() {
    return options.getOrDefault("runner", "DirectRunner");
  }

  /**
   * Beam arguments: this config's options, then {@code passThrough}; a pass-through option replaces
   * a config option of the same name.
   */
  public List<String> toArgs(List<String> passThrough) {
    Map<String, String> merged = new LinkedHashMap<>(options);
    for (String a : passThrough) {
      merged.remove(optionName(a));
    }
    List<String> args = new ArrayList<>();
    merged.forEach((k, v) -> args.add("--" + k + "=" + v));
    args.addAll(passThrough);
    return args;
  }

  /** The option name of a {@code --name=value} or {@code --name} argument. */
  public static String optionName(String arg) {
    String a = arg.startsWith("--") ? arg.substring(2) : arg;
    int eq = a.indexOf('=');
    return eq >= 0 ? a.substring(0, eq) : a;
  }
}
