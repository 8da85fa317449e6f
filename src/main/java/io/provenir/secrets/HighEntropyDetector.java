package io.provenir.secrets;

import io.provenir.scan.Category;
import io.provenir.scan.Detection;
import io.provenir.scan.BaseDetector;
import io.provenir.scan.TextProfile;
import io.provenir.scan.TextScanner;
import java.util.List;
import java.util.Locale;

/**
 * Random-looking tokens in key-like context: a token of 20-128 chars from the base64/base64url
 * alphabet (with up to two {@code =} of padding; any other {@code =} ends a token) whose Shannon entropy is high for its length, within {@value #CONTEXT_CHARS} chars after
 * a key word ({@code api_key}, {@code secret}, {@code token}, {@code password}, ...).
 *
 * <p>Limits: mixed alphabets need at least {@code 0.8 * log2(length)} bits per char (random base64
 * of 40 chars has about 4.9; English camel case about 3.8) and letters and digits both; hex-only
 * tokens need 32+ chars and 3.0 bits per char. Not flagged: UUIDs, {@code data:} URIs (base64
 * images), tokens without key context (commit hashes, checksums), identifiers in one case joined
 * by underscores ({@code API_KEY_FROM_ENV}), template variables ({@code ${X}}, {@code {{x}}},
 * {@code <x>}) and allowlisted placeholders.
 */
public final class HighEntropyDetector extends BaseDetector {

  static final int CONTEXT_CHARS = 32;
  private static final int MIN_LEN = 20;
  private static final int MAX_LEN = 128;
  private static final String[] KEY_WORDS = {
    "key", "secret", "token", "password", "passwd", "pwd", "credential", "credentials", "auth",
    "apikey", "api_key", "api-key", "access_key", "secret_key", "client_secret", "private_key",
    "signing", "bearer", "session_key"
  };

  public HighEntropyDetector() {
    super("HIGH_ENTROPY", Category.SECRET, "high-entropy",
        TextScanner.GENERIC_PRIORITY);
  }

  /** Context that names something that is not a secret: public keys, anti-forgery tokens. */
  private static final String[] NOT_SECRET_CONTEXT = {"public", "pubkey", "csrf", "xsrf",
    "authenticity_token", "nonce"};
  private static final String[] RUNS = {"abcdefghij", "0123456789", "1234567890", "qwertyuiop",
    "abcdefghijklmnop"};

  /** Every key word contains one of these (the pre-filter: one must occur in the string). */
  private static final List<String> KEY_WORD_CORES =
      List.of("key", "secret", "token", "pass", "pwd", "auth", "credential", "signing");

  @Override
  public boolean mayMatch(String text) {
    return text.length() >= MIN_LEN && hasKeyWord(text);
  }

  private static boolean hasKeyWord(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (String w : KEY_WORD_CORES) {
      if (lower.contains(w)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<String> keywords() {
    return KEY_WORD_CORES;
  }

  @Override
  public boolean usesProfile() {
    return true;
  }

  @Override
  public boolean mayMatch(String text, TextProfile profile) {
    // A token of MIN_LEN chars is a run of [A-Za-z0-9+/_-] (the profile's token chars) and at
    // most two chars of base64 padding.
    return profile.longestTokenRun() >= MIN_LEN - 2
        && profile.anyKeyword(0, KEY_WORD_CORES.size());
  }

  /**
   * {@code [A-Za-z0-9+/_-]}: the profile's token chars, so that its longest run bounds every token
   * this detector walks (see {@link #mayMatch(String, TextProfile)}).
   */
  private static boolean isTokenChar(char c) {
    return TextProfile.isTokenChar(c);
  }

  @Override
  public void find(String text, List<Detection> out) {
    int len = text.length();
    int i = 0;
    while (i < len) {
      if (!isTokenChar(text.charAt(i))) {
        i++;
        continue;
      }
      int s = i;
      while (i < len && isTokenChar(text.charAt(i))) {
        i++;
      }
      int e = i;
      // base64 padding belongs to the token; '=' anywhere else separates a key from its value
      int pad = 0;
      while (e + pad < len && pad < 2 && text.charAt(e + pad) == '=') {
        pad++;
      }
      if (pad > 0 && (e + pad == len || !isTokenChar(text.charAt(e + pad)))) {
        e += pad;
        i = e;
      }
      // leading/trailing '-', '_' and '/' are punctuation, not key material
      while (s < e && (text.charAt(s) == '-' || text.charAt(s) == '_' || text.charAt(s) == '/')) {
        s++;
      }
      while (e > s && (text.charAt(e - 1) == '-' || text.charAt(e - 1) == '_')) {
        e--;
      }
      int n = e - s;
      if (n >= MIN_LEN && n <= MAX_LEN && looksRandom(text, s, e) && hasKeyContext(text, s)
          && !isExcluded(text, s, e)) {
        out.add(detection(s, e));
      }
    }
  }

  /** Whether text[start, end) has the entropy and character mix of a generated key. */
  static boolean looksRandom(String text, int start, int end) {
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    boolean nonHex = false;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        upper = true;
        nonHex |= c > 'F';
      } else if (c >= 'a' && c <= 'z') {
        lower = true;
        nonHex |= c > 'f';
      } else if (c >= '0' && c <= '9') {
        digit = true;
      } else {
        nonHex = true;
      }
    }
    int n = end - start;
    double h = Entropy.shannon(text, start, end);
    if (!nonHex) {
      return n >= 32 && digit && (upper || lower) && h >= 3.0;
    }
    return digit && (upper || lower) && h >= 0.8 * (Math.log(n) / Math.log(2));
  }

  private static boolean hasKeyContext(String text, int start) {
    int from = Math.max(0, start - CONTEXT_CHARS);
    int nl = text.lastIndexOf('\n', start - 1);
    if (nl >= from) {
      from = nl + 1;
    }
    String window = text.substring(from, start).toLowerCase(Locale.ROOT);
    for (String not : NOT_SECRET_CONTEXT) {
      if (window.contains(not)) {
        return false;
      }
    }
    for (String w : KEY_WORDS) {
      if (window.contains(w)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isExcluded(String text, int start, int end) {
    if (isUuid(text, start, end) || isIdentifier(text, start, end)
        || isWordLike(text, start, end)) {
      return true;
    }
    String lower = text.substring(start, end).toLowerCase(Locale.ROOT);
    for (String run : RUNS) {
      if (lower.contains(run)) {
        return true;
      }
    }
    if (start >= 2 && (text.startsWith("${", start - 2) || text.startsWith("{{", start - 2))
        || start >= 1 && text.charAt(start - 1) == '<') {
      return true; // a template variable or placeholder: ${VAR}, {{ var }}, <var>
    }
    int from = Math.max(0, start - 64);
    if (text.substring(from, start).contains(";base64,")) {
      return true; // data: URI, e.g. an inline image
    }
    return Allowlist.isPlaceholder(text, start, end);
  }

  /** ENV_VAR_NAMES and snake_case_names: words joined by underscores, one case only. */
  private static boolean isIdentifier(String text, int start, int end) {
    boolean upper = false;
    boolean lower = false;
    int underscores = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == '_') {
        underscores++;
      } else if (c >= 'A' && c <= 'Z') {
        upper = true;
      } else if (c >= 'a' && c <= 'z') {
        lower = true;
      } else if (c < '0' || c > '9') {
        return false;
      }
    }
    return underscores >= 2 && !(upper && lower);
  }

  /**
   * Whether most letters of text[start, end) belong to pronounceable words (split at case changes,
   * digits, {@code _} and {@code -}): code identifiers such as {@code struct_X509_pubkey_st} or
   * {@code id-Gost28147-89-None-KeyMeshing}, not generated keys.
   */
  static boolean isWordLike(String text, int start, int end) {
    int letters = 0;
    int inWords = 0;
    int i = start;
    while (i < end) {
      char c = text.charAt(i);
      if (!Character.isLetter(c)) {
        i++;
        continue;
      }
      int s = i;
      i++;
      // a word: an upper-case letter followed by lower case, or a run of one case
      if (Character.isUpperCase(c) && i < end && Character.isLowerCase(text.charAt(i))) {
        while (i < end && Character.isLowerCase(text.charAt(i))) {
          i++;
        }
      } else {
        while (i < end && Character.isLetter(text.charAt(i))
            && Character.isUpperCase(text.charAt(i)) == Character.isUpperCase(c)) {
          i++;
        }
      }
      int n = i - s;
      letters += n;
      if (n >= 3 && isPronounceable(text, s, i)) {
        inWords += n;
      }
    }
    return letters > 0 && inWords * 10 >= letters * 7;
  }

  /** Has a vowel and no run of more than three consonants. */
  private static boolean isPronounceable(String text, int s, int e) {
    boolean vowel = false;
    int consonants = 0;
    for (int i = s; i < e; i++) {
      char c = Character.toLowerCase(text.charAt(i));
      if ("aeiouy".indexOf(c) >= 0) {
        vowel = true;
        consonants = 0;
      } else if (++consonants > 3) {
        return false;
      }
    }
    return vowel;
  }

  private static boolean isUuid(String text, int start, int end) {
    if (end - start != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = text.charAt(start + i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : Character.digit(c, 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
