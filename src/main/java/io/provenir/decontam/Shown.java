package io.provenir.decontam;

import io.provenir.record.Sensitive;

/**
 * How a field name or item id from an eval file is shown in an error message, which reaches the
 * console and the audit trail: as itself when it looks like a name ({@code question},
 * {@code gsm8k-test-17}), otherwise by its length only, so that a key or id holding an e-mail
 * address, a phone number or a token is never copied there.
 */
final class Shown {

  /** Dotted numbers ({@code 10.0.0.1}) and colon-separated hex groups ({@code fe80::1}). */
  private static final java.util.regex.Pattern IP_LIKE = java.util.regex.Pattern.compile(
      "\\d{1,3}(\\.\\d{1,3}){2,}|[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,}");

  private Shown() {}

  static String name(String s) {
    return looksLikeAName(s) ? "'" + s + "'" : "(a name of " + s.length() + " chars)";
  }

  /**
   * Nothing a PII or secret detector finds ({@code sk_live_...}, {@code tel.415.555.2671}), and
   * up to 40 chars of letters, digits and {@code _ . : / -}; at most 4 capitals; no run of more
   * than 6 digits, nor more than 6 digits and no letter (phone, card and SSN numbers); and not a
   * run of 16 or more letters and digits mixed (a token).
   */
  static boolean looksLikeAName(String s) {
    return looksLikeANameAlone(s) && !Sensitive.holdsFinding(s);
  }

  private static boolean looksLikeANameAlone(String s) {
    if (s.isEmpty() || s.length() > 40 || IP_LIKE.matcher(s).matches()) {
      return false;
    }
    int capitals = 0;
    int allDigits = 0;
    boolean anyLetter = false;
    int digitRun = 0;
    int alnumRun = 0;
    boolean letters = false;
    boolean digits = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean digit = c >= '0' && c <= '9';
      boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
      if (!digit && !letter && "_.:/-".indexOf(c) < 0) {
        return false;
      }
      capitals += c >= 'A' && c <= 'Z' ? 1 : 0;
      allDigits += digit ? 1 : 0;
      anyLetter |= letter;
      digitRun = digit ? digitRun + 1 : 0;
      if (digit || letter) {
        alnumRun++;
        letters |= letter;
        digits |= digit;
      } else {
        alnumRun = 0;
        letters = false;
        digits = false;
      }
      if (capitals > 4 || digitRun > 6 || alnumRun >= 16 && letters && digits) {
        return false;
      }
    }
    return anyLetter || allDigits <= 6;
  }
}
