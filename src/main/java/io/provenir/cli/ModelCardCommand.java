package io.provenir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.provenir.modelcard.EvalResults;
import io.provenir.modelcard.ModelCard;
import io.provenir.modelcard.ModelCardException;
import io.provenir.modelcard.ModelCardGenerator;
import io.provenir.modelcard.RunManifest;
import io.provenir.pipeline.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code provenir model-card}: a Hugging Face model card from a run manifest and eval results. */
@Command(
    name = "model-card",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Write a Hugging Face model card (YAML front matter and Markdown) from a run"
        + " manifest (artifacts/manifests/<run_id>.json) and, optionally, eval results. The"
        + " metadata is checked offline as the Hub checks it.",
    footer = {
      "",
      "Model fields (name, base_model, license, language, tags, datasets,",
      "intended_uses, out_of_scope_uses, limitations, training_config, ...) come",
      "from the manifest (model_card.model in the spec); --model FILE (YAML or",
      "JSON) adds or replaces them.",
      "Exit codes: 0 written; 1 the card could not be written; 2 a bad manifest,",
      "eval results or model field (the message names the field, e.g.",
      "model-index[0].results[0].dataset.config).",
      "Example:",
      "  provenir model-card --manifest artifacts/manifests/<run_id>.json \\",
      "    --eval-results artifacts/eval.json --output MODEL_CARD.md"
    })
final class ModelCardCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--manifest", paramLabel = "FILE", required = true,
      description = "The run manifest.")
  Path manifest;

  @Option(names = "--eval-results", paramLabel = "FILE",
      description = "Evaluation results (JSON; format in docs/model-card.md).")
  Path evalResults;

  @Option(names = "--model", paramLabel = "FILE",
      description = "Model fields (YAML or JSON) that add to or replace the manifest's.")
  Path modelFields;

  @Option(names = "--output", paramLabel = "FILE", required = true,
      description = "Where to write the card (e.g. MODEL_CARD.md or README.md).")
  Path output;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ModelCard card;
    try {
      RunManifest m = RunManifest.load(manifest);
      if (modelFields != null) {
        JsonNode extra;
        try {
          extra = new YAMLMapper().readTree(modelFields.toFile());
        } catch (java.io.FileNotFoundException e) {
          throw new ModelCardException(modelFields + ": no such file");
        } catch (IOException e) {
          throw new ModelCardException(modelFields + ": not valid YAML or JSON");
        }
        if (!(extra instanceof ObjectNode o)) {
          throw new ModelCardException(modelFields + ": must be a mapping of model fields");
        }
        ObjectNode merged = m.json().path("model").deepCopy();
        merged.setAll(o);
        m = m.withModel(merged);
      }
      EvalResults eval = evalResults == null ? EvalResults.none()
          : EvalResults.load(evalResults);
      card = new ModelCardGenerator().generate(m, eval);
    } catch (ModelCardException e) {
      err.println("provenir: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    if (Files.isDirectory(output)) {
      err.println("provenir: --output " + output + ": a directory; name the card's file"
          + " (" + output.resolve("MODEL_CARD.md") + ")");
      return ExitCodes.USAGE;
    }
    try {
      card.save(output);
    } catch (IOException e) {
      String why = e instanceof java.nio.file.FileSystemException f && f.getReason() != null
          ? f.getReason() : e.getClass().getSimpleName();
      err.println("provenir: --output " + output + ": cannot write (" + why + ")");
      return ExitCodes.FAILURE;
    }
    out.println("wrote " + output);
    out.flush();
    return ExitCodes.OK;
  }
}
