package io.provenir.pipeline;

import io.provenir.config.GovernanceSpec;
import io.provenir.config.SpecException;
import io.provenir.decontam.Embedder;
import io.provenir.decontam.EmbeddingSet;
import io.provenir.decontam.EvalItemParser;
import io.provenir.transforms.EvalSource;
import io.provenir.transforms.InputFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Resolves the spec's eval sets before the run starts, so that mistakes stop it with exit code 2
 * and a message naming the eval set: paths that match nothing, a first item without the eval
 * field, an embedding set made by another model.
 */
final class EvalSetResolver {

  private EvalSetResolver() {}

  /**
   * @param embedder the run's embedder, or null when the semantic method is off
   */
  static List<EvalSource> resolve(List<GovernanceSpec.EvalSet> sets, Embedder embedder, Path cwd)
      throws SpecException, IOException {
    List<EvalSource> out = new ArrayList<>();
    for (GovernanceSpec.EvalSet s : sets) {
      String where = "eval set '" + s.name() + "'";
      String spec = InputResolver.toSpec(s.path(), cwd);
      String dir = spec.endsWith("/") ? spec : spec + "/";
      ResourceId meta = FileSystems.matchNewResource(dir + EmbeddingSet.META, false);
      if (exists(meta)) {
        EmbeddingSet.Meta m;
        try (InputStream in = Channels.newInputStream(FileSystems.open(meta))) {
          m = EmbeddingSet.readMeta(in);
        } catch (IllegalArgumentException e) {
          throw new SpecException(where + " (" + s.path() + "): " + e.getMessage());
        }
        if (s.field() != null && (m.field() == null
            || !io.provenir.record.JsonPointers.fromFieldOrPointer(s.field()).equals(
                io.provenir.record.JsonPointers.fromFieldOrPointer(m.field())))) {
          // The texts were read when the set was made: a field named now would be ignored.
          throw new SpecException(where + " (" + s.path() + "): it was embedded from "
              + (m.field() == null ? "the default field (the first of /question, /prompt, /text)"
                  : "field '" + m.field() + "'") + ", not '" + s.field()
              + "' (re-run provenir embed --field " + s.field() + ", or leave the field out)");
        }
        if (m.items() < 1) { // a benchmark of no items would be reported as 0 of 0 leaked
          throw new SpecException(where + " (" + s.path() + "): no items (" + EmbeddingSet.META
              + " says " + m.items() + ")");
        }
        if (embedder != null) {
          try {
            EmbeddingSet.checkCompatible(m, embedder);
          } catch (IllegalArgumentException e) {
            throw new SpecException(where + " (" + s.path() + "): " + e.getMessage());
          }
        }
        out.add(new EvalSource(s.name(), List.of(), dir, s.field(), s.idField()));
        continue;
      }
      List<InputFile> files;
      try {
        files = InputResolver.resolve(List.of(s.path()), cwd);
      } catch (SpecException e) {
        throw new SpecException(where + ": " + e.getMessage());
      }
      EvalItemParser parser = new EvalItemParser(s.name(), s.field(), s.idField());
      boolean any = false;
      for (int i = 0; i < files.size() && !any; i++) {
        any = checkFirstItem(files.get(i), parser, where);
      }
      if (!any) { // a benchmark of no items would be reported as 0 of 0 leaked
        throw new SpecException(where + ": no items (" + (files.size() == 1 ? "the file is"
            : "its " + files.size() + " files are") + " empty)");
      }
      out.add(new EvalSource(s.name(), files, null, s.field(), s.idField()));
    }
    return out;
  }

  private static boolean exists(ResourceId id) throws IOException {
    MatchResult m = FileSystems.match(id.toString());
    return m.status() == MatchResult.Status.OK && !m.metadata().isEmpty();
  }

  /**
   * Parses the first item so that a wrong field name fails now, not inside the job; whether the
   * file has one.
   */
  private static boolean checkFirstItem(InputFile f, EvalItemParser parser, String where)
      throws SpecException, IOException {
    ResourceId id = FileSystems.matchNewResource(f.resourceId(), false);
    try (InputStream in = Channels.newInputStream(
            Compression.detect(f.resourceId()).readDecompressed(FileSystems.open(id)));
        BufferedReader r = new BufferedReader(new InputStreamReader(in,
            StandardCharsets.UTF_8))) {
      int line = 0;
      for (String s = r.readLine(); s != null; s = r.readLine()) {
        line++;
        if (s.isBlank()) {
          continue;
        }
        try {
          parser.parse(s, f.source() + ":" + line);
        } catch (IllegalArgumentException e) {
          throw new SpecException(where + ": " + f.source() + ":" + line + ": " + e.getMessage());
        }
        return true;
      }
    }
    return false;
  }
}
