package io.provenir.secrets;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.provenir.scan.Detection;
import io.provenir.scan.TextScanner;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class SecretDetectorsTest {

  private final TextScanner scanner = new TextScanner(SecretDetectors.all());

  private List<String> found(String text) {
    List<String> out = new ArrayList<>();
    for (Detection d : scanner.scan(text)) {
      out.add(d.type() + "=" + text.substring(d.start(), d.end()));
    }
    return out;
  }

  @Test
  public void awsAccessKeyIds() {
    assertThat(found("export AWS_ACCESS_KEY_ID=AKIAQX4BZ7MNPL2WRT5K"),
        contains("AWS_ACCESS_KEY=AKIAQX4BZ7MNPL2WRT5K"));
    assertThat(found("role ASIAY34FZKBOKMUTVV7A assumed"),
        contains("AWS_ACCESS_KEY=ASIAY34FZKBOKMUTVV7A"));
  }

  @Test
  public void awsDocumentedExampleKeyIsAllowlisted() {
    assertThat(found("aws_access_key_id = AKIAIOSFODNN7EXAMPLE"), empty());
  }

  @Test
  public void gitHubTokens() {
    String classic = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
    String pat = "github_pat_" + "11ABCDEFG0123456789abc" + "_"
        + "Kq83vLmZ0pXw7Rt2Yb5Nc1Hd9Gf4Js6AeUo0Pi8Lk3Mn7Bv2Cx5Zq9Wr1Ty";
    assertThat(found("GITHUB_TOKEN=" + classic), contains("GITHUB_TOKEN=" + classic));
    assertThat(found("token: " + pat), contains("GITHUB_TOKEN=" + pat));
    assertThat(found("gho_short and ghp_" + "x".repeat(36)), empty());
  }

  @Test
  public void bearerTokensButNotWordsAfterBearer() {
    String jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0"
        + ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
    assertThat(found("Authorization: Bearer " + jwt), contains("JWT=" + jwt));
    assertThat(found("Authorization: Bearer 8f4kQz9LmN2pR7sT1vX3yB6cD0eF5gH"),
        contains("BEARER_TOKEN=8f4kQz9LmN2pR7sT1vX3yB6cD0eF5gH"));
    assertThat(found("Use Bearer authentication with a token from the console."), empty());
    assertThat(found("Authorization: Bearer <your-token-here> or Bearer ${TOKEN}"), empty());
    assertThat(found("Authorization: Bearer YOUR_ACCESS_TOKEN_GOES_HERE"), empty());
  }

  @Test
  public void highEntropyStringsInKeyContext() {
    String b64 = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ8vN3qL1p";
    assertThat(found("aws_secret_access_key = " + b64), contains("AWS_SECRET_KEY=" + b64));
    assertThat(found("the token value " + b64 + " expires"), contains("HIGH_ENTROPY=" + b64));
    assertThat(found("client_secret=\"Zx81kPq0vLm2NbR7tY4uW9sE3aD6fG5h\""),
        contains("GENERIC_SECRET=Zx81kPq0vLm2NbR7tY4uW9sE3aD6fG5h"));
    assertThat(found("The signing secret is 9fK2mQ7xL0pR4tV8zB1nC6dE3gH5jW (rotate it)"),
        contains("HIGH_ENTROPY=9fK2mQ7xL0pR4tV8zB1nC6dE3gH5jW"));
  }

  @Test
  public void noHighEntropyWithoutKeyContextOrForKnownShapes() {
    assertThat(found("Fixed in commit 3f6c2a9d8b7e1f0a4c5d6e7f8a9b0c1d2e3f4a5b."), empty());
    assertThat(found("request_id=123e4567-e89b-42d3-a456-426614174000 token lookup"), empty());
    assertThat(found("<img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB\"> key"),
        empty());
    assertThat(found("password = ThisIsMyPasswordForTheServer"), empty());
    assertThat(found("api_key: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"), empty());
    assertThat(found("api_key = ${API_KEY_FROM_ENVIRONMENT_2024}"), empty());
  }

  @Test
  public void providerRuleBeatsGenericHighEntropyOnTheSameToken() {
    String classic = "ghp_" + "Q8w2E4r6T8y0U2i4O6p8A0s2D4f6G8h0J2k4";
    assertThat(found("my token is " + classic), contains("GITHUB_TOKEN=" + classic));
  }

  @Test
  public void entropyAndFingerprints() {
    assertThat(Entropy.shannon("aaaa", 0, 4), is(0.0));
    assertThat(Entropy.shannon("abcd", 0, 4), is(2.0));
    Fingerprints a = new Fingerprints("k1");
    assertThat(a.of("secret-value"), is(a.of("secret-value")));
    assertThat(a.of("secret-value"), not(new Fingerprints("k2").of("secret-value")));
    assertThat(a.of("secret-value").length(), is(16));
    assertThat(a.of("secret-value").contains("secret"), is(false));
    // HMAC-SHA256 under the key, first 8 bytes in hex; the per-thread MAC carries nothing over
    // from one value to the next.
    assertThat(a.of("secret-value"), is("21e832c0421c9e2b"));
    assertThat(a.of("other"), is("e44d090043b37f00"));
    assertThat(a.of("secret-value"), is("21e832c0421c9e2b"));
  }
}
