package io.provenir.decontam;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How training records are compared with the eval sets. */
public enum DecontamMethod {
  /** Cosine similarity of sentence embeddings, at or above a threshold. */
  SEMANTIC,
  /** At least one shared word n-gram (GPT-3 / lm-evaluation-harness). */
  NGRAM,
  /** Either of the two. */
  BOTH;

  public String specName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean semantic() {
    return this != NGRAM;
  }

  public boolean ngram() {
    return this != SEMANTIC;
  }

  /** The method called {@code name} (case-insensitive), or null. */
  public static DecontamMethod fromName(String name) {
    for (DecontamMethod m : values()) {
      if (m.specName().equalsIgnoreCase(name)) {
        return m;
      }
    }
    return null;
  }

  public static String allowed() {
    return Arrays.stream(values()).map(DecontamMethod::specName)
        .collect(Collectors.joining(", "));
  }
}
