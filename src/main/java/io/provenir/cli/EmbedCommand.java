package io.provenir.cli;

import io.provenir.decontam.Embedder;
import io.provenir.decontam.Embedders;
import io.provenir.decontam.EmbeddingSet;
import io.provenir.decontam.EvalEntry;
import io.provenir.decontam.EvalItemParser;
import io.provenir.decontam.MiniLmEmbedder;
import io.provenir.pipeline.ExitCodes;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code provenir embed}: precompute an eval embedding set once. */
@Command(
    name = "embed",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Embed an eval set once into a directory (meta.json, items.jsonl, vectors.f32)"
        + " that runs read instead of re-embedding it: name the directory as the eval set's"
        + " path (--eval NAME=DIR or decontamination.eval_sets[].path).",
    footer = {
      "",
      "A run refuses a set made by another model or another version's windowing.",
      "Exit codes: 0 ok; 2 usage error (bad file, missing field, output in use).",
      "Example:",
      "  provenir embed --input evals/gsm8k-test.jsonl --field /question \\",
      "    --output eval-embeddings/gsm8k/"
    })
final class EmbedCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--input", paramLabel = "FILE", required = true, arity = "1..*",
      description = "Eval set JSONL files (.gz too); repeatable, or several after one --input"
          + " (as a shell expands a glob).")
  List<Path> inputs = new ArrayList<>();

  @Option(names = "--field", paramLabel = "POINTER",
      description = "The item text's field or JSON Pointer (default: the first of /question,"
          + " /prompt, /text).")
  String field;

  @Option(names = "--id-field", paramLabel = "FIELD", defaultValue = "id",
      description = "The item id's field (default: ${DEFAULT-VALUE}; else <file>:<line>).")
  String idField;

  @Option(names = "--output", paramLabel = "DIR", required = true,
      description = "The directory to write; must not exist or be empty (see --overwrite).")
  Path output;

  @Option(names = "--overwrite", description = "Replace the files of an existing set.")
  boolean overwrite;

  @Option(names = "--threads", paramLabel = "N",
      description = "Embedding threads (default: the number of cores).")
  Integer threads;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (Files.exists(output) && !Files.isDirectory(output)) {
      err.println("provenir: --output " + output + " is a file, not a directory");
      return ExitCodes.USAGE;
    }
    if (Files.isDirectory(output) && !overwrite) {
      try (Stream<Path> s = Files.list(output)) {
        if (s.findAny().isPresent()) {
          err.println("provenir: --output " + output + " is not empty (use --overwrite to"
              + " replace an embedding set)");
          return ExitCodes.USAGE;
        }
      }
    }
    List<EvalEntry> items = new ArrayList<>();
    java.util.Map<String, Path> ids = new java.util.HashMap<>();
    try {
      EvalItemParser parser = new EvalItemParser("eval", field, idField);
      // Absolute paths, as a run names the files of an eval set: the same names either way.
      List<String> files = inputs.stream()
          .map(p -> p.toAbsolutePath().normalize().toString()).toList();
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < files.size(); i++) {
        if (!seen.add(files.get(i))) {
          throw new IllegalArgumentException("--input " + inputs.get(i) + ": given twice");
        }
      }
      java.util.Map<String, String> names = EvalItemParser.locatorNames(files);
      for (int i = 0; i < inputs.size(); i++) {
        Path f = inputs.get(i);
        for (EvalEntry e : parser.readFile(f, names.get(files.get(i)))) {
          Path other = ids.putIfAbsent(e.id(), f);
          if (other != null) { // within one file, readFile has said so with both lines
            throw new IllegalArgumentException(
                EvalItemParser.repeatedId(f.toString(), e.id(), other.toString()));
          }
          items.add(e);
        }
      }
    } catch (IllegalArgumentException e) {
      err.println("provenir: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    if (items.isEmpty()) { // a set of no items would report its benchmark as 0 of 0 leaked
      err.println("provenir: --input: no items (" + (inputs.size() == 1 ? "the file is"
          : "the " + inputs.size() + " files are") + " empty)");
      return ExitCodes.USAGE;
    }
    long start = System.nanoTime();
    int n = threads == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, threads);
    Embedder embedder = Embedders.named(MiniLmEmbedder.NAME);
    List<EvalEntry> embedded = EmbeddingSet.embed(items, embedder, n);
    Files.createDirectories(output);
    try (OutputStream meta = Files.newOutputStream(output.resolve(EmbeddingSet.META));
        OutputStream itemsOut = Files.newOutputStream(output.resolve(EmbeddingSet.ITEMS));
        OutputStream vectors = Files.newOutputStream(output.resolve(EmbeddingSet.VECTORS))) {
      EmbeddingSet.write(embedded, embedder, field,
          inputs.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList(), meta,
          itemsOut, vectors);
    }
    long windows = embedded.stream().mapToLong(e -> e.vectors().length).sum();
    out.printf(Locale.ROOT, "embedded %d items (%d windows) with %s in %.1f s -> %s%n",
        items.size(), windows, embedder.modelId(), (System.nanoTime() - start) / 1e9, output);
    out.flush();
    return ExitCodes.OK;
  }
}
