package io.provenir.eval;

/** Counts for one type, exact-span and overlap, and the metrics derived from them. */
public final class TypeScores {

  long gold;
  long exactTp;
  long exactFp;
  long exactFn;
  long overlapTp;
  long overlapFp;
  long overlapFn;

  public long gold() {
    return gold;
  }

  public long exactTp() {
    return exactTp;
  }

  public long exactFp() {
    return exactFp;
  }

  public long exactFn() {
    return exactFn;
  }

  public double precision() {
    return ratio(exactTp, exactTp + exactFp);
  }

  public double recall() {
    return ratio(exactTp, exactTp + exactFn);
  }

  public double f1() {
    return f1(precision(), recall());
  }

  public double overlapPrecision() {
    return ratio(overlapTp, overlapTp + overlapFp);
  }

  public double overlapRecall() {
    return ratio(overlapTp, overlapTp + overlapFn);
  }

  public double overlapF1() {
    return f1(overlapPrecision(), overlapRecall());
  }

  void add(TypeScores o) {
    gold += o.gold;
    exactTp += o.exactTp;
    exactFp += o.exactFp;
    exactFn += o.exactFn;
    overlapTp += o.overlapTp;
    overlapFp += o.overlapFp;
    overlapFn += o.overlapFn;
  }

  /** 1.0 when there is nothing to get wrong (0 of 0). */
  private static double ratio(long a, long b) {
    return b == 0 ? 1.0 : (double) a / b;
  }

  private static double f1(double p, double r) {
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
}
