package io.provenir.pipeline;

import io.provenir.config.SpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * The run's output directory: its name from the {@code output.dir} template, and the rule that a
 * run never writes into a directory that already holds files, unless {@code --overwrite} is given
 * and everything there is a Provenir output (so a typo cannot wipe unrelated data).
 */
final class OutputDirs {

  /** What a Provenir run writes at the top of its output directory. */
  static final Set<String> PROVENIR_ENTRIES = Set.of("clean", "quarantine", "dead-letter",
      "findings", "contaminated", "report.json", "manifest.json", "MODEL_CARD.md");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)\\}");

  private OutputDirs() {}

  /** Expands {@code {run_id}} and {@code {date}} and makes a local path absolute; ends with '/'. */
  static String resolve(String template, String runId, Instant start, Path cwd)
      throws SpecException {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String value = switch (m.group(1)) {
        case "run_id" -> runId;
        case "date" -> DateTimeFormatter.ISO_LOCAL_DATE.format(start.atOffset(ZoneOffset.UTC));
        default -> throw new SpecException("output.dir: unknown placeholder {" + m.group(1)
            + "} (allowed: {run_id}, {date})");
      };
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    String dir = InputResolver.toSpec(sb.toString(), cwd);
    return dir.endsWith("/") ? dir : dir + "/";
  }

  /**
   * Checks that {@code dir} is absent or empty; with {@code overwrite}, empties it when it holds
   * only Provenir outputs.
   */
  static void prepare(String dir, boolean overwrite) throws SpecException, IOException {
    prepare(dir, overwrite, true);
  }

  /**
   * What {@link #prepare(String, boolean)} refuses, refused, and nothing deleted: the planner
   * checks early and deletes last, once nothing else can refuse the run (a run refused for its
   * audit trail must not have wiped the previous run's outputs).
   */
  static void check(String dir, boolean overwrite) throws SpecException, IOException {
    prepare(dir, overwrite, false);
  }

  private static void prepare(String dir, boolean overwrite, boolean delete)
      throws SpecException, IOException {
    if (!InputResolver.hasScheme(dir)) {
      prepareLocal(Path.of(dir), overwrite, delete);
      return;
    }
    MatchResult m = FileSystems.match(dir + "**", EmptyMatchTreatment.ALLOW);
    if (m.status() != MatchResult.Status.OK || m.metadata().isEmpty()) {
      return;
    }
    List<ResourceId> existing = new ArrayList<>();
    Set<String> foreign = new TreeSet<>();
    for (MatchResult.Metadata md : m.metadata()) {
      String rel = md.resourceId().toString().substring(dir.length());
      String top = rel.contains("/") ? rel.substring(0, rel.indexOf('/')) : rel;
      if (!isProvenirEntry(top)) {
        foreign.add(top);
      }
      existing.add(md.resourceId());
    }
    refuseUnlessOverwritable(dir, overwrite, foreign);
    if (delete) {
      FileSystems.delete(existing, StandardMoveOptions.IGNORE_MISSING_FILES);
    }
  }

  /**
   * Refuses a local directory, named in messages as {@code what} ({@code "output /x"}, {@code
   * "audit.dir /x/"}), that is a file or cannot be created. The run would find out only when its first worker writes, so a missing
   * one is created now, as a probe, and what was created removed again (a check after this one
   * may still stop the run).
   */
  static void checkCreatable(Path dir, String what) throws SpecException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new SpecException(what + " exists and is not a directory");
    }
    if (Files.exists(dir)) {
      return;
    }
    List<Path> created = new ArrayList<>();
    for (Path p = dir.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
      created.add(p);
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new SpecException(what + " cannot be created: " + (e.getMessage() == null
          ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + " " + e.getMessage()));
    } finally {
      for (Path p : created) {
        try {
          Files.deleteIfExists(p); // empty, unless another run has just written into it
        } catch (IOException e) {
          break; // then its parents are not empty either
        }
      }
    }
  }

  private static void prepareLocal(Path dir, boolean overwrite, boolean delete)
      throws SpecException, IOException {
    checkCreatable(dir, "output " + dir);
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<Path> entries;
    try (Stream<Path> s = Files.list(dir)) {
      entries = s.toList();
    }
    if (entries.isEmpty()) {
      return;
    }
    Set<String> foreign = new TreeSet<>();
    for (Path e : entries) {
      if (!isProvenirEntry(e.getFileName().toString())) {
        foreign.add(e.getFileName().toString());
      }
    }
    refuseUnlessOverwritable(dir + "/", overwrite, foreign);
    if (!delete) {
      return;
    }
    for (Path e : entries) {
      try (Stream<Path> walk = Files.walk(e)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static boolean isProvenirEntry(String name) {
    return PROVENIR_ENTRIES.contains(name) || name.startsWith(".temp-beam");
  }

  private static void refuseUnlessOverwritable(String dir, boolean overwrite, Set<String> foreign)
      throws SpecException {
    if (!overwrite) {
      throw new SpecException("output directory " + dir + " is not empty; choose another"
          + " --output or --run-id, or pass --overwrite to replace a previous run's outputs");
    }
    if (!foreign.isEmpty()) {
      throw new SpecException("refusing to overwrite " + dir + ": it holds files Provenir did not"
          + " write (" + String.join(", ", foreign.stream().limit(5).toList())
          + (foreign.size() > 5 ? ", ..." : "") + ")");
    }
  }
}
