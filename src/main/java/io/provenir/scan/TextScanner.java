package io.provenir.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a set of detectors over one string and resolves overlapping matches once.
 *
 * <p>Resolution: secrets are resolved first, then PII. Within a category a specific detector
 * beats a generic one (priority at most {@value #GENERIC_PRIORITY}, e.g. high-entropy strings)
 * wherever they overlap; otherwise the longest match wins, then the higher
 * {@link Detector#priority()}, then the earlier start. A PII match that overlaps an accepted secret is dropped (the secret is redacted and the
 * record quarantined, which covers the PII too). Matches that overlap a Provenir placeholder already
 * in the text (for example {@code [EMAIL]}) are never reported, so masking is idempotent.
 *
 * <p>Immutable and thread-safe.
 */
public final class TextScanner {

  /** Detectors at or below this priority are generic: any specific match overlapping them wins. */
  public static final int GENERIC_PRIORITY = 10;

  private static final Comparator<Detection> WINNER_FIRST =
      Comparator.comparing((Detection d) -> d.priority() <= GENERIC_PRIORITY)
          .thenComparing(Comparator.comparingInt(Detection::length).reversed())
          .thenComparing(Comparator.comparingInt(Detection::priority).reversed())
          .thenComparingInt(Detection::start);

  private final List<Detector> detectors;
  private final boolean profiles;

  public TextScanner(List<? extends Detector> detectors) {
    this.detectors = List.copyOf(detectors);
    this.profiles = this.detectors.stream().anyMatch(Detector::usesProfile);
  }

  public List<Detector> detectors() {
    return detectors;
  }

  public boolean isEmpty() {
    return detectors.isEmpty();
  }

  /** Non-overlapping detections in {@code text}, ordered by start; an empty list if none. */
  public List<Detection> scan(String text) {
    List<Detection> candidates = null;
    TextProfile profile = profiles ? TextProfile.of(text) : null;
    for (Detector d : detectors) {
      if (d.mayMatch(text, profile)) {
        if (candidates == null) {
          candidates = new ArrayList<>(4);
        }
        d.find(text, candidates);
      }
    }
    if (candidates == null || candidates.isEmpty()) {
      return List.of();
    }
    if (text.indexOf('[') >= 0) {
      int[] placeholders = Placeholders.spans(text); // once per text: candidates can be many
      if (placeholders.length > 0) {
        candidates.removeIf(c -> Placeholders.overlaps(placeholders, c.start(), c.end()));
      }
    }
    return resolve(candidates);
  }

  /** Picks non-overlapping winners, secrets before PII; result ordered by start. */
  static List<Detection> resolve(List<Detection> candidates) {
    if (candidates.size() == 1) {
      return List.of(candidates.get(0));
    }
    List<Detection> accepted = new ArrayList<>(candidates.size());
    // The accepted spans by start (they never overlap): an overlap check is one lookup, so a long
    // string with many candidates resolves in n log n, not n squared.
    TreeMap<Integer, Integer> taken = new TreeMap<>();
    for (Category category : new Category[] {Category.SECRET, Category.PII}) {
      List<Detection> ofCategory = new ArrayList<>();
      for (Detection c : candidates) {
        if (c.category() == category) {
          ofCategory.add(c);
        }
      }
      ofCategory.sort(WINNER_FIRST);
      for (Detection c : ofCategory) {
        if (!overlapsAny(c, taken)) {
          accepted.add(c);
          taken.put(c.start(), c.end());
        }
      }
    }
    accepted.sort(Comparator.comparingInt(Detection::start));
    return accepted;
  }

  /**
   * Whether {@code c} overlaps one of the non-overlapping spans in {@code taken} (start to end):
   * only the last span starting before {@code c} ends can reach into it.
   */
  private static boolean overlapsAny(Detection c, TreeMap<Integer, Integer> taken) {
    Map.Entry<Integer, Integer> before = taken.lowerEntry(c.end());
    return before != null && before.getValue() > c.start();
  }
}
