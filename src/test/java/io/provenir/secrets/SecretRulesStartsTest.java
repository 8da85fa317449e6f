package io.provenir.secrets;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import io.provenir.scan.MatchStarts;
import io.provenir.scan.MatchStartsCheck;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.Test;

/**
 * A rule's {@link io.provenir.scan.MatchStarts} may skip a position only where its pattern cannot match: for
 * every position {@code from} of strings built from the patterns' own pieces, {@code next(from)}
 * is at or before the first position at or after {@code from} where the pattern matches (as
 * {@code lookingAt()} with transparent bounds, as {@code find()} tries them), and -1 only when
 * there is none.
 */
public class SecretRulesStartsTest {

  private static final String[] PIECES = {" ", ".", "-", "_", "/", "+", "@", ":", "\"", "=", "a",
    "Z", "7", "s", "s.", "S.", "A", "a.", "://", "M", "N", "O", "x", "\n", "é"};

  private static final String TOKEN =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String HEX = "0123456789abcdef";

  private static String run(Random rnd, String alphabet, int min, int max) {
    StringBuilder sb = new StringBuilder();
    for (int k = min + rnd.nextInt(max - min + 1); k > 0; k--) {
      sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  /** Something close to a match of the rule: right, or off by a length or a character. */
  private static String nearMatch(String id, Random rnd) {
    return switch (id) {
      case "discord-bot-token" -> "MNOXm".charAt(rnd.nextInt(5)) + run(rnd, TOKEN, 21, 29) + "."
          + run(rnd, TOKEN, 5, 7) + "." + run(rnd, TOKEN, 25, 40);
      case "vault-legacy-token" -> (rnd.nextBoolean() ? "s." : "S.") + run(rnd, ALNUM, 22, 26);
      case "aws-access-key-id" -> List.of("AKIA", "ASIA", "A3TX", "AROA", "AKI", "akia", "ANVA")
          .get(rnd.nextInt(7)) + run(rnd, BASE32, 15, 17);
      case "url-userinfo" -> run(rnd, "abcdefghijklmnopqrstuvwxyz+.-1", 0, 24) + "://"
          + run(rnd, ALNUM, 1, 6) + ":" + run(rnd, ALNUM + "!%", 2, 12) + "@"
          + List.of("db.example.org", "[::1]", "-x", " ", "10.0.0.1").get(rnd.nextInt(5));
      case "bearer" -> List.of("Bearer", "bearer", "BEARER", "xBearer", "earer", "Bearer")
          .get(rnd.nextInt(6)) + List.of(" ", "\t", "  ", "", ":").get(rnd.nextInt(5))
          + run(rnd, ALNUM + "-._~+/", 14, 30) + List.of("", "=", "==", "!").get(rnd.nextInt(4));
      case "facebook-access-token" -> rnd.nextBoolean()
          ? List.of("EAAM", "EAAC", "EAAX", "xEAAM", "EAA").get(rnd.nextInt(5))
              + run(rnd, ALNUM, 98, 102)
          : run(rnd, "0123456789", 14, 17) + List.of("|", "|", "/").get(rnd.nextInt(3))
              + run(rnd, TOKEN, 26, 28);
      case "azure-ad-client-secret" -> run(rnd, TOKEN + "~.", 2, 4)
          + List.of("7Q~", "7Q~", "xQ~", "7q~").get(rnd.nextInt(4)) + run(rnd, TOKEN + "~.", 30, 35);
      case "github-token" -> rnd.nextInt(3) == 0
          ? List.of("github_pat_", "github_pat", "xgithub_pat_").get(rnd.nextInt(3))
              + run(rnd, ALNUM, 21, 23) + "_" + run(rnd, ALNUM, 58, 60)
          : List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "ghx_", "gh_", "GHP_", "xghp_")
              .get(rnd.nextInt(9)) + run(rnd, ALNUM, 35, 38);
      case "curl-token-header" -> List.of("-H", "-h", "--header", "--HEADER", "-X", "H")
          .get(rnd.nextInt(6)) + List.of(" ", "  ", "").get(rnd.nextInt(3))
          + List.of("\"", "'").get(rnd.nextInt(2))
          + List.of("X-Api-Token", "token", "Authorization", "x-secret-key", "apikey")
              .get(rnd.nextInt(5)) + List.of(":", ": ", " : ").get(rnd.nextInt(3))
          + run(rnd, ALNUM + "+/=._~@#!%&*-", 5, 20);
      case "octopus-deploy-api-key" -> List.of("API-", "API-", "api-", "API", "xAPI-")
          .get(rnd.nextInt(5)) + run(rnd, UPPER_DIGITS, 25, 27);
      case "twilio-api-key" -> List.of("SK", "SK", "sk", "S", "xSK").get(rnd.nextInt(5))
          + run(rnd, HEX + "ABCDEF", 31, 33);
      case "jwt" -> List.of("eyJ", "eyJ", "eyj", "xeyJ").get(rnd.nextInt(4))
          + run(rnd, TOKEN, 9, 14) + List.of("", "=", "==").get(rnd.nextInt(3)) + "."
          + List.of("eyJ", "eyJ", "ey").get(rnd.nextInt(3)) + run(rnd, TOKEN, 9, 14)
          + (rnd.nextBoolean() ? "." + run(rnd, TOKEN, 0, 6) : "");
      case "mailgun-api-key" -> List.of("key-", "key-", "Key-", "key", "xkey-")
          .get(rnd.nextInt(5)) + run(rnd, HEX, 31, 33);
      case "mailchimp-api-key" -> run(rnd, HEX, 31, 33)
          + List.of("-us", "-us", "-US", "-u", "us").get(rnd.nextInt(5)) + run(rnd, "0123456789", 0, 3);
      case "slack-token" -> switch (rnd.nextInt(4)) {
        case 0 -> List.of("xoxb-", "xoxp-", "xoxz-", "xob-").get(rnd.nextInt(4))
            + run(rnd, "0123456789", 1, 13) + "-" + run(rnd, "0123456789", 0, 13) + "-"
            + run(rnd, ALNUM, 9, 14);
        case 1 -> List.of("xoxe.xoxp-", "xoxe.xoxb-", "xoxe.xop-").get(rnd.nextInt(3))
            + run(rnd, "0123456789", 1, 2) + "-" + run(rnd, ALNUM, 99, 102);
        default -> List.of("xapp-", "xapp-", "xap-").get(rnd.nextInt(3))
            + run(rnd, "0123456789", 1, 2) + "-" + run(rnd, UPPER_DIGITS, 4, 21) + "-"
            + run(rnd, "0123456789", 4, 21) + "-" + run(rnd, HEX + "ghz", 19, 30);
      };
      default -> throw new AssertionError(id);
    };
  }

  @Test
  public void startsNeverSkipWhereThePatternMatches() {
    Random rnd = new Random(20261127);
    int rulesWithStarts = 0;
    for (SecretRule rule : SecretRules.all()) {
      if (rule.starts() == null) {
        continue;
      }
      rulesWithStarts++;
      int matched = check(rule.id(), rule.pattern(), rule.starts(), rnd);
      assertThat(rule.id() + ": the strings match often enough to test", matched,
          greaterThan(300));
    }
    assertThat(rulesWithStarts, is(14));
  }

  @Test
  public void bearerStartsNeverSkipWhereThePatternMatches() {
    Pattern bearer =
        ((io.provenir.scan.RegexDetector) SecretDetectors.bearerToken()).pattern();
    int matched = check("bearer", bearer, SecretDetectors::bearerStart, new Random(27));
    assertThat(matched, greaterThan(300));
  }

  /** Positions where {@code pattern} matches, after checking {@code starts} from every position. */
  private static int check(String id, Pattern pattern, MatchStarts starts, Random rnd) {
    int matched = 0;
    for (int n = 0; n < 10_000; n++) {
      StringBuilder sb = new StringBuilder();
      for (int part = rnd.nextInt(4); part >= 0; part--) {
        for (int k = rnd.nextInt(3); k >= 0; k--) {
          sb.append(PIECES[rnd.nextInt(PIECES.length)]);
        }
        sb.append(nearMatch(id, rnd));
      }
      sb.append(PIECES[rnd.nextInt(PIECES.length)]);
      matched += MatchStartsCheck.neverSkipsAMatch(id, pattern, starts, sb.toString());
    }
    return matched;
  }
}
