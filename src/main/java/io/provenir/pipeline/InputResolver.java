package io.provenir.pipeline;

import io.provenir.config.SpecException;
import io.provenir.transforms.InputFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Matches input paths and globs with Beam's {@link FileSystems} (local paths, and {@code gs://},
 * {@code s3://}, ... when their filesystem module is on the classpath). A local directory means
 * every {@code *.jsonl} file in it, compressed or not. Relative local paths are resolved against
 * the working directory, so workers on other machines get absolute paths.
 */
final class InputResolver {

  private static final Pattern JSONL_NAME =
      Pattern.compile(".*\\.jsonl(\\.(gz|gzip|bz2|zst|deflate|zip|lzo|snappy))?$");

  private InputResolver() {}

  /** The matched files, each once, sorted by path. */
  static List<InputFile> resolve(List<String> paths, Path cwd) throws SpecException, IOException {
    Map<String, InputFile> files = new TreeMap<>();
    for (String p : paths) {
      String spec = toSpec(p, cwd);
      boolean local = !hasScheme(p);
      boolean directory = local && Files.isDirectory(Path.of(spec));
      // A missing local file is not matched: Beam would take it for a glob and walk the whole
      // tree under its nearest existing directory (all of / for /typo.jsonl) to find nothing.
      boolean missing = local && !directory && !spec.matches(".*[*?\\[{].*")
          && !Files.exists(Path.of(spec));
      List<MatchResult.Metadata> found = new ArrayList<>();
      MatchResult m;
      try {
        m = missing ? null
            : FileSystems.match(directory ? spec + "/*" : spec, EmptyMatchTreatment.ALLOW);
      } catch (java.util.regex.PatternSyntaxException e) {
        throw new SpecException("input '" + p + "' is not a valid glob: " + e.getDescription()
            + " (escape a literal [ or { with \\)");
      } catch (IllegalArgumentException e) {
        String scheme = p.contains("://") ? p.substring(0, p.indexOf("://")) : "";
        if (e.getMessage() != null && e.getMessage().startsWith("No filesystem found")) {
          throw new SpecException("input '" + p + "': no filesystem for " + scheme + ":// in this"
              + " build" + (scheme.equals("s3") ? " (build with PROVENIR_PROFILES=aws, see"
              + " docs/runners.md)" : scheme.equals("gs") ? " (build with"
              + " PROVENIR_PROFILES=dataflow-runner, see docs/runners.md)" : ""));
        }
        throw e;
      }
      if (m != null && m.status() == MatchResult.Status.OK) {
        for (MatchResult.Metadata md : m.metadata()) {
          String name = md.resourceId().getFilename();
          if (md.resourceId().isDirectory() || (directory && !JSONL_NAME.matcher(name).matches())) {
            continue;
          }
          found.add(md);
        }
      } else if (m != null && m.status() != MatchResult.Status.NOT_FOUND) {
        throw new IOException("cannot list input '" + p + "' (" + m.status() + ")");
      }
      if (found.isEmpty()) {
        throw new SpecException(directory
            ? "input '" + p + "': the directory holds no .jsonl files"
            : "input '" + p + "' matched no files");
      }
      for (MatchResult.Metadata md : found) {
        String id = md.resourceId().toString();
        files.putIfAbsent(id, new InputFile(id, sourceName(id, cwd), md.sizeBytes()));
      }
    }
    return List.copyOf(files.values());
  }

  static boolean hasScheme(String p) {
    return p.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
  }

  /** An absolute local path, or the URI as given. */
  static String toSpec(String p, Path cwd) {
    if (hasScheme(p)) {
      return p;
    }
    Path path = Path.of(p.startsWith("~/") ? System.getProperty("user.home") + p.substring(1) : p);
    return cwd.resolve(path).normalize().toString();
  }

  /** The path relative to the working directory when under it, else as is. */
  static String sourceName(String resourceId, Path cwd) {
    String base = cwd.toString().endsWith("/") ? cwd.toString() : cwd + "/";
    return resourceId.startsWith(base) ? resourceId.substring(base.length()) : resourceId;
  }
}
