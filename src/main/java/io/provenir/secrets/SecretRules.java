package io.provenir.secrets;

import io.provenir.scan.MatchStarts;
import io.provenir.scan.Text;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Provider rules: each secret family's own format (prefix, length, alphabet, sometimes the key
 * name it is assigned to). Written from the providers' documented token formats; every rule has
 * keywords for the one-pass pre-filter of {@link RuleSetDetector}.
 */
public final class SecretRules {

  private SecretRules() {}

  /** Not preceded by a token character. */
  private static final String L = "(?<![A-Za-z0-9_-])";
  /** Not followed by a token character. */
  private static final String R = "(?![A-Za-z0-9_-])";
  /** An assignment between a key and its value: = : := ?= => and optional quotes. */
  private static final String ASSIGN = "[\"']?\\s{0,4}(?::{1,3}=|\\?=|=>|=|:)\\s{0,4}[\"'`]?";
  private static final String UUID =
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

  private static final List<SecretRule> RULES = build();

  /** Every provider rule. */
  public static List<SecretRule> all() {
    return RULES;
  }

  private static SecretRule rule(String type, String id, String keywords, String regex, int group,
      double minEntropy, SecretRule.Check check, int priority) {
    return new SecretRule(type, id, Arrays.asList(keywords.split(",")), Pattern.compile(regex),
        group, minEntropy, check, priority);
  }

  private static SecretRule rule(String type, String id, String keywords, String regex,
      double minEntropy) {
    return rule(type, id, keywords, regex, 1, minEntropy, null, 90);
  }

  // Where the patterns of rules with keywords common in prose can start (MatchStarts):
  // necessary conditions read off each pattern's start. SecretRulesStartsTest checks each
  // against the pattern's lookingAt() from every position of generated text.

  /**
   * Rules whose match starts with a case-sensitive literal right after a zero-width look-behind
   * ({@code API-}, {@code SK}, {@code eyJ}, {@code key-}): where the literal is. Their keywords
   * are that literal ignoring case, so in text made of keys and tokens the keyword is in nearly
   * every segment, and the pattern's {@code find()} tried every position of it.
   */
  static MatchStarts literalStart(String literal) {
    return (t, from) -> t.indexOf(literal, from);
  }

  /** slack-token: {@code xox} or {@code xapp-} ({@code xoxe.xox...} starts with the first). */
  static int slackStart(String t, int from) {
    for (int i = t.indexOf('x', from); i >= 0; i = t.indexOf('x', i + 1)) {
      if (t.startsWith("xox", i) || t.startsWith("xapp-", i)) {
        return i;
      }
    }
    return -1;
  }

  /** mailchimp-api-key: 32 hex chars then {@code -us}, so {@code -us} is 32 chars on. */
  static int mailchimpStart(String t, int from) {
    int us = t.indexOf("-us", from + 32);
    return us < 0 ? -1 : us - 32;
  }

  /**
   * discord-bot-token: a run of 24 to 28 token chars starting with M, N or O, not after a token
   * char or dot, with a dot right after it ({@code [MNO][A-Za-z0-9_-]{23,27}\.}).
   */
  static int discordStart(String t, int from) {
    int n = t.length();
    int i = from;
    while (i < n) {
      if (!isTokenChar(t.charAt(i))) {
        i++;
        continue;
      }
      int j = i + 1;
      while (j < n && isTokenChar(t.charAt(j))) {
        j++;
      }
      char c = t.charAt(i);
      if ((c == 'M' || c == 'N' || c == 'O') && j - i >= 24 && j - i <= 28 && j < n
          && t.charAt(j) == '.'
          && (i == 0 || t.charAt(i - 1) != '.' && !isTokenChar(t.charAt(i - 1)))) {
        return i;
      }
      i = j; // inside a run, the look-behind refuses every position
    }
    return -1;
  }

  /** vault-legacy-token: {@code s.} not after {@code [A-Za-z0-9_.]}. */
  static int vaultLegacyStart(String t, int from) {
    for (int i = t.indexOf("s.", from); i >= 0; i = t.indexOf("s.", i + 1)) {
      if (i == 0 || !Text.isAsciiWordCharOrDot(t.charAt(i - 1))) {
        return i;
      }
    }
    return -1;
  }

  /** aws-access-key-id: an {@code A} not after {@code [A-Za-z0-9/+]} (every prefix starts so). */
  static int awsKeyIdStart(String t, int from) {
    for (int i = t.indexOf('A', from); i >= 0; i = t.indexOf('A', i + 1)) {
      char p = i == 0 ? ' ' : t.charAt(i - 1);
      if (!(Text.isAsciiAlnum(p) || p == '/' || p == '+')) {
        return i;
      }
    }
    return -1;
  }

  /**
   * url-userinfo: a scheme of 2 to 21 chars before {@code ://}, so a match starting at or after
   * {@code from} starts at most 21 chars before the first {@code ://} at or after {@code from + 2}.
   */
  static int urlUserinfoStart(String t, int from) {
    int q = t.indexOf("://", from + 2);
    return q < 0 ? -1 : Math.max(from, q - 21);
  }

  /**
   * facebook-access-token: {@code EAAM} or {@code EAAC} not after {@code [A-Za-z0-9_]}, or a run
   * of 15 or 16 digits not after one (so a whole run of digits) with {@code |} right after it.
   * Its keyword {@code |} is in any table or random text, where {@code find()} tried both
   * alternatives at every position.
   */
  static int facebookStart(String t, int from) {
    int n = t.length();
    int e = t.indexOf("EAA", from);
    while (e >= 0 && !(e + 3 < n && (t.charAt(e + 3) == 'M' || t.charAt(e + 3) == 'C')
        && (e == 0 || !isWordChar(t.charAt(e - 1))))) {
      e = t.indexOf("EAA", e + 1);
    }
    // A digit run's match starts 15 or 16 chars before its '|'; none after e can come first.
    for (int p = t.indexOf('|', from); p >= 0 && (e < 0 || p - 16 < e); p = t.indexOf('|', p + 1)) {
      int s = p;
      while (s > 0 && Text.isAsciiDigit(t.charAt(s - 1))) {
        s--;
      }
      if ((p - s == 15 || p - s == 16) && s >= from && (s == 0 || !isWordChar(t.charAt(s - 1)))) {
        return e >= 0 ? Math.min(e, s) : s;
      }
    }
    return e;
  }

  /**
   * azure-ad-client-secret: four chars before {@code Q~}, the last a digit, not after a char of
   * the secret's class {@code [A-Za-z0-9_~.-]}. Its keyword {@code q~} is matched ignoring case.
   */
  static int azureClientSecretStart(String t, int from) {
    for (int q = t.indexOf("Q~", from + 4); q >= 0; q = t.indexOf("Q~", q + 1)) {
      int i = q - 4;
      if (Text.isAsciiDigit(t.charAt(q - 1)) && (i == 0 || !isAzureSecretChar(t.charAt(i - 1)))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * github-token: {@code gh} and one of {@code pousr} and {@code _}, or {@code github_pat_}, not
   * after {@code [A-Za-z0-9_]}.
   */
  static int githubStart(String t, int from) {
    int n = t.length();
    for (int i = t.indexOf('g', from); i >= 0; i = t.indexOf('g', i + 1)) {
      boolean prefix = i + 3 < n && t.charAt(i + 1) == 'h' && "pousr".indexOf(t.charAt(i + 2)) >= 0
          && t.charAt(i + 3) == '_' || t.startsWith("github_pat_", i);
      if (prefix && (i == 0 || !isWordChar(t.charAt(i - 1)))) {
        return i;
      }
    }
    return -1;
  }

  /** curl-token-header: {@code -H} or {@code --header}, ignoring case. */
  static int curlHeaderStart(String t, int from) {
    int n = t.length();
    for (int i = t.indexOf('-', from); i >= 0 && i + 1 < n; i = t.indexOf('-', i + 1)) {
      char c = t.charAt(i + 1);
      if (c == 'H' || c == 'h' || t.regionMatches(true, i, "--header", 0, 8)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isWordChar(char c) {
    return Text.isAsciiAlnum(c) || c == '_';
  }

  private static boolean isAzureSecretChar(char c) {
    return Text.isAsciiAlnum(c) || c == '_' || c == '~' || c == '.' || c == '-';
  }

  private static boolean isTokenChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
        || c == '-';
  }

  private static boolean hasLetterAndDigit(String t, int s, int e) {
    boolean letter = false;
    boolean digit = false;
    for (int i = s; i < e; i++) {
      char c = t.charAt(i);
      letter |= Character.isLetter(c);
      digit |= c >= '0' && c <= '9';
    }
    return letter && digit;
  }

  private static boolean hasMixedCase(String t, int s, int e) {
    boolean upper = false;
    boolean lower = false;
    for (int i = s; i < e; i++) {
      char c = t.charAt(i);
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
    }
    return upper && lower;
  }

  private static List<SecretRule> build() {
    List<SecretRule> r = new ArrayList<>();
    // --- cloud providers
    r.add(rule("AWS_ACCESS_KEY", "aws-access-key-id",
        "akia,asia,abia,acca,a3t,agpa,aida,aipa,anpa,anva,apka,aroa",
        "(?<![A-Za-z0-9/+])((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA"
            + "|AROA)[A-Z2-7]{16})(?![A-Za-z0-9/+])", 1, 3.0, null, 90)
        .withStarts(SecretRules::awsKeyIdStart));
    r.add(rule("AWS_SECRET_KEY", "aws-secret-access-key",
        "secret_access_key,secretaccesskey,secret-access-key,aws_secret,awssecret",
        "(?i:aws[_-]?)?(?i:secret[_-]?access[_-]?key|aws[_-]?secret(?:[_-]?key)?)" + ASSIGN
            + "([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])", 1, 3.5, null, 80));
    r.add(rule("AWS_BEDROCK_KEY", "aws-bedrock-api-key", "absk,bedrock-api-key-",
        "(?<![A-Za-z0-9+/])(ABSK[A-Za-z0-9+/]{109,269}={0,2}|bedrock-api-key-[A-Za-z0-9+/]{20,400}"
            + "={0,2})(?![A-Za-z0-9+/=])", 1, 3.0, null, 90));
    r.add(rule("GOOGLE_API_KEY", "gcp-api-key", "aiza",
        L + "(AIza[0-9A-Za-z_-]{35})" + R, 1, 3.5, null, 90));
    r.add(rule("GCP_SERVICE_ACCOUNT", "gcp-service-account", "service_account",
        "(\"type\"\\s{0,4}:\\s{0,4}\"service_account\")", 1, 0, null, 60));
    r.add(rule("AZURE_CLIENT_SECRET", "azure-ad-client-secret", "q~",
        "(?<![A-Za-z0-9_~.-])([A-Za-z0-9_~.-]{3}\\dQ~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])",
        1, 3.0, null, 90).withStarts(SecretRules::azureClientSecretStart));
    r.add(rule("AZURE_STORAGE_KEY", "azure-storage-account-key", "accountkey",
        "(?i:accountkey)\\s{0,3}=\\s{0,3}([A-Za-z0-9+/]{86}==)", 1, 3.5, null, 90));
    r.add(rule("CLOUDFLARE_API_KEY", "cloudflare-api-key", "cloudflare",
        "(?<![A-Za-z])(?i:cloudflare)[A-Za-z0-9_]{0,30}" + ASSIGN + "([A-Za-z0-9_-]{40}|[a-f0-9]{37})" + R, 1,
        3.0, null, 85));
    r.add(rule("CLOUDFLARE_API_KEY", "cloudflare-origin-ca-key", "v1.0-",
        "(v1\\.0-[a-f0-9]{24}-[a-f0-9]{146})", 3.0));
    r.add(rule("DATABRICKS_TOKEN", "databricks-api-token", "dapi",
        "(?<![A-Za-z0-9_])(dapi[a-f0-9]{32}(?:-\\d)?)" + R, 3.0));
    r.add(rule("HEROKU_API_KEY", "heroku-api-key-v2", "hrku-", "(HRKU-[A-Za-z0-9_-]{60})", 3.0));
    r.add(rule("FLYIO_TOKEN", "flyio-access-token", "fo1_,fm1,fm2",
        "(?<![A-Za-z0-9_-])(fo1_[A-Za-z0-9_-]{43}|(?:FlyV1 )?fm[12][ar]?_[A-Za-z0-9+/]{100,2000}"
            + "={0,3}(?:,fm[12][ar]?_[A-Za-z0-9+/]{100,2000}={0,3})*)(?![A-Za-z0-9_-])", 3.5));
    // --- source forges and package registries
    r.add(rule("GITHUB_TOKEN", "github-token", "ghp_,gho_,ghu_,ghs_,ghr_,github_pat_",
        "(?<![A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9]{22}_"
            + "[A-Za-z0-9]{59})(?![A-Za-z0-9_])", 3.0).withStarts(SecretRules::githubStart));
    r.add(rule("GITLAB_TOKEN", "gitlab-token",
        "glpat-,gldt-,glrt-,glcbt-,glimt-,glptt-,glagent-,gloas-,glsoat-,glffct-,glft-,gr1348941",
        L + "((?:glpat|gldt|glrt|glcbt|glimt|glptt|glagent|gloas|glsoat|glffct|glft)-"
            + "[A-Za-z0-9_-]{20,300}|GR1348941[A-Za-z0-9_-]{20,300})" + R, 1, 3.0,
        SecretRules::hasLetterAndDigit, 90));
    r.add(rule("NPM_TOKEN", "npm-access-token", "npm_",
        "(?<![A-Za-z0-9_])(npm_[A-Za-z0-9]{36})(?![A-Za-z0-9_])", 3.0));
    r.add(rule("NPM_TOKEN", "npmrc-auth-token", "_authtoken",
        "//[A-Za-z0-9.:-]+/:_authToken=\\s?([A-Za-z0-9._~+/=-]{8,512})", 1, 0, null, 80));
    r.add(rule("PYPI_TOKEN", "pypi-upload-token", "pypi-ageichlwas5vcmc",
        "(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,500})", 3.0));
    r.add(rule("PACKAGE_REGISTRY_CREDENTIALS", "bundler-credentials", "bundle_",
        "BUNDLE_[A-Z0-9_]+__[A-Z0-9_]+[\"']?\\s{0,3}[:=]\\s{0,3}[\"']?([^\\s\"':]{3,128}:"
            + "[^\\s\"']{3,128}?)[\"']?(?=\\s|$)", 1, 0, null, 80));
    r.add(rule("PACKAGE_REGISTRY_CREDENTIALS", "nuget-config-password", "password",
        "<add\\s+key=\"(?:ClearText)?Password\"\\s+value=\"([^\"]{4,256})\"", 1, 0, null, 80));
    r.add(rule("JFROG_TOKEN", "jfrog-api-key", "akcp,cmvmdgtu",
        "(?<![A-Za-z0-9])(AKCp[A-Za-z0-9]{69}|cmVmdGtu[A-Za-z0-9]{56})(?![A-Za-z0-9])", 3.5));
    // --- chat, mail and messaging
    r.add(rule("SLACK_TOKEN", "slack-token", "xox,xapp-",
        L + "(xox[abeoprs]-(?:\\d{1,13}-){1,4}[A-Za-z0-9]{10,300}|xoxe\\.xox[bp]-\\d-"
            + "[A-Za-z0-9]{100,300}|xapp-\\d-[A-Z0-9]{5,20}-\\d{5,20}-[a-z0-9]{20,100})" + R, 0)
        .withStarts(SecretRules::slackStart));
    r.add(rule("SLACK_WEBHOOK", "slack-webhook-url", "hooks.slack.com",
        "(https?://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/_-]{20,200})",
        3.0));
    r.add(rule("DISCORD_BOT_TOKEN", "discord-bot-token", ".",
        "(?<![A-Za-z0-9_.-])([MNO][A-Za-z0-9_-]{23,27}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38})"
            + "(?![A-Za-z0-9_.-])", 1, 3.5, SecretRules::hasLetterAndDigit, 80).withMinRun(27)
        .withStarts(SecretRules::discordStart));
    r.add(rule("TELEGRAM_BOT_TOKEN", "telegram-bot-token", ":aa",
        "(?<![A-Za-z0-9_:])(\\d{8,10}:AA[A-Za-z0-9_-]{33})" + R, 3.0));
    r.add(rule("TWILIO_API_KEY", "twilio-api-key", "sk",
        "(?<![A-Za-z0-9_])(SK[0-9a-fA-F]{32})(?![A-Za-z0-9_])", 3.0).withMinRun(34)
        .withStarts(literalStart("SK")));
    r.add(rule("SENDGRID_API_KEY", "sendgrid-api-key", "sg.",
        "(?<![A-Za-z0-9_])(SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43})" + R, 3.0));
    r.add(rule("MAILGUN_API_KEY", "mailgun-api-key", "key-",
        L + "(key-[0-9a-f]{32})" + R, 3.0).withStarts(literalStart("key-")));
    r.add(rule("MAILCHIMP_API_KEY", "mailchimp-api-key", "-us",
        "(?<![A-Za-z0-9_])([0-9a-f]{32}-us\\d{1,2})" + R, 3.0).withMinRun(35)
        .withStarts(SecretRules::mailchimpStart));
    r.add(rule("MESSAGEBIRD_API_KEY", "messagebird-api-key", "messagebird",
        "(?<![A-Za-z])(?i:messagebird)[A-Za-z0-9_]{0,30}" + ASSIGN + "(" + UUID + ")", 1, 0, null, 85));
    // --- payments and commerce
    r.add(rule("STRIPE_KEY", "stripe-secret-key", "sk_live,sk_test,sk_prod,rk_live,rk_test,"
            + "rk_prod,whsec_",
        "(?<![A-Za-z0-9_])((?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,247}|whsec_"
            + "[A-Za-z0-9]{32,64})(?![A-Za-z0-9_])", 3.0));
    r.add(rule("SQUARE_TOKEN", "square-token", "sq0csp-,sq0atp-,eaaa",
        L + "(sq0csp-[A-Za-z0-9_-]{40,50}|sq0atp-[A-Za-z0-9_-]{22}|EAAA[A-Za-z0-9_-]{60})" + R,
        3.0));
    r.add(rule("SHOPIFY_TOKEN", "shopify-token", "shpat_,shpca_,shppa_,shpss_",
        "(shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})", 3.0));
    // --- AI platforms
    r.add(rule("OPENAI_API_KEY", "openai-api-key", "t3blbkfj,sk-proj-",
        L + "(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200}|"
            + "sk-proj-[A-Za-z0-9_-]{100,300})" + R, 3.5));
    r.add(rule("ANTHROPIC_API_KEY", "anthropic-api-key", "sk-ant-",
        "(sk-ant-(?:api|admin|sid)\\d{2}-[A-Za-z0-9_-]{93}AA)" + R, 3.5));
    r.add(rule("HUGGINGFACE_TOKEN", "huggingface-token", "hf_,api_org_",
        "(?<![A-Za-z0-9_])(hf_[A-Za-z]{34}|api_org_[A-Za-z]{34})(?![A-Za-z0-9_])", 1, 3.0,
        SecretRules::hasMixedCase, 90));
    r.add(rule("PERPLEXITY_API_KEY", "perplexity-api-key", "pplx-",
        "(pplx-[A-Za-z0-9]{48})(?![A-Za-z0-9])", 3.0));
    // --- developer tools and SaaS
    r.add(rule("ATLASSIAN_TOKEN", "atlassian-api-token", "atatt3",
        "(ATATT3[A-Za-z0-9_=-]{150,300})", 3.5));
    r.add(rule("SONAR_TOKEN", "sonar-token", "squ_,sqp_,sqa_",
        "(?<![A-Za-z0-9_])(sq[upa]_[a-zA-Z0-9]{40})(?![A-Za-z0-9_])", 3.0));
    r.add(rule("SONAR_TOKEN", "sonar-login", "sonar",
        "(?<![A-Za-z])(?i:sonar)[A-Za-z0-9_.]{0,20}(?i:login|token)" + ASSIGN + "([a-zA-Z0-9]{40})"
            + "(?![A-Za-z0-9])", 1, 3.0, null, 85));
    for (String[] v : new String[][] {{"SNYK_TOKEN", "snyk"}, {"HEROKU_API_KEY", "heroku"},
        {"HUBSPOT_API_KEY", "hubspot"}}) {
      r.add(rule(v[0], v[1] + "-api-key", v[1],
          "(?<![A-Za-z])(?i:" + v[1] + ")[A-Za-z0-9_]{0,30}" + ASSIGN + "(" + UUID + ")", 1, 0, null, 85));
    }
    r.add(rule("VAULT_TOKEN", "vault-token", "hvs.,hvb.",
        "(hvs\\.[A-Za-z0-9_-]{90,120}|hvb\\.[A-Za-z0-9_-]{138,300})", 3.5));
    r.add(rule("VAULT_TOKEN", "vault-legacy-token", "s.",
        "(?<![A-Za-z0-9_.])(s\\.[A-Za-z0-9]{24})(?![A-Za-z0-9_.])", 1, 3.5,
        (t, s, e) -> hasLetterAndDigit(t, s, e) && hasMixedCase(t, s, e), 70).withMinRun(24)
        .withStarts(SecretRules::vaultLegacyStart));
    r.add(rule("GRAFANA_TOKEN", "grafana-token", "glc_,glsa_",
        "(?<![A-Za-z0-9_])(glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})"
            + "(?![A-Za-z0-9+/=_])", 3.5));
    r.add(rule("SENTRY_TOKEN", "sentry-token", "sntrys_,sntryu_",
        "(sntrys_eyJ[A-Za-z0-9+/=]{50,300}_[A-Za-z0-9+/]{30,60}|sntryu_[a-f0-9]{64})", 3.5));
    r.add(rule("NOTION_TOKEN", "notion-api-token", "ntn_",
        "(?<![A-Za-z0-9_])(ntn_\\d{11}[A-Za-z0-9]{35})(?![A-Za-z0-9_])", 1, 3.0,
        SecretRules::hasMixedCase, 90));
    r.add(rule("OKTA_TOKEN", "okta-api-token", "okta",
        "(?<![A-Za-z])(?i:okta)[A-Za-z0-9_]{0,30}" + ASSIGN + "(00[A-Za-z0-9_-]{40})" + R, 1, 3.5, null, 85));
    r.add(rule("INFRACOST_TOKEN", "infracost-api-token", "ico-",
        "(?<![A-Za-z0-9_.-])(ico-[A-Za-z0-9]{32})(?![A-Za-z0-9])", 3.0));
    r.add(rule("OCTOPUS_API_KEY", "octopus-deploy-api-key", "api-",
        L + "(API-[A-Z0-9]{26})" + R, 3.0).withStarts(literalStart("API-")));
    r.add(rule("INTRA42_SECRET", "intra42-client-secret", "s-s4t2",
        "(s-s4t2(?:ud|af)-[a-f0-9]{64})", 3.0));
    r.add(rule("SOURCEGRAPH_TOKEN", "sourcegraph-token", "sgp_",
        "(?<![A-Za-z0-9_])(sgp_(?:[a-fA-F0-9]{16}|local)_[a-fA-F0-9]{40}|sgp_[a-fA-F0-9]{40})"
            + "(?![A-Za-z0-9_])", 3.0));
    r.add(rule("SOURCEGRAPH_TOKEN", "sourcegraph-keyed", "sourcegraph",
        "(?<![A-Za-z])(?i:sourcegraph)[A-Za-z0-9_]{0,20}" + ASSIGN + "([a-fA-F0-9]{40})(?![A-Za-z0-9])", 1,
        3.0, null, 85));
    r.add(rule("MAXMIND_LICENSE_KEY", "maxmind-license-key", "_mmk",
        "([A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk)(?![A-Za-z0-9])", 3.0));
    r.add(rule("SUMOLOGIC_KEY", "sumologic-access-id", "sumo",
        "(?<![A-Za-z])(?i:sumo)[A-Za-z0-9_.]{0,20}(?i:access[_.]?id)" + ASSIGN + "(su[A-Za-z0-9]{12})"
            + "(?![A-Za-z0-9])", 1, 3.0, null, 85));
    r.add(rule("ONEPASSWORD_TOKEN", "1password-service-account-token", "ops_eyj",
        "(ops_eyJ[A-Za-z0-9+/]{250,5000}={0,3})", 3.5));
    r.add(rule("AGE_SECRET_KEY", "age-secret-key", "age-secret-key-1",
        "(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})", 0));
    r.add(rule("FACEBOOK_TOKEN", "facebook-access-token", "eaa,|",
        "(?<![A-Za-z0-9_])(EAA[MC][A-Za-z0-9]{100,400}|\\d{15,16}\\|[A-Za-z0-9_-]{27})" + R, 3.5)
        .withMinRun(15).withStarts(SecretRules::facebookStart));
    r.add(rule("FACEBOOK_TOKEN", "facebook-secret", "facebook",
        "(?<![A-Za-z])(?i:facebook)[A-Za-z0-9_]{0,30}(?i:secret|token)[A-Za-z0-9_]{0,20}" + ASSIGN
            + "([a-f0-9]{32})(?![A-Za-z0-9])", 1, 3.0, null, 85));
    // --- generic formats
    r.add(rule("JWT", "jwt", "eyj",
        L + "(eyJ[A-Za-z0-9_-]{10,4096}={0,2}\\.eyJ[A-Za-z0-9_-]{10,8192}={0,2}"
            + "(?:\\.[A-Za-z0-9_-]{0,4096})?)" + R, 1, 3.0, null, 85)
        .withStarts(literalStart("eyJ")));
    r.add(rule("URL_CREDENTIALS", "url-userinfo", "://",
        "(?i)\\b[a-z][a-z0-9+.-]{1,20}://([^\\s:/@\"'<>{}$`]{1,64}:[^\\s/@\"'<>{}$`]{3,128})@"
            + "(?=[A-Za-z0-9.\\[-])", 1, 0, SecretRules::isRealUserinfo, 75)
        .withStarts(SecretRules::urlUserinfoStart));
    r.add(rule("AUTH_HEADER", "authorization-header", "authorization",
        "(?i:authorization)[\"']?\\s{0,3}:\\s{0,3}(?:(?i:basic|bearer|token|api-token|digest|"
            + "apikey|key)\\s+)?([A-Za-z0-9+/=._~@#!%&*:-]{6,512})", 1, 0,
        SecretRules::isRealHeaderValue, 60));
    r.add(rule("AUTH_HEADER", "curl-token-header", "token:,apikey:,api-key:,secret:",
        "(?i)(?:-H|--header)\\s{1,4}[\"']\\s{0,3}(?:x-)?[a-z-]{0,30}(?:token|api-?key|secret)"
            + "[a-z-]{0,20}\\s{0,3}:\\s{0,3}([A-Za-z0-9+/=._~@#!%&*-]{6,512})", 1, 0,
        SecretRules::isRealHeaderValue, 60).withStarts(SecretRules::curlHeaderStart));
    return List.copyOf(r);
  }

  private static final List<String> AUTH_SCHEMES =
      List.of("basic", "bearer", "token", "api-token", "digest", "apikey", "key");

  private static boolean isRealHeaderValue(String t, int s, int e) {
    String v = t.substring(s, e);
    if (AUTH_SCHEMES.contains(v.toLowerCase(java.util.Locale.ROOT))) {
      return false;
    }
    int stars = 0;
    for (int i = 0; i < v.length(); i++) {
      if (v.charAt(i) == '*' || v.charAt(i) == '.') {
        stars++;
      }
    }
    return stars < v.length() / 2 && Entropy.shannon(t, s, e) >= 2.5;
  }

  private static final List<String> PLACEHOLDER_PASSWORDS = List.of("password", "passwd", "pass",
      "pwd", "secret", "changeme", "xxx", "yyy", "pw", "hunter2", "12345", "123456", "test");

  private static boolean isRealUserinfo(String t, int s, int e) {
    String v = t.substring(s, e);
    String pass = v.substring(v.indexOf(':') + 1);
    return !PLACEHOLDER_PASSWORDS.contains(pass.toLowerCase(java.util.Locale.ROOT))
        && !pass.startsWith("%") && Text.distinctChars(pass, 3) > 2;
  }
}
