package io.provenir.scan;

/**
 * Where a pattern's match can start: the first position at or after {@code from} where one can
 * (a necessary condition, cheaper than the pattern), or -1. Every position where the pattern's
 * {@code find()} would start a match must be one of them; the pattern is then tried at those
 * positions only ({@link Text#findWhere}: {@code lookingAt()} with transparent bounds), which finds
 * the same matches. For patterns whose key part is common in prose, so that they do not run at
 * every position of a string.
 */
@FunctionalInterface
public interface MatchStarts {
  int next(String text, int from);
}
