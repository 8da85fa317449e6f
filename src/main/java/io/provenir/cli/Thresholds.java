package io.provenir.cli;

import io.provenir.config.SpecException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Minimum scores from {@code --min-f1 0.97} (every type) and {@code --min-f1 PHONE=0.92} (one
 * type; wins over the general one).
 */
final class Thresholds {

  private Double all;
  private final Map<String, Double> byType = new TreeMap<>();

  /**
   * @param types the types a {@code TYPE=} may name (case does not matter); a misspelt type would
   *     otherwise turn its gate off without a word
   */
  static Thresholds parse(String flag, List<String> values, java.util.Collection<String> types)
      throws SpecException {
    Thresholds t = new Thresholds();
    for (String v : values) {
      int eq = v.indexOf('=');
      String type = eq < 0 ? null : v.substring(0, eq).trim().toUpperCase(java.util.Locale.ROOT);
      if (type != null && !types.contains(type)) {
        throw new SpecException(flag + " '" + v + "': unknown type '" + v.substring(0, eq).trim()
            + "' (one of " + String.join(", ", types) + ")");
      }
      double x;
      try {
        x = Double.parseDouble(eq < 0 ? v : v.substring(eq + 1));
      } catch (NumberFormatException e) {
        throw new SpecException(flag + " '" + v + "': expected a number between 0 and 1,"
            + " optionally after TYPE=");
      }
      if (!(x >= 0 && x <= 1)) {
        throw new SpecException(flag + " '" + v + "': must be between 0 and 1");
      }
      // Given twice, one value would silently win (the last): a gate must mean what it says.
      if (type == null ? t.all != null : t.byType.containsKey(type)) {
        throw new SpecException(flag + " '" + v + "': " + (type == null ? "a threshold for every"
            + " type" : "a threshold for " + type) + " is given twice");
      }
      if (type == null) {
        t.all = x;
      } else {
        t.byType.put(type, x);
      }
    }
    return t;
  }

  /**
   * The thresholds {@code FROM:TO:STEP} (inclusive, rounded to 4 decimals), e.g.
   * {@code 0.50:0.95:0.05}.
   *
   * @throws IllegalArgumentException when the range is malformed
   */
  static double[] grid(String range) {
    String[] p = range.split(":");
    double from;
    double to;
    double step;
    try {
      if (p.length != 3) {
        throw new NumberFormatException();
      }
      from = Double.parseDouble(p[0]);
      to = Double.parseDouble(p[1]);
      step = Double.parseDouble(p[2]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + range + "' is not FROM:TO:STEP, e.g. 0.50:0.95:0.05");
    }
    if (!(step > 0) || !(from <= to) || !(from >= -1) || !(to <= 1)) {
      throw new IllegalArgumentException("'" + range + "': need -1 <= FROM <= TO <= 1 and STEP > 0");
    }
    if ((to - from) / step > 10_000) {
      throw new IllegalArgumentException("'" + range + "': at most 10,000 thresholds; take a"
          + " larger STEP");
    }
    int count = (int) Math.floor((to - from) / step + 1e-9) + 1;
    double[] out = new double[count];
    for (int i = 0; i < count; i++) {
      out[i] = Math.round((from + i * step) * 10000) / 10000.0;
    }
    return out;
  }

  /** Refuses a {@code flag} value outside [0, 1] (or NaN, which would turn its gate off). */
  static void checkUnit(String flag, Double x) throws SpecException {
    if (x != null && !(x >= 0 && x <= 1)) {
      throw new SpecException(flag + " " + x + ": must be between 0 and 1");
    }
  }

  /** Refuses a negative {@code flag} value. */
  static void checkNotNegative(String flag, Number n) throws SpecException {
    if (n != null && n.longValue() < 0) {
      throw new SpecException(flag + " " + n + ": must be 0 or more");
    }
  }

  /** The minimum for {@code type}, or null. */
  Double minimum(String type) {
    return byType.getOrDefault(type, all);
  }

  Map<String, Double> byType() {
    return byType;
  }

  boolean isEmpty() {
    return all == null && byType.isEmpty();
  }
}
