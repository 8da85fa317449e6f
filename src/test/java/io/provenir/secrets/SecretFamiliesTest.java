package io.provenir.secrets;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.provenir.scan.Detection;
import io.provenir.scan.TextScanner;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/** One made-up positive and one near miss per family; values made for this test. */
public class SecretFamiliesTest {

  private static final TextScanner SCANNER = new TextScanner(SecretDetectors.all());

  private static List<String> found(String text) {
    List<String> out = new ArrayList<>();
    for (Detection d : SCANNER.scan(text)) {
      out.add(d.type() + "=" + text.substring(d.start(), d.end()));
    }
    return out;
  }

  private static void positive(String type, String value, String text) {
    assertThat(text, found(text), hasItem(type + "=" + value));
  }

  private static void negative(String text) {
    assertThat(text, found(text), is(empty()));
  }

  @Test
  public void providerTokens() {
    positive("SLACK_TOKEN", "xoxb-902837465102-Kf93LdPq02Mz7Yt4Wb8Nc1Vx",
        "bot: xoxb-902837465102-Kf93LdPq02Mz7Yt4Wb8Nc1Vx");
    negative("bot: xoxb-your-token-here and xoxb-12345-abcd234");
    positive("SLACK_WEBHOOK", "https://hooks.slack.com/services/T0AB12CD3/B0EF45GH6/"
        + "q8Zr2Lw7Nx4Tp9Vb3Kd6Mf1S", "url: https://hooks.slack.com/services/T0AB12CD3/"
        + "B0EF45GH6/q8Zr2Lw7Nx4Tp9Vb3Kd6Mf1S");
    positive("STRIPE_KEY", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "Stripe: sk_live_4eC39HqLyjWDarjtT1zdp7dc");
    negative("publishable pk_live_4eC39HqLyjWDarjtT1zdp7dc is public");
    positive("GOOGLE_API_KEY", "AIzaSyB7q2Wk9Lm3Np8Rt4Vx6Yz1Ac5Df0Gh2Jk",
        "key=AIzaSyB7q2Wk9Lm3Np8Rt4Vx6Yz1Ac5Df0Gh2Jk");
    positive("GITLAB_TOKEN", "glpat-Xk8rT2mW9vQ4pL7nB3yC", "CI_TOKEN glpat-Xk8rT2mW9vQ4pL7nB3yC");
    positive("OPENAI_API_KEY", "sk-proj-Rk3Tq8Vw2Lp5Nx7Ty9Bc4Df6Gh1Jk3T3BlbkFJLm5Np7Qr9St2Uv4Wx6Yz8",
        "OPENAI_API_KEY=sk-proj-Rk3Tq8Vw2Lp5Nx7Ty9Bc4Df6Gh1Jk3T3BlbkFJLm5Np7Qr9St2Uv4Wx6Yz8");
    positive("HUGGINGFACE_TOKEN", "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",
        "huggingface-cli login --token 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");
    negative("def hf_requiredCharacteristicTypesForDisplayMetadata(self): pass");
    positive("NPM_TOKEN", "npm_Rk3Tq8Vw2Lp5Nx7Ty9Bc4Df6Gh1Jk3Lm5Np7", "token npm_Rk3Tq8Vw2Lp5Nx7Ty9Bc4Df6Gh1Jk3Lm5Np7");
    positive("TELEGRAM_BOT_TOKEN", "5937261048:AAF3kLq9Wm2Np7Rt4Vx8Yb1Zc6Dg0Hj5Kl3",
        "bot 5937261048:AAF3kLq9Wm2Np7Rt4Vx8Yb1Zc6Dg0Hj5Kl3");
    positive("SENDGRID_API_KEY", "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",
        "SENDGRID=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");
    positive("AZURE_CLIENT_SECRET", "Ab91Q~Rk3Tq8Vw2Lp5Nx7Ty9Bc4Df6Gh1Jk3Lm",
        "secret: Ab91Q~Rk3Tq8Vw2Lp5Nx7Ty9Bc4Df6Gh1Jk3Lm");
    negative("~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~");
  }

  @Test
  public void structuredSecrets() {
    String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0LTQyIn0.Qm8rT2wL9pV4nX7zB3cY6dF1gH5jK0lM";
    positive("JWT", jwt, "token=" + jwt);
    negative("eyJAAAA.eyJBBB and eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9 alone");
    String pem = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAA\n"
        + "-----END OPENSSH PRIVATE KEY-----";
    positive("PRIVATE_KEY", pem, "key:\n" + pem + "\nthanks");
    negative("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEF\n-----END PUBLIC KEY-----");
    positive("URL_CREDENTIALS", "deploy:Tq8Vw2Lp5Nx7",
        "git clone https://deploy:Tq8Vw2Lp5Nx7@git.example.com/repo.git");
    negative("see https://user:password@example.com and http://localhost:8080/path");
    positive("CURL_CREDENTIALS", "admin:Rk3!q8Vw2L",
        "curl -u admin:Rk3!q8Vw2L https://api.example.com/v1");
    negative("curl -u \"$USER:$PASS\" https://api.example.com and curl --user test:test x");
    positive("AUTH_HEADER", "dXNlcjpUcTh2VzJMcDVOeDc=",
        "curl -H 'Authorization: Basic dXNlcjpUcTh2VzJMcDVOeDc=' https://x");
    negative("curl -H \"Authorization: Bearer $TOKEN\" -H 'Authorization: Basic ...'");
  }

  @Test
  public void kubernetesSecrets() {
    String yaml = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n"
        + "  password: UTh2VzJMcDVOeDdUeTk=\n  user: YWRt\n";
    positive("KUBERNETES_SECRET", "UTh2VzJMcDVOeDdUeTk=", yaml);
    assertThat(found(yaml.replace("kind: Secret", "kind: ConfigMap")).stream()
        .anyMatch(f -> f.startsWith("KUBERNETES_SECRET")), is(false));
    negative("apiVersion: v1\nkind: Secret\ndata:\n  password: {{ .Values.password }}\n");
  }

  @Test
  public void assignmentsToSecretNamedKeys() {
    positive("PASSWORD", "Tq8!vW2#Lp5", "db_password = \"Tq8!vW2#Lp5\"");
    positive("PASSWORD", "correct horse battery", "password: \"correct horse battery\"");
    positive("GENERIC_SECRET", "Rk3Tq8Vw2Lp5Nx7Ty9Bc4Df6", "\"client_secret\": \"Rk3Tq8Vw2Lp5Nx7Ty9Bc4Df6\"");
    positive("GENERIC_SECRET", "9f8e7d6c5b4a39281706f5e4d3c2b1a0",
        "os.getenv(\"api_token\", \"9f8e7d6c5b4a39281706f5e4d3c2b1a0\")");
    negative("password = var.db_password");
    negative("password = \"${DB_PASSWORD}\" and secret: {{ .Values.secret }}");
    negative("PASSWORD_LENGTH = 32; token_url = \"https://auth.example.com/token\"");
    negative("credentialsId: '29f63271-dc2f-4734-8221-5b31b5169bac'");
    negative("publicToken = \"Rk3Tq8Vw2Lp5Nx7Ty9Bc4Df6Gh1Jk3\"; csrf-token=Rk3Tq8Vw2Lp5Nx7Ty9Bc4D");
    negative("api_key = \"abcdefghijklmnopqrstuvwxyz123\"");
  }

  @Test
  public void everyRuleHasKeywordsAndCompiles() {
    assertThat(SecretRules.all().size() >= 50, is(true));
    assertThat(SecretDetectors.types().size() >= 30, is(true));
  }
}
