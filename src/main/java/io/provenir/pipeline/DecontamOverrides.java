package io.provenir.pipeline;

import java.util.List;

/**
 * Command-line overrides of the spec's {@code decontamination} section.
 *
 * @param evals {@code NAME=PATH} eval sets that replace {@code eval_sets}; empty to keep the spec's
 * @param evalField the eval field for every eval set, or null
 * @param method semantic, ngram, both or off; null to keep the spec's
 * @param threshold the cosine threshold, or null
 * @param ngram the n-gram size, or null
 */
public record DecontamOverrides(List<String> evals, String evalField, String method,
    Double threshold, Integer ngram) {

  public DecontamOverrides {
    evals = List.copyOf(evals);
  }

  public static DecontamOverrides none() {
    return new DecontamOverrides(List.of(), null, null, null, null);
  }
}
