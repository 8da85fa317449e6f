package io.provenir.modelcard;

import java.util.Arrays;
import java.util.SplittableRandom;

/** The 95 % intervals a card reports when the eval results give none. */
public final class ConfidenceIntervals {

  /** The two-sided 95 % normal quantile. */
  public static final double Z95 = 1.959963984540054;
  /** Bootstrap resamples and seed: fixed, so the same scores always give the same interval. */
  public static final int RESAMPLES = 2000;
  public static final long SEED = 20261126L;

  private ConfidenceIntervals() {}

  /** The Wilson score interval of a proportion {@code p} out of {@code n}. */
  public static double[] wilson(double p, long n) {
    if (n <= 0 || p < 0 || p > 1) {
      throw new IllegalArgumentException("a Wilson interval needs 0 <= value <= 1 and n > 0");
    }
    double z2 = Z95 * Z95;
    double denom = 1 + z2 / n;
    double center = (p + z2 / (2.0 * n)) / denom;
    double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denom;
    return new double[] {Math.max(0, center - half), Math.min(1, center + half)};
  }

  /**
   * The percentile bootstrap interval of the mean of {@code scores}: {@value #RESAMPLES}
   * resamples with replacement, seeded with {@value #SEED}.
   */
  public static double[] bootstrap(double[] scores) {
    if (scores.length == 0) {
      throw new IllegalArgumentException("a bootstrap interval needs at least one score");
    }
    SplittableRandom r = new SplittableRandom(SEED);
    double[] means = new double[RESAMPLES];
    for (int b = 0; b < RESAMPLES; b++) {
      double sum = 0;
      for (int i = 0; i < scores.length; i++) {
        sum += scores[r.nextInt(scores.length)];
      }
      means[b] = sum / scores.length;
    }
    Arrays.sort(means);
    return new double[] {means[(int) Math.floor(0.025 * (RESAMPLES - 1))],
        means[(int) Math.ceil(0.975 * (RESAMPLES - 1))]};
  }
}
