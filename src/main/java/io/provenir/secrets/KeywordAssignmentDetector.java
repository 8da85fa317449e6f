package io.provenir.secrets;

import io.provenir.scan.Category;
import io.provenir.scan.Detection;
import io.provenir.scan.BaseDetector;
import io.provenir.scan.Text;
import io.provenir.scan.TextProfile;
import io.provenir.scan.TextScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values assigned to secret-named keys in code, config, env files and JSON:
 * {@code password = "..."}, {@code api_key: ...}, {@code "client_secret": "..."},
 * {@code DB_PASS := ...}, {@code getenv("api_token", "...")}, {@code var apiToken string = "..."},
 * YAML block scalars ({@code api_token: |} and the value on the next line), XML elements
 * ({@code <apiToken>...</apiToken>}), JSON inside a string ({@code \"api_token\": \"...\"}) and
 * CSV rows ({@code apiToken,...}).
 *
 * <p>The key's last word decides: {@code password}/{@code passwd}/{@code pwd}/{@code pass}
 * (type {@code PASSWORD}, any value of 6+ characters with a letter or digit); {@code secret},
 * {@code token}, {@code credentials} and compounds such as {@code apitoken} or
 * {@code clientsecret}, or {@code key} after {@code api}/{@code access}/
 * {@code secret}/{@code private}/... (type {@code GENERIC_SECRET}: a single token of 16+
 * characters with letters and digits and 3+ bits per char of entropy). Not secrets: keys ending in
 * {@code id}, {@code name}, {@code url}, {@code size}, ...; {@code public} and {@code csrf} tokens;
 * values that are variables, templates, references ({@code var.x}, {@code DB_PASSWORD}), function
 * calls, placeholders, or runs like {@code 1234567890}.
 */
public final class KeywordAssignmentDetector extends BaseDetector {

  private final boolean passwords;
  private final boolean secrets;

  /**
   * @param passwords report {@code PASSWORD} findings
   * @param secrets report {@code GENERIC_SECRET} findings
   */
  public KeywordAssignmentDetector(boolean passwords, boolean secrets) {
    super("GENERIC_SECRET", Category.SECRET, "keyword-assignment", TextScanner.GENERIC_PRIORITY);
    this.passwords = passwords;
    this.secrets = secrets;
  }

  /**
   * Key, then an optional type (TypeScript's and Kotlin's {@code name: string}, Go's {@code var
   * name string}), an optional quote (also JSON-escaped, {@code \"}) or bracket, the operator,
   * and the value: on the same line, or on the next after a YAML block indicator ({@code key: |}
   * or {@code >}); quoted (also {@code \"...\"}) or a single token.
   */
  static final Pattern ASSIGNMENT = Pattern.compile(
      "(?<![A-Za-z0-9_.-])(-{0,2}[A-Za-z_][A-Za-z0-9_.-]{0,80})"
          + "(?:[ \\t]{0,16}:[ \\t]{0,16}(?:string|String|str)|[ \\t]{1,16}(?:string|String|str))?"
          + "(\\\\?[\"']|[\"']?\\]|)[ \\t]{0,16}"
          + "(:{1,3}=|\\?\\?=|\\?=|\\|\\|=|\\+=|\\.=|<-|=>|===?|!==?|=|:)"
          + "(?:[ \\t]{0,16}[|>][-+]?[ \\t]{0,16}\\r?\\n[ \\t]{1,32}|[ \\t]{0,16})"
          + "(\\\\\"[^\"\\\\\\n]{0,300}\\\\\"|@?\"[^\"\\n]{0,300}\"|'[^'\\n]{0,300}'"
          + "|`[^`\\n]{0,300}`"
          + "|[^\\s\"'`,;)\\]}>&]{1,300}"
          + "(?:&(?!amp;|[A-Za-z_][A-Za-z0-9_.-]{0,80}=)[^\\s\"'`,;)\\]}>&]{0,300}){0,8})");
  static final Pattern PAIR = Pattern.compile(
      "[\"']([A-Za-z_][A-Za-z0-9_.-]{0,80})[\"'][ \\t]{0,3},[ \\t]{0,3}([\"'])([^\"'\\n]{1,300})"
          + "\\2");
  private static final Pattern DOTTED_REFERENCE =
      Pattern.compile("[A-Za-z_$][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)+(?:\\(.*)?");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z_]*");
  private static final Set<String> PASSWORD_WORDS =
      Set.of("password", "passwd", "pwd", "pass", "passphrase", "pw");
  private static final Set<String> SECRET_WORDS = Set.of("secret", "token", "credentials",
      "credential", "creds", "apikey", "accesskey", "secretkey", "privatekey", "authkey",
      "masterkey", "licensekey", "authtoken", "accesstoken", "apitoken", "refreshtoken",
      "bottoken", "usertoken", "sessiontoken", "idtoken", "clienttoken", "clientsecret",
      "appsecret", "apisecret", "secretaccesskey", "signingsecret", "webhooksecret");
  private static final Set<String> KEY_QUALIFIERS = Set.of("api", "access", "secret", "private",
      "auth", "client", "master", "license", "signing", "encryption", "app", "account", "service",
      "admin", "consumer", "iam", "subscription", "storage", "webhook", "session", "ingestion");
  private static final Set<String> NOT_SECRET_QUALIFIERS = Set.of("public", "csrf", "xsrf",
      "authenticity", "page", "pagination", "next", "continuation", "cancellation", "sync",
      "example", "sample", "dummy", "fake", "test", "mock");
  private static final Set<String> NOT_VALUES = Set.of("null", "none", "nil", "true", "false",
      "undefined", "empty", "required", "optional", "string", "str", "text", "changeme", "todo",
      "tbd", "secret", "password", "token", "hidden", "redacted", "placeholder", "hunter2",
      "insert_key_here", "not_long_enough", "your_password", "password123");
  private static final String[] RUNS = {"abcdefghij", "0123456789", "1234567890", "qwertyuiop",
    "9876543210"};

  /** Every secret-naming key contains one of these (the pre-filter). */
  private static final List<String> KEY_CORES =
      List.of("pass", "pwd", "secret", "token", "key", "cred", "_pw");

  @Override
  public boolean mayMatch(String text) {
    if (!hasOperator(text)) {
      return false;
    }
    String l = text.toLowerCase(Locale.ROOT);
    for (String k : KEY_CORES) {
      if (l.contains(k)) {
        return true;
      }
    }
    return false;
  }

  /**
   * ASSIGNMENT needs '=', ':' or {@code <-}; PAIR and CSV pairs a comma; an XML element its
   * closing tag's {@code </}; a flag {@code --}; Dockerfile's and csh's assignments their
   * {@code ENV}.
   */
  private static boolean hasOperator(String text) {
    return text.indexOf('=') >= 0 || text.indexOf(':') >= 0 || text.indexOf(',') >= 0
        || text.indexOf('<') >= 0 || text.indexOf("--") >= 0 || text.indexOf("ENV") >= 0
        || text.indexOf("setenv") >= 0;
  }

  @Override
  public List<String> keywords() {
    return KEY_CORES;
  }

  @Override
  public List<String> types() {
    return List.of("GENERIC_SECRET", "PASSWORD");
  }

  @Override
  public boolean readsMemberNames() {
    return true;
  }

  /**
   * The whole value of a member whose name names a secret, when the value is one: a single token
   * (a password of 6+ chars, or a random-looking secret as in an assignment), {@code
   * {"db_password": "Vq7mZ2pL9xwKk3"}}. The name is the pointer's last segment; array items are
   * not named. A member named just {@code pass}, {@code pw} or {@code pwd} is not taken for a
   * password here ({@code "pass": "success"}, {@code "PWD": "/home/user"}): in data, unlike
   * code, those name other things.
   */
  @Override
  public boolean mayFindInValueAt(String pointer) {
    int slash = pointer.lastIndexOf('/');
    return slash >= 0 && pointer.length() - slash - 1 >= 2
        && holdsKeyPart(pointer, slash + 1, pointer.length());
  }

  @Override
  public Detection findInValueAt(String pointer, String value) {
    if (!mayFindInValueAt(pointer) || value.isEmpty() || value.length() > 300) {
      return null;
    }
    int slash = pointer.lastIndexOf('/');
    for (int i = 0; i < value.length(); i++) {
      if (Character.isWhitespace(value.charAt(i))) {
        return null;
      }
    }
    String key = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
    List<String> words = words(key);
    String last = words.isEmpty() ? "" : words.get(words.size() - 1);
    if (last.isEmpty() || last.equals("pass") || last.equals("pw") || last.equals("pwd")
        || value.startsWith("/") || value.startsWith("~/")) {
      return null; // in data these name other things ({"PWD": "/home/user"}), paths are paths
    }
    List<Detection> out = new ArrayList<>(1);
    add(value, key, 0, value.length(), true, out);
    return out.isEmpty() ? null : out.get(0);
  }

  @Override
  public boolean usesProfile() {
    return true;
  }

  @Override
  public boolean mayMatch(String text, TextProfile profile) {
    return profile.anyKeyword(0, KEY_CORES.size()) && hasOperator(text);
  }

  @Override
  public void find(String text, List<Detection> out) {
    // Only a key that may name a secret gives a finding; the string-level pre-filter lets
    // through prose with "monkey" or "keyboard" in it and a colon after "Note".
    if (hasKeyThatMayNameASecret(text)) {
      findAll(text, out);
    }
  }

  /**
   * Whether a key before an operator char ({@code :}, {@code =}, {@code <-}) or a comma may name
   * a secret: walking back from each such char over blanks, then a quote (and its backslash) or
   * bracket (and a quote), then key characters (and a type before the operator, {@code var
   * apiToken string =}) gives the key that ASSIGNMENT or PAIR (quoted key, blanks, comma) would
   * match there, and those keys hold a part that {@link #holdsKeyPart} looks for; or a CSV row's
   * key, an XML element's name, or the key of a FLAG, ENV or ATTRIBUTES match does. Every
   * ASSIGNMENT operator starts with {@code :}, {@code =} or {@code <} or is {@code ?= != += .=
   * ??= ||=} (stepped over from its {@code =}). So without such a key, {@link #findAll} finds
   * nothing, whatever it matches: {@code KeywordAssignmentDetectorTest} checks the two agree.
   */
  static boolean hasKeyThatMayNameASecret(String text) {
    return keyBeforeMayNameASecret(text, ':') || keyBeforeMayNameASecret(text, '=')
        || keyBeforeMayNameASecret(text, ',') || keyBeforeMayNameASecret(text, '<')
        || elementMayNameASecret(text) || spacedMayNameASecret(text);
  }

  private static boolean keyBeforeMayNameASecret(String text, char op) {
    for (int o = text.indexOf(op); o >= 0; o = text.indexOf(op, o + 1)) {
      if (op == ',' && csvKeyStart(text, o) >= 0) {
        return true; // csvKeyStart checks the key's parts
      }
      int e = o;
      if (op == '<' && (o + 1 >= text.length() || text.charAt(o + 1) != '-')) {
        continue;
      }
      while (op == '=' && e > 0 && o - e < 2 && isOperatorPrefix(text.charAt(e - 1))) {
        e--;
      }
      e = keyEnd(text, e, 0);
      if (op == ',' && !(e < o && "\"'\\".indexOf(text.charAt(e)) >= 0)) {
        continue; // a pair's key is quoted
      }
      int r = keyStart(text, e, 0);
      if (e - r >= 2 && holdsKeyPart(text, r, e)) {
        return true;
      }
    }
    return false;
  }

  /** Whether text[r, e) is a type {@link #ASSIGNMENT} steps over: string, String, str. */
  private static boolean isTypeWord(String text, int r, int e) {
    return e - r == 6 && text.regionMatches(r + 1, "tring", 0, 5)
        && (text.charAt(r) == 's' || text.charAt(r) == 'S')
        || e - r == 3 && text.regionMatches(r, "str", 0, 3);
  }

  /** The chars that make an operator of the {@code =} after them: {@code ?= != += .= ??= ||=}. */
  private static boolean isOperatorPrefix(char c) {
    return c == '?' || c == '!' || c == '+' || c == '.' || c == '|';
  }

  /**
   * Whether one of {@link #ASSIGNMENT}'s operators starts at {@code o}: {@code :} and {@code =}
   * (which start all others but these), {@code ?= != += .=}, {@code ??= ||=} and {@code <-}.
   */
  private static boolean isOperatorAt(String text, int o) {
    char c = text.charAt(o);
    if (c == ':' || c == '=') {
      return true;
    }
    if (c != '<' && c != '?' && c != '|' && c != '!' && c != '+' && c != '.') {
      return false; // most chars: decided without the next one
    }
    int n = text.length();
    char next = o + 1 < n ? text.charAt(o + 1) : 0;
    if (c == '<') {
      return next == '-';
    }
    if ((c == '?' || c == '|') && next == c) {
      return o + 2 < n && text.charAt(o + 2) == '=';
    }
    return isOperatorPrefix(c) && c != '|' && next == '=';
  }

  /**
   * Where the key before an operator at {@code o} ends: before the blanks, and one quote (with
   * the backslash of a JSON-escaped one) or bracket (with a quote before it), in front of it; not
   * before {@code floor}.
   */
  private static int keyEnd(String text, int o, int floor) {
    int e = blanksBefore(text, o, floor);
    if (e > floor && (text.charAt(e - 1) == '"' || text.charAt(e - 1) == '\'')) {
      e--;
      if (e > floor && text.charAt(e - 1) == '\\') {
        e--;
      }
    } else if (e > floor && text.charAt(e - 1) == ']') {
      e--;
      if (e > floor && (text.charAt(e - 1) == '"' || text.charAt(e - 1) == '\'')) {
        e--; // config['api_token'] = ...
      }
    }
    return e;
  }

  /**
   * The start of the run of key characters that ends at {@code e}; when that run is a type
   * ({@link #isTypeWord}) after another run and blanks, or after another run, blanks, a colon and
   * blanks, that other run's start, if it is not before {@code floor}.
   */
  private static int keyStart(String text, int e, int floor) {
    int r = e;
    while (r > 0 && isKeyChar(text.charAt(r - 1))) {
      r--;
    }
    if (r <= floor || !isTypeWord(text, r, e)) {
      return r;
    }
    int b = blanksBefore(text, r, floor);
    if (b > floor && text.charAt(b - 1) == ':') {
      b = blanksBefore(text, b - 1, floor);
    } else if (b == r) {
      return r; // a type needs a blank or a colon before it
    }
    int r2 = b;
    while (r2 > 0 && isKeyChar(text.charAt(r2 - 1))) {
      r2--;
    }
    return r2 >= floor && isKey(text, r2, b) ? r2 : r;
  }

  /** Where the blanks (spaces and tabs) ending at {@code i} start, not before {@code floor}. */
  private static int blanksBefore(String text, int i, int floor) {
    while (i > floor && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) {
      i--;
    }
    return i;
  }

  /**
   * Whether the run of key chars text[r, end) can be ASSIGNMENT's key: up to two dashes (a
   * flag's, {@code --api-token}), then an identifier of at most 81 chars.
   */
  private static boolean isKey(String text, int r, int end) {
    int d = r;
    while (d < end && d - r < 3 && text.charAt(d) == '-') {
      d++;
    }
    return d - r <= 2 && d < end && end - d <= 81 && isIdentifierStart(text.charAt(d));
  }

  /**
   * Whether text[from, to), key chars only, holds, ignoring case, a part that every key {@link
   * #kindOf} names a secret holds: its last word is one of {@code PASSWORD_WORDS} (each holds
   * {@code pass} or {@code pw}) or ends in {@code password} or {@code passwd}, or is one of
   * {@code SECRET_WORDS} (each holds {@code secret}, {@code token}, {@code cred} or {@code key}),
   * or is {@code key}.
   */
  private static boolean holdsKeyPart(String text, int from, int to) {
    for (int i = from; i < to - 1; i++) {
      // | 0x20 lower-cases an ASCII letter; of the other key chars it turns none into a letter
      String part;
      switch (text.charAt(i) | 0x20) {
        case 'p' -> {
          if ((text.charAt(i + 1) | 0x20) == 'w') {
            return true;
          }
          part = "pass";
        }
        case 's' -> part = "secret";
        case 't' -> part = "token";
        case 'c' -> part = "cred";
        case 'k' -> part = "key";
        default -> {
          continue;
        }
      }
      if (text.regionMatches(true, i, part, 0, part.length()) && i + part.length() <= to) {
        return true;
      }
    }
    return false;
  }

  /** What {@link #find} reports, without its check for a key that may name a secret. */
  void findAll(String text, List<Detection> out) {
    findAssignments(text, out);
    // PAIR.find(), tried only where it can match.
    Text.findWhere(PAIR, text, from -> pairStart(text, from),
        p -> add(text, p.group(1), p.start(2), p.end(2) + p.group(3).length() + 1, true, out));
    for (int c = text.indexOf(','); c >= 0; c = text.indexOf(',', c + 1)) {
      int r = csvKeyStart(text, c);
      if (r >= 0) {
        int e = c + 1;
        while (e < text.length() && e - c <= 300 && !isCsvDelimiter(text.charAt(e))) {
          e++;
        }
        add(text, text.substring(r, c), c + 1, e, false, out);
      }
    }
    for (int c = text.indexOf("</"); c >= 0; c = text.indexOf("</", c + 2)) {
      findElement(text, c, out);
    }
    forEachSpaced(text, m -> {
      add(text, m.group(1), m.start(2), m.end(2),
          m.group(2).startsWith("\"") || m.group(2).startsWith("'"), out);
      return false; // on to the next
    });
  }

  /**
   * ASSIGNMENT's matches, tried only where one can start: at an identifier that is followed
   * (after an optional type, quote or bracket and blanks) by an operator. After a match whose
   * value is not a secret, the search goes on from the value's start, as the value may hold an
   * assignment of its own ({@code https://host/?access_token=...}, {@code
   * client = Api(api_key="...")}); after a finding, from the match's end.
   */
  private void findAssignments(String text, List<Detection> out) {
    int n = text.length();
    Matcher m = null;
    int at = assignmentStart(text, 0);
    while (at >= 0 && at < n) {
      if (m == null) {
        m = ASSIGNMENT.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
      }
      m.region(at, n);
      if (!m.lookingAt()) {
        at = assignmentStart(text, at + 1);
        continue;
      }
      String value = m.group(4);
      boolean quoted = value.startsWith("'") || value.startsWith("\"") || value.startsWith("@\"")
          || value.startsWith("\\\"") || value.startsWith("`");
      // a YAML block scalar's value is on the next line only after ':'
      boolean block = false;
      for (int i = m.end(3); i < m.start(4) && !block; i++) {
        block = text.charAt(i) == '\n';
      }
      boolean found = !(block && !m.group(3).equals(":"))
          && add(text, m.group(1), m.start(4), m.end(4), quoted, out);
      // A rejected unquoted value may hold an assignment of its own; a quoted one is a literal
      // (searching inside it would pair its last word with the next literal: "...password: "
      // + x + "..."), and a value without a key part in it has none.
      at = assignmentStart(text, !found && !quoted
          && holdsKeyPart(text, m.start(4), m.end(4)) ? m.start(4) : m.end());
    }
  }

  /** A key and its value with only blanks between: {@code --api-token VALUE}. */
  private static final Pattern FLAG = Pattern.compile(
      "(?<![A-Za-z0-9_.-])--([A-Za-z][A-Za-z0-9_.-]{0,80})[ \\t]{1,4}"
          + "(\"[^\"\\n]{1,300}\"|'[^'\\n]{1,300}'|[^-\\s\"'`,;)\\]}>&][^\\s\"'`,;)\\]}>&]{0,299})");
  /** Dockerfile's {@code ENV API_TOKEN VALUE} and csh's {@code setenv API_TOKEN VALUE}. */
  private static final Pattern ENV = Pattern.compile(
      "(?<![A-Za-z0-9_.-])(?:ENV|setenv)[ \\t]+([A-Za-z_][A-Za-z0-9_]{0,80})[ \\t]+"
          + "(\"[^\"\\n]{1,300}\"|'[^'\\n]{1,300}'|[^\\s\"'`=]{1,300})");
  /**
   * A key and its value as two attributes: .NET's {@code <add key="ApiToken" value="..."/>},
   * {@code <property name="api.token" value="..."/>}.
   */
  private static final Pattern ATTRIBUTES = Pattern.compile(
      "(?<![A-Za-z0-9_.-])(?:key|name)[ \\t]*=[ \\t]*[\"']([A-Za-z_][A-Za-z0-9_.-]{0,80})[\"']"
          + "[ \\t]+value[ \\t]*=[ \\t]*(\"[^\"\\n]{1,300}\"|'[^'\\n]{1,300}')");

  /**
   * Calls {@code onMatch} with each match of the patterns above (FLAG, ENV, ATTRIBUTES), each
   * tried only where its literal start is ({@code --}; {@code ENV}, {@code setenv}; {@code key},
   * {@code name} when the text has a {@code value}); stops when it returns true, and returns
   * whether one did.
   */
  private static boolean forEachSpaced(String text, java.util.function.Predicate<Matcher> onMatch) {
    boolean attributes = text.contains("value");
    return matchesAt(FLAG, text, "--", onMatch) || matchesAt(ENV, text, "ENV", onMatch)
        || matchesAt(ENV, text, "setenv", onMatch)
        || attributes && (matchesAt(ATTRIBUTES, text, "key", onMatch)
            || matchesAt(ATTRIBUTES, text, "name", onMatch));
  }

  /** {@code pattern} tried at each occurrence of {@code start}, as {@link #forEachSpaced}. */
  private static boolean matchesAt(Pattern pattern, String text, String start,
      java.util.function.Predicate<Matcher> onMatch) {
    Matcher m = null;
    for (int at = text.indexOf(start); at >= 0; at = text.indexOf(start, at + 1)) {
      if (m == null) {
        m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
      }
      m.region(at, text.length());
      if (m.lookingAt() && onMatch.test(m)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a key of those patterns may name a secret. */
  private static boolean spacedMayNameASecret(String text) {
    return forEachSpaced(text, m -> holdsKeyPart(text, m.start(1), m.end(1)));
  }

  /**
   * The start of a CSV row's key before the comma at {@code c} ({@code apiToken,s3cr3t,...}): a
   * run of key characters that starts the text or a line and holds a secret's key part,
   * right before the comma, with a value right after it; or -1.
   */
  static int csvKeyStart(String text, int c) {
    if (c + 1 >= text.length() || isCsvDelimiter(text.charAt(c + 1))
        || text.charAt(c + 1) == '"' || text.charAt(c + 1) == '\'') {
      return -1;
    }
    int r = c;
    while (r > 0 && isKeyChar(text.charAt(r - 1))) {
      r--;
    }
    // the row's first field (a header row "id,username,password,address1" names columns)
    boolean fieldStart = r == 0 || text.charAt(r - 1) == '\n' || text.charAt(r - 1) == '\r';
    return c - r >= 2 && c - r <= 81 && fieldStart && isIdentifierStart(text.charAt(r))
        && holdsKeyPart(text, r, c) ? r : -1;
  }

  private static boolean isCsvDelimiter(char c) {
    return c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  /**
   * An XML element {@code <apiToken>value</apiToken>} whose closing tag starts at {@code c}, the
   * value a single token, on the element's line or on a line of its own.
   */
  private void findElement(String text, int c, List<Detection> out) {
    int ne = elementNameEnd(text, c);
    if (ne < 0) {
      return;
    }
    int ve = c;
    while (ve > 0 && c - ve < 32 && Character.isWhitespace(text.charAt(ve - 1))) {
      ve--;
    }
    int vs = ve;
    while (vs > 0 && ve - vs <= 300 && !Character.isWhitespace(text.charAt(vs - 1))
        && text.charAt(vs - 1) != '>' && text.charAt(vs - 1) != '<') {
      vs--;
    }
    int open = vs;
    while (open > 0 && vs - open < 32 && Character.isWhitespace(text.charAt(open - 1))) {
      open--;
    }
    int name = ne - c - 2;
    int os = open - name - 2;
    if (vs < ve && ve - vs <= 300 && os >= 0 && text.charAt(os) == '<'
        && text.charAt(open - 1) == '>' && text.regionMatches(os + 1, text, c + 2, name)) {
      add(text, text.substring(c + 2, ne), vs, ve, true, out);
    }
  }

  /** Where the name of a closing tag at {@code c} ends (at its {@code >}), or -1. */
  private static int elementNameEnd(String text, int c) {
    int ne = c + 2;
    while (ne < text.length() && isKeyChar(text.charAt(ne))) {
      ne++;
    }
    return ne - c - 2 >= 2 && ne - c - 2 <= 81 && ne < text.length() && text.charAt(ne) == '>'
        && isIdentifierStart(text.charAt(c + 2)) ? ne : -1;
  }

  /** Whether a closing tag {@code </name>} names a secret's key part. */
  private static boolean elementMayNameASecret(String text) {
    for (int c = text.indexOf("</"); c >= 0; c = text.indexOf("</", c + 2)) {
      int ne = elementNameEnd(text, c);
      if (ne >= 0 && holdsKeyPart(text, c + 2, ne)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The first position at or after {@code from} where ASSIGNMENT can match, or -1. A necessary
   * condition for a match at {@code at}: an identifier starts there (a letter or {@code _}, not
   * after a key character; up to two dashes before it, a flag's) and its whole run of key
   * characters, at most 81 long, is followed by an optional type, quote (or backslash and quote)
   * or bracket, any blanks, then {@code :}, {@code =}, {@code ?= != += .= ??= ||=} or {@code <-}
   * (key characters never follow the identifier, so a shorter one cannot match where the longest
   * does not). Found from the operators back, as prose has far
   * fewer of those than positions: what stands between an identifier and its operator holds no
   * operator char, so each operator belongs to at most one identifier, read backwards, and later
   * operators to later identifiers. {@code KeywordAssignmentDetectorTest} checks it against the
   * same condition tested forwards at every position, and against the pattern.
   */
  static int assignmentStart(String text, int from) {
    int n = text.length();
    for (int o = from + 1; o < n; o++) {
      if (!isOperatorAt(text, o)) {
        continue;
      }
      int e = keyEnd(text, o, from);
      int r = keyStart(text, e, from);
      int end = r; // the key's own run (before a type, if one follows it)
      while (end < e && isKeyChar(text.charAt(end))) {
        end++;
      }
      if (r >= from && isKey(text, r, end)) {
        return r;
      }
    }
    return -1;
  }

  private static boolean isIdentifierStart(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
  }

  /**
   * The first position at or after {@code from} where PAIR can match, or -1: a quote, then a
   * whole run of key characters (an identifier, at most 81 long), a quote, at most three blanks
   * and a comma ({@code "api_key", "..."}).
   */
  static int pairStart(String text, int from) {
    int n = text.length();
    for (int q = from; q + 1 < n; q++) {
      char c = text.charAt(q);
      if (c != '"' && c != '\'' || !isIdentifierStart(text.charAt(q + 1))) {
        continue;
      }
      int j = q + 2;
      while (j < n && isKeyChar(text.charAt(j))) {
        j++;
      }
      if (j - q - 1 > 81 || j >= n || text.charAt(j) != '"' && text.charAt(j) != '\'') {
        continue;
      }
      int k = j + 1;
      while (k < n && k - j <= 3 && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
        k++;
      }
      if (k < n && text.charAt(k) == ',') {
        return q;
      }
    }
    return -1;
  }

  private static boolean isKeyChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
        || c == '.' || c == '-';
  }

  /** Adds a finding when the key names a secret and the value is one; whether it did. */
  private boolean add(String text, String key, int valueStart, int valueEnd, boolean quoted,
      List<Detection> out) {
    String kind = kindOf(key);
    if (kind == null || (kind.equals("PASSWORD") ? !passwords : !secrets)) {
      return false;
    }
    int s = valueStart;
    int e = valueEnd;
    if (s < e && text.charAt(s) == '@') {
      s++;
    }
    if (e - s < 2) {
      return false; // nothing, or a lone char: no value of either kind
    }
    if (text.charAt(s) == '\\' && e - s >= 4 && text.charAt(s + 1) == '"') { // \"...\", from JSON inside a string
      s++;
      e--;
    }
    char q = text.charAt(s);
    if (q == '"' || q == '\'' || q == '`') {
      s++;
      e--;
    }
    if (e <= s) {
      return false;
    }
    String v = text.substring(s, e);
    if (kind.equals("PASSWORD") ? isPassword(v, quoted) : isRandomSecret(v, text, s, e)) {
      out.add(new Detection(kind, Category.SECRET, s, e, id(), priority()));
      return true;
    }
    return false;
  }

  /** {@code PASSWORD}, {@code GENERIC_SECRET} or null, from the key's words. */
  static String kindOf(String key) {
    if (key.startsWith("-D") && key.length() > 2 && key.charAt(2) != '-') {
      key = key.substring(2); // a Java system property: -DapiKey=...
    }
    List<String> words = words(key);
    if (words.isEmpty()) {
      return null;
    }
    for (String w : words) {
      if (NOT_SECRET_QUALIFIERS.contains(w)) {
        return null;
      }
    }
    String last = words.get(words.size() - 1);
    String prev = words.size() > 1 ? words.get(words.size() - 2) : "";
    if (PASSWORD_WORDS.contains(last) || last.endsWith("password") || last.endsWith("passwd")) {
      return "PASSWORD";
    }
    if (SECRET_WORDS.contains(last) || (last.equals("key") && KEY_QUALIFIERS.contains(prev))) {
      return "GENERIC_SECRET";
    }
    return null;
  }

  /** camelCase, snake_case, kebab-case and dotted keys split into lower-case words. */
  static List<String> words(String key) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean boundary = !Character.isLetterOrDigit(c)
          || (i > 0 && Character.isUpperCase(c) && (Character.isLowerCase(key.charAt(i - 1))
              || (i + 1 < key.length() && Character.isLowerCase(key.charAt(i + 1))
                  && Character.isUpperCase(key.charAt(i - 1)))));
      if (boundary && w.length() > 0) {
        out.add(w.toString().toLowerCase(Locale.ROOT));
        w.setLength(0);
      }
      if (Character.isLetterOrDigit(c)) {
        w.append(c);
      }
    }
    if (w.length() > 0) {
      out.add(w.toString().toLowerCase(Locale.ROOT));
    }
    return out;
  }

  private static boolean isValue(String v) {
    String lower = v.toLowerCase(Locale.ROOT);
    if (NOT_VALUES.contains(lower) || v.startsWith("$") || v.startsWith("%") || v.startsWith("<")
        || v.startsWith("{") || v.startsWith("[") || v.startsWith("(") || v.contains("{{")
        || v.contains("${") || v.contains("#{") || v.contains("process.env")
        || v.contains("os.environ") || v.contains("getenv")) {
      return false;
    }
    for (String run : RUNS) {
      if (lower.contains(run)) {
        return false;
      }
    }
    boolean alnum = false;
    for (int i = 0; i < v.length() && !alnum; i++) {
      alnum = Character.isLetterOrDigit(v.charAt(i));
    }
    return alnum && !Allowlist.isPlaceholder(v, 0, v.length());
  }

  private static boolean isPassword(String v, boolean quoted) {
    if (v.length() < 6 || !isValue(v)) {
      return false;
    }
    if (!quoted) {
      // an unquoted identifier or dotted name is a reference to a variable, a call (input(...),
      // hash(password)) computes one, and a path (PWD=/home/user) is the working directory
      return !IDENTIFIER.matcher(v).matches() && !DOTTED_REFERENCE.matcher(v).matches()
          && !v.contains(" ") && v.indexOf('(') < 0 && !v.startsWith("/") && !v.startsWith("~/")
          && !v.startsWith("./");
    }
    return true;
  }

  private static boolean isRandomSecret(String v, String text, int s, int e) {
    if (v.length() < 16 || v.length() > 300 || v.contains(" ") || !isValue(v)
        || DOTTED_REFERENCE.matcher(v).matches() || v.startsWith("http")) {
      return false;
    }
    boolean letter = false;
    boolean digit = false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      letter |= Character.isLetter(c);
      digit |= c >= '0' && c <= '9';
    }
    return letter && digit && Entropy.shannon(text, s, e) >= 3.0;
  }
}
