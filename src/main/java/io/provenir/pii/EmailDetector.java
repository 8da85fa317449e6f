package io.provenir.pii;

import io.provenir.scan.Category;
import io.provenir.scan.Detection;
import io.provenir.scan.TextProfile;
import io.provenir.scan.BaseDetector;
import java.util.List;

/**
 * Email addresses, found by expanding around each {@code @} (linear time, no regex).
 *
 * <p>Local part: letters and digits of any script and {@code . _ % + - '}, at most 64 chars, not
 * starting or ending with a dot, no two dots in a row. Domain: at least two labels of letters,
 * digits and hyphens (any script), each 1-63 chars and not starting or ending with a hyphen; the
 * top-level label is at least two letters, or an {@code xn--} label.
 */
public final class EmailDetector extends BaseDetector {

  private static final int MAX_LOCAL = 64;
  private static final int MAX_DOMAIN = 253;

  public EmailDetector() {
    super(PiiType.EMAIL.name(), Category.PII, "email", 55);
  }

  @Override
  public boolean mayMatch(String text) {
    return text.indexOf('@') > 0;
  }

  @Override
  public boolean usesProfile() {
    return true;
  }

  @Override
  public boolean mayMatch(String text, TextProfile p) {
    return p.hasAt() && mayMatch(text);
  }

  @Override
  public void find(String text, List<Detection> out) {
    int at = text.indexOf('@');
    while (at >= 0) {
      int next = at + 1;
      int start = localStart(text, at);
      if (start >= 0) {
        int end = domainEnd(text, at + 1);
        if (end > 0) {
          out.add(detection(start, end));
          next = end;
        }
      }
      at = next < text.length() ? text.indexOf('@', next) : -1;
    }
  }

  private static boolean isLocalChar(char c) {
    return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'
        || c == '\'';
  }

  private static boolean isLabelChar(char c) {
    return Character.isLetterOrDigit(c) || c == '-';
  }

  /**
   * The length (1 or 2 chars) of the letter or digit ending at {@code end} when it lies outside
   * the Basic Multilingual Plane (a surrogate pair, such as 𠮷), else 0.
   */
  private static int supplementaryLetterBefore(String text, int end) {
    if (end >= 2 && Character.isLowSurrogate(text.charAt(end - 1))
        && Character.isHighSurrogate(text.charAt(end - 2))
        && Character.isLetterOrDigit(text.codePointAt(end - 2))) {
      return 2;
    }
    return 0;
  }

  /** The same for the letter or digit starting at {@code at}. */
  private static int supplementaryLetterAt(String text, int at) {
    if (at + 1 < text.length() && Character.isHighSurrogate(text.charAt(at))
        && Character.isLowSurrogate(text.charAt(at + 1))
        && Character.isLetterOrDigit(text.codePointAt(at))) {
      return 2;
    }
    return 0;
  }

  /** Start of the local part ending at {@code at}, or -1 if there is no valid one. */
  private static int localStart(String text, int at) {
    int s = at;
    while (s > 0) {
      int step = isLocalChar(text.charAt(s - 1)) ? 1 : supplementaryLetterBefore(text, s);
      if (step == 0) {
        break;
      }
      s -= step;
      if (at - s > MAX_LOCAL + 8) {
        return -1;
      }
    }
    // Quotes and dots may surround an address in prose; they are not part of it.
    while (s < at && (text.charAt(s) == '.' || text.charAt(s) == '\'' || text.charAt(s) == '-')) {
      s++;
    }
    if (s == at || at - s > MAX_LOCAL || text.charAt(at - 1) == '.') {
      return -1;
    }
    for (int i = s + 1; i < at; i++) {
      if (text.charAt(i) == '.' && text.charAt(i - 1) == '.') {
        return -1;
      }
    }
    return s;
  }

  /** End (exclusive) of a valid domain starting at {@code from}, or -1. */
  private static int domainEnd(String text, int from) {
    int len = text.length();
    int i = from;
    int labels = 0;
    int lastLabelStart = -1;
    int end = -1;
    while (i < len) {
      int labelStart = i;
      while (i < len && i - labelStart <= 63) {
        int step = isLabelChar(text.charAt(i)) ? 1 : supplementaryLetterAt(text, i);
        if (step == 0) {
          break;
        }
        i += step;
      }
      int labelLen = i - labelStart;
      if (labelLen == 0 || labelLen > 63
          || text.charAt(labelStart) == '-' || text.charAt(i - 1) == '-') {
        break;
      }
      labels++;
      lastLabelStart = labelStart;
      end = i;
      if (i - from > MAX_DOMAIN) {
        return -1;
      }
      if (i + 1 < len && text.charAt(i) == '.' && (isLabelChar(text.charAt(i + 1))
          || supplementaryLetterAt(text, i + 1) > 0)) {
        i++;
      } else {
        break;
      }
    }
    if (labels < 2 || !isTopLevel(text, lastLabelStart, end)) {
      return -1;
    }
    return end;
  }

  private static boolean isTopLevel(String text, int start, int end) {
    if (end - start >= 4 && text.regionMatches(true, start, "xn--", 0, 4)) {
      return true;
    }
    if (end - start < 2) {
      return false;
    }
    for (int i = start; i < end; i++) {
      if (!Character.isLetter(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
