package io.provenir.pii;

import io.provenir.scan.Category;
import io.provenir.scan.Detection;
import io.provenir.scan.BaseDetector;
import io.provenir.scan.Text;
import io.provenir.scan.TextProfile;
import java.util.List;
import java.util.regex.Pattern;

/**
 * IP addresses, with a CIDR prefix length ({@code /24}) or an IPv6 zone ({@code %eth0}) when one
 * follows. IPv4: four decimal octets 0-255 without leading zeros, not glued to a word, and not in
 * an obvious version context ({@code v1.2.3.4}, {@code version 10.0.0.1},
 * {@code pkg==1.2.3.4}). IPv6: full, compressed ({@code ::}) and IPv4-mapped forms, checked by a
 * parser, not a regex. A compressed form with fewer than four groups needs a decimal digit, so
 * that {@code a::b} and {@code dead::beef} in code are not addresses, and slices such as
 * {@code l[::3]} are not addresses either.
 */
public final class IpAddressDetector extends BaseDetector {

  private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
  private static final Pattern IPV4 =
      Pattern.compile("(?<![\\w.])" + OCTET + "(?:\\." + OCTET + "){3}(?!\\w)");
  private static final int VERSION_CONTEXT_CHARS = 24;
  private static final String[] VERSION_WORDS = {
    "version", "versions", "ver", "release", "released", "build", "revision", "rev", "kernel",
    "firmware", "patch", "upgrade", "upgraded", "update", "updated", "downgrade", "v", "sdk",
    "section", "sections", "chapter", "clause", "paragraph", "rfc", "§"
  };
  /** The longest IPv6 text: eight groups, or six groups and an IPv4 tail. */
  private static final int MAX_IPV6_CHARS = 45;

  public IpAddressDetector() {
    super(PiiType.IP_ADDRESS.name(), Category.PII, "ip-address", 50);
  }

  @Override
  public boolean mayMatch(String text) {
    return text.indexOf('.') >= 0 || text.indexOf(':') >= 0;
  }

  @Override
  public boolean usesProfile() {
    return true;
  }

  @Override
  public boolean mayMatch(String text, TextProfile p) {
    return p.hasDot() && p.digits() >= 4 || p.hasColon();
  }

  @Override
  public void find(String text, List<Detection> out) {
    find(text, TextProfile.of(text), out);
  }

  @Override
  public void find(String text, TextProfile p, List<Detection> out) {
    if (p == null) {
      p = TextProfile.of(text);
    }
    if (p.hasDot() && p.digits() >= 4 && dotsBetweenDigits(text) >= 3) {
      Text.findWhere(IPV4, text, from -> ipv4Start(text, from), m -> {
        if (!inVersionContext(text, m.start())) {
          out.add(detection(m.start(), withPrefixLength(text, m.end(), 32)));
        }
      });
    }
    if (p.hasColon()) {
      findIpv6(text, out);
    }
  }

  /** The longest IPv4 address, {@code 255.255.255.255}. */
  private static final int IPV4_MAX = 15;

  /**
   * The first position at or after {@code from} where IPV4 can match, or -1: a digit that its
   * look-behind allows (not after a word char or a dot) with three dots in the next
   * {@value #IPV4_MAX} chars. Prose's decimals and "1.5." do not get the regex tried on them.
   */
  private static int ipv4Start(String text, int from) {
    for (int at = from, n = text.length(); at < n; at++) {
      char c = text.charAt(at);
      if (Text.isAsciiDigit(c) && !(at > 0 && Text.isAsciiWordCharOrDot(text.charAt(at - 1)))
          && threeDotsWithin(text, at + 1, Math.min(n, at + IPV4_MAX))) {
        return at;
      }
    }
    return -1;
  }

  private static boolean threeDotsWithin(String text, int from, int to) {
    int dots = 0;
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == '.' && ++dots == 3) {
        return true;
      }
    }
    return false;
  }

  /** How many times a dot stands between two ASCII digits (an IPv4 address needs three). */
  private static int dotsBetweenDigits(String text) {
    int n = 0;
    for (int i = text.indexOf('.', 1); i > 0 && i < text.length() - 1; i = text.indexOf('.', i + 1)) {
      if (Text.isAsciiDigit(text.charAt(i - 1)) && Text.isAsciiDigit(text.charAt(i + 1))) {
        n++;
      }
    }
    return n;
  }

  private static boolean inVersionContext(String text, int start) {
    if (start > 0) {
      char prev = text.charAt(start - 1);
      if (prev == 'v' || prev == 'V' || prev == '=' || prev == '@' || prev == '~' || prev == '^'
          || prev == '>' || prev == '<') {
        return true;
      }
    }
    return Text.containsWord(text, start - VERSION_CONTEXT_CHARS, start, VERSION_WORDS);
  }

  private static boolean isIpv6Char(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':'
        || c == '.';
  }

  private void findIpv6(String text, List<Detection> out) {
    int len = text.length();
    int i = 0;
    while (i < len) {
      int colon = text.indexOf(':', i);
      if (colon < 0) {
        return;
      }
      int s = colon;
      while (s > i && isIpv6Char(text.charAt(s - 1))) {
        s--;
      }
      int e = colon;
      int colons = 0;
      while (e < len && isIpv6Char(text.charAt(e))) {
        if (text.charAt(e) == ':') {
          colons++;
        }
        e++;
      }
      i = e;
      // Dots and colons at the edges are punctuation of the sentence, not of the address.
      while (s < e && text.charAt(s) == '.') {
        s++;
      }
      if (colons < 2 || e - s > MAX_IPV6_CHARS + 1 || Text.isWordCharAt(text, s - 1)
          || Text.isWordCharAt(text, e)) {
        continue;
      }
      int end = e;
      while (end > s && text.charAt(end - 1) == '.') {
        end--;
      }
      if (!isIpv6(text, s, end) && end > s && text.charAt(end - 1) == ':') {
        end--; // "fe80::1:" at the end of a clause
      }
      if (end - s <= MAX_IPV6_CHARS && isIpv6(text, s, end) && !isSubscript(text, s, end)) {
        out.add(detection(s, withPrefixLength(text, withZone(text, end), 128)));
      }
    }
  }

  /**
   * Whether text[s, e) is inside {@code x[...]} right after an identifier: a slice such as
   * {@code l[::3]} or {@code a[1::2]} in code, not an address (an address in brackets, as in
   * {@code http://[2001:db8::1]/}, follows a space or punctuation).
   */
  private static boolean isSubscript(String text, int s, int e) {
    return s >= 2 && text.charAt(s - 1) == '[' && e < text.length() && text.charAt(e) == ']'
        && (Text.isWordCharAt(text, s - 2) || text.charAt(s - 2) == ')'
            || text.charAt(s - 2) == ']');
  }

  /** The end after a {@code %zone} (e.g. {@code %eth0}) following an IPv6 address at {@code end}. */
  private static int withZone(String text, int end) {
    if (end >= text.length() || text.charAt(end) != '%') {
      return end;
    }
    int e = end + 1;
    while (e < text.length() && (Text.isAsciiAlnum(text.charAt(e)) || text.charAt(e) == '.'
        || text.charAt(e) == '_' || text.charAt(e) == '-')) {
      e++;
    }
    return e > end + 1 && !Text.isWordCharAt(text, e) ? e : end;
  }

  /** The end after a CIDR prefix length ({@code /24}) of at most {@code max} at {@code end}. */
  private static int withPrefixLength(String text, int end, int max) {
    if (end + 1 >= text.length() || text.charAt(end) != '/') {
      return end;
    }
    int e = end + 1;
    int value = 0;
    while (e < text.length() && Text.isAsciiDigit(text.charAt(e)) && e - end <= 3) {
      value = value * 10 + (text.charAt(e) - '0');
      e++;
    }
    if (e == end + 1 || value > max || Text.isWordCharAt(text, e)
        || (e - end > 2 && text.charAt(end + 1) == '0')) {
      return end;
    }
    return e;
  }

  /**
   * Parses text[start, end) as an IPv6 address: up to eight groups of 1-4 hex digits, at most one
   * {@code ::}, an optional dotted IPv4 tail counting as two groups. The unspecified address
   * {@code ::} alone is not reported.
   */
  static boolean isIpv6(String text, int start, int end) {
    if (end - start < 3) {
      return false;
    }
    String s = text.substring(start, end);
    int dbl = s.indexOf("::");
    if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
      return false;
    }
    if (dbl < 0 && (s.startsWith(":") || s.endsWith(":"))) {
      return false;
    }
    int groups = 0;
    boolean anyDigit = false;
    String[] parts = s.split(":", -1);
    for (int p = 0; p < parts.length; p++) {
      String part = parts[p];
      if (part.isEmpty()) {
        continue; // the "::" (or its edge at the start or end)
      }
      if (part.indexOf('.') >= 0) {
        if (p != parts.length - 1 || !isIpv4(part)) {
          return false;
        }
        groups += 2;
        anyDigit = true;
        continue;
      }
      if (part.length() > 4) {
        return false;
      }
      for (int k = 0; k < part.length(); k++) {
        if (Character.digit(part.charAt(k), 16) < 0) {
          return false;
        }
      }
      groups++;
      anyDigit = true;
    }
    if (!anyDigit) {
      return false;
    }
    if (dbl >= 0 && groups < 4 && !hasDecimalDigit(s)) {
      return false; // a::b, dead::beef: scope operators and hex words, not addresses
    }
    return dbl >= 0 ? groups <= 7 : groups == 8;
  }

  private static boolean hasDecimalDigit(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Text.isAsciiDigit(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isIpv4(String s) {
    String[] octets = s.split("\\.", -1);
    if (octets.length != 4) {
      return false;
    }
    for (String o : octets) {
      if (o.isEmpty() || o.length() > 3 || (o.length() > 1 && o.charAt(0) == '0')) {
        return false;
      }
      for (int k = 0; k < o.length(); k++) {
        if (!Text.isAsciiDigit(o.charAt(k))) {
          return false;
        }
      }
      if (Integer.parseInt(o) > 255) {
        return false;
      }
    }
    return true;
  }
}
