package io.provenir.secrets;

import io.provenir.scan.BaseDetector;
import io.provenir.scan.Category;
import io.provenir.scan.Detection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Credentials given to curl with {@code -u}/{@code --user}: the shell word after the flag
 * (quotes joined, as the shell does) is {@code user:password}; its password (or its user when the
 * password is empty) must not be a placeholder, a variable or a template.
 */
public final class CurlCredentialsDetector extends BaseDetector {

  private static final Set<String> PLACEHOLDERS = Set.of("password", "passwd", "pass", "pwd",
      "secret", "changeme", "username", "user", "test", "xxx", "yyy", "admin", "foo", "bar",
      "token", "apikey", "api_key", "name");

  public CurlCredentialsDetector() {
    super("CURL_CREDENTIALS", Category.SECRET, "curl-user", 80, List.of("curl", "-u"));
  }

  @Override
  public boolean mayMatch(String text) {
    return text.contains("curl") && (text.contains("-u") || text.contains("--user"));
  }

  @Override
  public void find(String text, List<Detection> out) {
    int from = 0;
    while (true) {
      int i = nextFlag(text, from);
      if (i < 0) {
        return;
      }
      int flagEnd = text.startsWith("--user", i) ? i + 6 : i + 2;
      int s = flagEnd;
      while (s < text.length() && (text.charAt(s) == ' ' || text.charAt(s) == '\t')) {
        s++;
      }
      if (s == flagEnd) {
        from = flagEnd;
        continue;
      }
      StringBuilder word = new StringBuilder();
      int e = shellWord(text, s, word);
      if (e > s && isCredential(word.toString())) {
        out.add(detection(s, e));
      }
      from = Math.max(e, flagEnd);
    }
  }

  private static int nextFlag(String text, int from) {
    int a = indexOfFlag(text, "-u", from);
    int b = indexOfFlag(text, "--user", from);
    return a < 0 ? b : b < 0 ? a : Math.min(a, b);
  }

  private static int indexOfFlag(String text, String flag, int from) {
    int i = text.indexOf(flag, from);
    while (i >= 0) {
      boolean startOk = i == 0 || Character.isWhitespace(text.charAt(i - 1));
      int e = i + flag.length();
      boolean endOk = e < text.length() && (text.charAt(e) == ' ' || text.charAt(e) == '\t');
      if (startOk && endOk) {
        return i;
      }
      i = text.indexOf(flag, i + 1);
    }
    return -1;
  }

  /** Reads one shell word at {@code s} into {@code word}, joining quoted parts; returns its end. */
  private static int shellWord(String text, int s, StringBuilder word) {
    int i = s;
    while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && word.length() < 512) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'') {
        int close = text.indexOf(c, i + 1);
        if (close < 0) {
          return i;
        }
        word.append(text, i + 1, close);
        i = close + 1;
      } else {
        word.append(c);
        i++;
      }
    }
    return i;
  }

  static boolean isCredential(String word) {
    int colon = word.indexOf(':');
    if (colon < 0 || word.contains("<") || word.contains(">")) {
      return false;
    }
    String user = word.substring(0, colon);
    String pass = word.substring(colon + 1);
    String secret = pass.isEmpty() ? user : pass;
    if (secret.length() < 6 || secret.contains("$") || secret.contains("<")
        || secret.contains("{{") || PLACEHOLDERS.contains(secret.toLowerCase(Locale.ROOT))) {
      return false;
    }
    return io.provenir.scan.Text.distinctChars(secret, 4) > 3;
  }
}
