package io.provenir.modelcard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Evaluation results for a card (see docs/model-card.md): one result, or {@code {"results":[...]}},
 * each with a {@code task} ({@code type}, {@code name}), a {@code dataset} ({@code type},
 * {@code name}, optional {@code config}, {@code split}) and {@code metrics} by metric type. A metric
 * is a number, or an object with {@code value} and optionally {@code name} and either its
 * interval ({@code ci: [low, high]} or {@code ci_lower}/{@code ci_upper}), or {@code n} (a
 * proportion: Wilson interval), or per-example {@code scores} (bootstrap interval; the value
 * defaults to their mean).
 */
public final class EvalResults {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** How a metric's interval was obtained. */
  public enum CiMethod {
    GIVEN("given in the eval results"),
    WILSON("Wilson score interval from the value and n"),
    BOOTSTRAP("percentile bootstrap of the per-example scores (" + ConfidenceIntervals.RESAMPLES
        + " resamples, seed " + ConfidenceIntervals.SEED + ")"),
    NONE("none given");

    public final String description;

    CiMethod(String description) {
      this.description = description;
    }
  }

  /** One metric with its 95 % interval (NaN bounds when none). */
  public record Metric(String type, String name, double value, double low, double high,
      CiMethod method, long n) {}

  /** One evaluation: task and dataset as given (JSON, validated with the card), and metrics. */
  public record Result(JsonNode task, JsonNode dataset, List<Metric> metrics) {}

  private final List<Result> results;

  private EvalResults(List<Result> results) {
    this.results = List.copyOf(results);
  }

  /** No evaluation yet. */
  public static EvalResults none() {
    return new EvalResults(List.of());
  }

  public List<Result> results() {
    return results;
  }

  public boolean isEmpty() {
    return results.isEmpty();
  }

  /** Reads a results file; errors name the file and the field. */
  public static EvalResults load(Path file) {
    JsonNode n;
    try {
      n = JSON.readTree(Files.readString(file));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new ModelCardException(file + ": no such file");
    } catch (IOException e) {
      throw new ModelCardException(file + ": not valid JSON");
    }
    try {
      return parse(n);
    } catch (ModelCardException e) {
      throw new ModelCardException(file + ": " + e.getMessage());
    }
  }

  /** Parses results JSON; errors name the field's path. */
  public static EvalResults parse(JsonNode n) {
    if (n == null || !n.isObject()) {
      throw new ModelCardException("eval results must be a JSON object");
    }
    List<Result> out = new ArrayList<>();
    if (n.has("results")) {
      if (!n.get("results").isArray()) {
        throw new ModelCardException("results must be a list");
      }
      for (int i = 0; i < n.get("results").size(); i++) {
        out.add(result(n.get("results").get(i), "results[" + i + "]."));
      }
    } else {
      out.add(result(n, ""));
    }
    return new EvalResults(out);
  }

  private static Result result(JsonNode r, String path) {
    if (!r.isObject()) {
      throw new ModelCardException(path + " must be an object");
    }
    JsonNode metrics = r.get("metrics");
    if (metrics == null || !metrics.isObject() || metrics.size() == 0) {
      throw new ModelCardException(path + "metrics must be an object of metric type to value");
    }
    List<Metric> list = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      list.add(metric(e.getKey(), e.getValue(), path + "metrics." + e.getKey()));
    }
    JsonNode task = r.has("task") ? r.get("task") : JSON.createObjectNode();
    JsonNode dataset = r.has("dataset") ? r.get("dataset") : JSON.createObjectNode();
    return new Result(task, dataset, list);
  }

  private static Metric metric(String type, JsonNode m, String path) {
    if (m.isNumber()) {
      return new Metric(type, type, m.asDouble(), Double.NaN, Double.NaN, CiMethod.NONE, 0);
    }
    if (!m.isObject()) {
      throw new ModelCardException(path + " must be a number or an object with value");
    }
    String name = m.has("name") ? text(m.get("name"), path + ".name") : type;
    double[] scores = null;
    if (m.has("scores")) {
      JsonNode s = m.get("scores");
      if (!s.isArray() || s.size() == 0) {
        throw new ModelCardException(path + ".scores must be a non-empty list of numbers");
      }
      scores = new double[s.size()];
      for (int i = 0; i < s.size(); i++) {
        if (!s.get(i).isNumber()) {
          throw new ModelCardException(path + ".scores[" + i + "] must be a number");
        }
        scores[i] = s.get(i).asDouble();
      }
    }
    double value;
    if (m.has("value")) {
      if (!m.get("value").isNumber()) {
        throw new ModelCardException(path + ".value must be a number");
      }
      value = m.get("value").asDouble();
    } else if (scores != null) {
      value = java.util.Arrays.stream(scores).average().orElseThrow();
    } else {
      throw new ModelCardException(path + " needs a value (or per-example scores)");
    }
    double lo = Double.NaN;
    double hi = Double.NaN;
    if (m.has("ci")) {
      JsonNode ci = m.get("ci");
      if (!ci.isArray() || ci.size() != 2 || !ci.get(0).isNumber() || !ci.get(1).isNumber()) {
        throw new ModelCardException(path + ".ci must be [low, high]");
      }
      lo = ci.get(0).asDouble();
      hi = ci.get(1).asDouble();
    } else if (m.has("ci_lower") || m.has("ci_upper")) {
      if (!m.path("ci_lower").isNumber() || !m.path("ci_upper").isNumber()) {
        throw new ModelCardException(path + ".ci_lower and .ci_upper must both be numbers");
      }
      lo = m.get("ci_lower").asDouble();
      hi = m.get("ci_upper").asDouble();
    }
    if (!Double.isNaN(lo)) {
      if (lo > hi || value < lo || value > hi) {
        throw new ModelCardException(path + ": the interval [" + lo + ", " + hi
            + "] must contain the value " + value);
      }
      return new Metric(type, name, value, lo, hi, CiMethod.GIVEN, m.path("n").asLong(0));
    }
    if (scores != null) {
      double[] b = ConfidenceIntervals.bootstrap(scores);
      return new Metric(type, name, value, b[0], b[1], CiMethod.BOOTSTRAP, scores.length);
    }
    if (m.has("n")) {
      if (!m.get("n").isIntegralNumber() || m.get("n").asLong() <= 0) {
        throw new ModelCardException(path + ".n must be a positive whole number");
      }
      if (value < 0 || value > 1) {
        throw new ModelCardException(path + ": a value with n is a proportion and must be"
            + " between 0 and 1, not " + value);
      }
      double[] w = ConfidenceIntervals.wilson(value, m.get("n").asLong());
      return new Metric(type, name, value, w[0], w[1], CiMethod.WILSON, m.get("n").asLong());
    }
    return new Metric(type, name, value, Double.NaN, Double.NaN, CiMethod.NONE, 0);
  }

  private static String text(JsonNode n, String path) {
    if (!n.isTextual()) {
      throw new ModelCardException(path + " must be a string");
    }
    return n.asText();
  }

  static ObjectNode empty() {
    return JSON.createObjectNode();
  }
}
