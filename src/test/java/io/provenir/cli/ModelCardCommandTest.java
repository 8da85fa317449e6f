package io.provenir.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code provenir model-card} from the golden test's manifest inputs. */
public class ModelCardCommandTest {

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();
  private static final Path DIR = Path.of("src/test/resources/ModelCardGeneratorTest");

  private Path manifest() throws Exception {
    io.provenir.modelcard.RunManifest m = io.provenir.modelcard.RunManifest.fromReport(
        Cli.JSON.readTree(DIR.resolve("report.json").toFile()),
        Cli.JSON.readTree(DIR.resolve("model.json").toFile()),
        Cli.JSON.readTree(DIR.resolve("audit.json").toFile()));
    Path p = tmp.getRoot().toPath().resolve("d1.json");
    m.save(p);
    return p;
  }

  @Test
  public void writesTheCardAndModelFieldsCanBeAddedLater() throws Exception {
    Path out = tmp.getRoot().toPath().resolve("MODEL_CARD.md");
    Path extra = tmp.getRoot().toPath().resolve("model.yaml");
    Files.writeString(extra, "license: mit\nlimitations:\n  - Checked by hand.\n");
    Cli.Result r = Cli.run("model-card", "--manifest", manifest().toString(), "--eval-results",
        DIR.resolve("eval-results.json").toString(), "--model", extra.toString(), "--output",
        out.toString());
    assertThat(r.err(), r.code(), is(0));
    String card = Files.readString(out);
    assertThat(card, allOf(containsString("license: mit"), containsString("- Checked by hand."),
        containsString("| Exact match | 0.81 | [0.7733, 0.842] | 500 | wilson |"),
        not(containsString("apache-2.0"))));
  }

  @Test
  public void badInputsExitWithTwoNamingTheField() throws Exception {
    Path eval = tmp.getRoot().toPath().resolve("eval.json");
    Files.writeString(eval, "{\"task\":{\"type\":\"t\"},\"dataset\":{\"type\":\"x\",\"name\":"
        + "\"X\",\"config\":3},\"metrics\":{\"em\":0.5}}");
    Cli.Result r = Cli.run("model-card", "--manifest", manifest().toString(), "--eval-results",
        eval.toString(), "--output", tmp.getRoot() + "/c.md");
    assertThat(r.code(), is(2));
    assertThat(r.err(), containsString("model-index[0].results[0].dataset.config must be a"
        + " string"));
    Cli.Result noManifest = Cli.run("model-card", "--manifest", "nope.json", "--output",
        tmp.getRoot() + "/c.md");
    assertThat(noManifest.code(), is(2));
    assertThat(noManifest.err(), containsString("nope.json: no such file"));
    // paths of the wrong kind are named as such
    Cli.Result dirManifest = Cli.run("model-card", "--manifest", tmp.getRoot().toString(),
        "--output", tmp.getRoot() + "/c.md");
    assertThat(dirManifest.code(), is(2));
    assertThat(dirManifest.err(), containsString("a directory, not a manifest file"));
    Cli.Result dirOutput = Cli.run("model-card", "--manifest", manifest().toString(), "--output",
        tmp.getRoot().toString());
    assertThat(dirOutput.code(), is(2));
    assertThat(dirOutput.err(), containsString("a directory; name the card's file"));
    Path spec = tmp.getRoot().toPath().resolve("bad.yaml");
    Files.writeString(spec, "model_card:\n  model:\n    license: proprietary\n");
    Cli.Result badSpec = Cli.run("run", spec.toString(), "--input",
        "pipelines/sample/chats.jsonl");
    assertThat(badSpec.code(), is(2));
    assertThat(badSpec.err(), containsString("'model_card.model': license 'proprietary' is not"
        + " a Hugging Face license id"));
    // a manifest without what the card states would give a card of empty facts
    com.fasterxml.jackson.databind.node.ObjectNode gutted =
        (com.fasterxml.jackson.databind.node.ObjectNode) Cli.JSON.readTree(manifest().toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) gutted.get("dataset")).remove("content_hash");
    Path g = tmp.getRoot().toPath().resolve("gutted.json");
    Files.writeString(g, gutted.toString());
    Cli.Result incomplete = Cli.run("model-card", "--manifest", g.toString(), "--output",
        tmp.getRoot() + "/c.md");
    assertThat(incomplete.code(), is(2));
    assertThat(incomplete.err(), containsString("not a complete run manifest: no"
        + " 'dataset.content_hash'"));
    Cli.Result noModel = Cli.run("model-card", "--manifest", manifest().toString(), "--model",
        tmp.getRoot() + "/none.yaml", "--output", tmp.getRoot() + "/c.md");
    assertThat(noModel.err(), containsString("none.yaml: no such file"));
  }
}
