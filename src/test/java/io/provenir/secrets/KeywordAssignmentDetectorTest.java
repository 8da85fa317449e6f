package io.provenir.secrets;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import io.provenir.scan.MatchStartsCheck;
import java.util.Random;
import org.junit.Test;

public class KeywordAssignmentDetectorTest {

  /**
   * The oracle, the condition tested forwards at every position: an identifier starts at {@code
   * at} (not after a key character), and after it, an optional quote (or backslash and quote) or
   * bracket and any blanks, comes {@code :}, {@code =}, {@code ?=}, {@code !=}, {@code +=} or
   * {@code .=}; or the same after a type ({@code string}, {@code String}, {@code str}) that
   * follows the identifier after blanks, or after blanks, a colon and blanks.
   */
  private static boolean mayStartAssignment(String text, int at) {
    if (at > 0 && isKeyChar(text.charAt(at - 1))) {
      return false;
    }
    int n = text.length();
    int d = at; // up to two dashes: --api-token=...
    while (d < n && d - at < 2 && text.charAt(d) == '-') {
      d++;
    }
    if (d >= n) {
      return false;
    }
    char c = text.charAt(d);
    if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_')) {
      return false;
    }
    int j = d + 1;
    while (j < n && isKeyChar(text.charAt(j))) {
      j++;
    }
    if (j - d > 81) {
      return false;
    }
    return operatorFollows(text, j) || typeThenOperator(text, j);
  }

  /** Whether a type after the key ending at {@code j} is followed by an operator. */
  private static boolean typeThenOperator(String text, int j) {
    int n = text.length();
    int k = j;
    while (k < n && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
      k++;
    }
    if (k < n && text.charAt(k) == ':') {
      k++;
      while (k < n && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
        k++;
      }
    } else if (k == j) {
      return false;
    }
    for (String type : new String[] {"string", "String", "str"}) {
      if (text.startsWith(type, k) && operatorFollows(text, k + type.length())) {
        return true;
      }
    }
    return false;
  }

  private static boolean operatorFollows(String text, int j) {
    int n = text.length();
    boolean quote = j < n && (text.charAt(j) == '"' || text.charAt(j) == '\'');
    if (j + 1 < n && text.charAt(j) == '\\'
        && (text.charAt(j + 1) == '"' || text.charAt(j + 1) == '\'')
        || quote && j + 1 < n && text.charAt(j + 1) == ']') {
      j += 2;
    } else if (j < n && (text.charAt(j) == '"' || text.charAt(j) == '\''
        || text.charAt(j) == ']')) {
      j++;
    }
    while (j < n && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
      j++;
    }
    return j < n && (text.charAt(j) == ':' || text.charAt(j) == '='
        || "?!+.".indexOf(text.charAt(j)) >= 0 && j + 1 < n && text.charAt(j + 1) == '='
        || text.startsWith("??=", j) || text.startsWith("||=", j) || text.startsWith("<-", j));
  }


  private static boolean isKeyChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
        || c == '.' || c == '-';
  }

  /** The first position at or after {@code from} where the oracle holds, or -1. */
  private static int firstForwards(String text, int from) {
    for (int at = from; at < text.length(); at++) {
      if (mayStartAssignment(text, at)) {
        return at;
      }
    }
    return -1;
  }

  /**
   * The backwards search from each operator finds, from every position of generated strings, the
   * same first candidate as the condition tested forwards at each position, and never one past
   * a position where ASSIGNMENT matches.
   */
  @Test
  public void assignmentStartsFromTheOperatorsBackAreTheForwardOnes() {
    Random rnd = new Random(20261127);
    String[] pieces = {"password", "api_key", "x", "_", "9", "a.b", "-", "\"", "'", "]", " ", "\t",
      "  ", ":", "=", "?", "!", ":=", "=>", "?=", "!=", "!==", "(", ",", "\n", "é", "token", "A",
      "ab-c", "v4lue", "+=", ".=", "--", "---", "<-", "<", "??=", "||=", "|", "']", "\"]", "\\", "\\\"", " string", "String", "str", ": ", "|\n  ", ">"};
    int found = 0;
    int matches = 0;
    for (int n = 0; n < 30_000; n++) {
      StringBuilder sb = new StringBuilder();
      for (int k = rnd.nextInt(10); k >= 0; k--) {
        sb.append(pieces[rnd.nextInt(pieces.length)]);
      }
      if (rnd.nextInt(20) == 0) {
        sb.append("k".repeat(75 + rnd.nextInt(10))).append(": v"); // about the 81-char limit
      }
      String t = sb.toString();
      for (int from = 0; from <= t.length(); from++) {
        int want = firstForwards(t, from);
        found += want >= 0 ? 1 : 0;
        assertThat("from " + from + " of '" + t + "'",
            KeywordAssignmentDetector.assignmentStart(t, from), is(want));
      }
      // and the condition is necessary: no position where the pattern matches is skipped
      matches += MatchStartsCheck.neverSkipsAMatch("assignment",
          KeywordAssignmentDetector.ASSIGNMENT, KeywordAssignmentDetector::assignmentStart, t);
    }
    assertThat(found, greaterThan(10_000));
    assertThat(matches, greaterThan(5_000));
  }

  /**
   * The pair search never skips a position where PAIR matches: from every position, it answers at
   * or before the first match (lookingAt with transparent bounds, as find() tries positions).
   */
  @Test
  public void pairStartsNeverSkipAMatch() {
    Random rnd = new Random(1127);
    String[] pieces = {"\"", "'", "api_key", "k", "_x", "9", "-", ".", " ", "\t", "   ", "    ",
      ",", ", ", "value1", "\n", "é", "\"secret\"", "'x'"};
    int matched = 0;
    for (int n = 0; n < 30_000; n++) {
      StringBuilder sb = new StringBuilder();
      for (int k = rnd.nextInt(12); k >= 0; k--) {
        sb.append(pieces[rnd.nextInt(pieces.length)]);
      }
      if (rnd.nextInt(20) == 0) {
        sb.append("\"").append("k".repeat(78 + rnd.nextInt(6))).append("\", \"v\"");
      }
      matched += MatchStartsCheck.neverSkipsAMatch("pair", KeywordAssignmentDetector.PAIR,
          KeywordAssignmentDetector::pairStart, sb.toString());
    }
    assertThat(matched, greaterThan(1_000));
  }

  /**
   * The check for a key that may name a secret only skips strings in which nothing is found:
   * {@code find} reports what {@code findAll} (the two patterns without that check) reports, on
   * generated assignments and pairs whose keys name secrets in every spelling the verdict takes
   * (camelCase, snake_case, dotted, quoted, after {@code ?=} and {@code !=}), or not.
   */
  @Test
  public void theKeyCheckOnlySkipsStringsWithoutFindings() {
    Random rnd = new Random(27);
    String[] keys = {"password", "dbPw", "DB_PASSWD", "userPassphrase", "apiKey", "API_KEY",
      "client.secret", "authToken", "x-api-key", "creds", "aws_credentials", "monkey", "Note",
      "pass-through", "keyboard", "tokenizer", "id", "name", "publicKey", "csrf_token", "pw",
      "--api-token", "-DapiToken", "ENV API_TOKEN", "setenv DB_PASSWORD", "add key=\"ApiToken\" value="};
    String[] ops = {": ", "=", " = ", ":=", "?=", "!=", " => ", "\t:\t", "\": ", "'=", "]=", " += ",
      " .= ", "\\\": ", " string = ", ": string = ", ": |\n  ", ":\n  ", ",", " <- ", " ||= ",
      " ??= ", "']=", "\"] = ", " "};
    String[] values = {"\"s3cr3tP4ssw0rd!\"", "'hunter22xyz'", "Zx9vQ2mLp8Rt5Kw3Yb7N",
      "ghp_16C7e42F292c6912E7710c838347Ae178B4a", "changeme", "${DB_PASS}", "abc", "12345678"};
    String[] glue = {" ", ", ", "; ", "\n", " and the ", "(", "\"", "'"};
    KeywordAssignmentDetector d = new KeywordAssignmentDetector(true, true);
    int withFindings = 0;
    for (int n = 0; n < 20_000; n++) {
      StringBuilder sb = new StringBuilder();
      for (int k = rnd.nextInt(4); k >= 0; k--) {
        String key = keys[rnd.nextInt(keys.length)];
        String value = values[rnd.nextInt(values.length)];
        if (rnd.nextInt(4) == 0) {
          sb.append('"').append(key).append("\", ").append(value); // a pair
        } else if (rnd.nextInt(8) == 0) { // an XML element
          String gap = rnd.nextBoolean() ? "" : "\n  ";
          sb.append('<').append(key).append('>').append(gap).append(value).append(gap)
              .append("</").append(rnd.nextInt(4) == 0 ? "other" : key).append('>');
        } else {
          sb.append(key).append(ops[rnd.nextInt(ops.length)]).append(value);
        }
        sb.append(glue[rnd.nextInt(glue.length)]);
      }
      String t = sb.toString();
      java.util.List<io.provenir.scan.Detection> all = new java.util.ArrayList<>();
      d.findAll(t, all);
      java.util.List<io.provenir.scan.Detection> checked = new java.util.ArrayList<>();
      d.find(t, checked);
      assertThat(t, checked, is(all));
      withFindings += all.isEmpty() ? 0 : 1;
      if (all.isEmpty()) {
        continue;
      }
      assertThat(t, KeywordAssignmentDetector.hasKeyThatMayNameASecret(t), is(true));
    }
    assertThat(withFindings, greaterThan(5_000));
  }

  private static java.util.List<String> found(String text) {
    java.util.List<io.provenir.scan.Detection> out = new java.util.ArrayList<>();
    new KeywordAssignmentDetector(true, true).find(text, out);
    return out.stream().map(d -> d.type() + ":" + text.substring(d.start(), d.end())).toList();
  }

  /**
   * The syntaxes of config files and code a secret is assigned in, beyond {@code key = value}:
   * YAML block scalars, XML elements, JSON inside a string, typed declarations, {@code +=} and
   * {@code .=}, CSV rows; each gives exactly the value.
   */
  @Test
  public void findsTheValueInEachSyntax() {
    String v = "q8Zr2mVx7LpW4nKs9TbY";
    String[] texts = {
      "acme_token: |\n  " + v, "acme_token: >-\n    " + v + "\nnext: 1",
      "<acmeToken>" + v + "</acmeToken>", "<acmeToken>\n    " + v + "\n</acmeToken>",
      "\\{\n    \\\"acme_token\\\": \\\"" + v + "\\\"\n\\}",
      "var acmeToken string = \"" + v + "\"", "const acmeToken: string = '" + v + "';",
      "val acmeToken: String = \"" + v + "\"", "$acmeToken .= \"" + v + "\"",
      "ACME_TOKEN += \"" + v + "\"", "acmeToken," + v + ",", "id,user\nacmeToken," + v,
      "user,id\nacme_secret," + v + "\n", "--acme-token=" + v, "--acme-token " + v,
      "java -DacmeToken=" + v + " -jar app.jar", "ENV ACME_TOKEN " + v, "setenv ACME_TOKEN " + v,
      "$env:ACME_TOKEN = \"" + v + "\"", "https://api.acme.io/v1?access_token=" + v + "&page=2",
      "client = Acme(api_token=\"" + v + "\")", "config['acme_token'] = '" + v + "'",
      "os.environ[\"ACME_TOKEN\"] = \"" + v + "\"", "acme_token <- \"" + v + "\"",
      "@acme_token ||= '" + v + "'", "$acmeToken ??= \"" + v + "\";",
      "<add key=\"AcmeToken\" value=\"" + v + "\"/>",
      "<property name=\"acme.secret\" value=\"" + v + "\" />", "java -DacmeToken=" + v,
      "-Dacme.apiKey=" + v};
    for (String t : texts) {
      assertThat(t, found(t), is(java.util.List.of("GENERIC_SECRET:" + v)));
    }
    assertThat(found("<password>Tr0ub4dor&3x</password>"),
        is(java.util.List.of("PASSWORD:Tr0ub4dor&3x")));
  }

  /** Near misses of those syntaxes find nothing. */
  @Test
  public void nearMissesOfThoseSyntaxesFindNothing() {
    String v = "q8Zr2mVx7LpW4nKs9TbY";
    String[] texts = {
      "acme_token: |\n  The token is rotated every night by the deploy job.",
      "<acmeToken>" + v + "</otherToken>", "<acmeId>" + v + "</acmeId>",
      "<acmeToken>two words " + v + "</acmeToken>",
      "fun connect(acmeToken: String) {}", "var acmeToken string",
      "the secret, " + v + ", was never written down", "a token," + v,
      "acmeToken, " + v, "acmeTokenizer," + v, "$acmeToken .= \"${PREFIX}\"",
      "---acme-token=" + v, "--acme-token --verbose", "--acme-token -v " + v,
      "ENV ACME_TOKEN_FILE /run/secrets/" + v, "if (x < -5) token = 3",
      "<add key=\"AcmeTokenUrl\" value=\"https://auth.acme.io/" + v + "\"/>",
      "https://api.acme.io/v1?access_token=${TOKEN}&page=2",
      // a literal is not searched inside: its last word would pair with the next literal
      "msg = \"Invalid password: \" + reason + \".\";", "prod,acmeToken," + v,
      "id,username,password,address1", "password = input(\"Enter: \")", "PWD=/home/user",
      "password: str = input(\"x\")", "password =>\n  hash(password)", "password=@", "token: @"};
    for (String t : texts) {
      assertThat(t, found(t), is(java.util.List.of()));
    }
  }

  /** A JSON member's name makes its whole value a secret when the value is one. */
  @Test
  public void aMemberNameMakesItsValueASecret() {
    KeywordAssignmentDetector d = new KeywordAssignmentDetector(true, true);
    assertThat(d.findInValueAt("/db/password", "Vq7mZ2pL9xwKk3").type(), is("PASSWORD"));
    assertThat(d.findInValueAt("/api_key", "Zq8r2LmX7vNpT4wYc9KdE3fG").type(),
        is("GENERIC_SECRET"));
    assertThat(d.findInValueAt("/clientSecret", "9du7794g9dpmrcg629be2u66mr26846p").end(), is(32));
    assertThat(d.findInValueAt("/a~1b/db_passwd", "hunter22x").start(), is(0));
    for (String[] no : new String[][] {{"/password", "changeme"}, {"/password", "${DB_PASS}"},
      {"/password", "two words"}, {"/pass", "success"}, {"/max_tokens", "4096"},
      {"/next_token", "Zq8r2LmX7vNpT4wYc9KdE3fG"}, {"/api_key", "short"}, {"/secrets/0", "x1y2z3w4v5u6t7s8"},
      {"/prompt", "Vq7mZ2pL9xwKk3"}, {"/password", ""}, {"/password", "@"},
      {"/env/PWD", "/home/user"}, {"/api_key", "@"}}) {
      assertThat(no[0] + " " + no[1], d.findInValueAt(no[0], no[1]), is((Object) null));
    }
  }
}
