package io.provenir.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An input with distinct secrets planted everywhere a value can sit: in values, in a record id,
 * in an object key, in a malformed line (plain and spelt with a JSON escape), in an oversize line
 * (one secret across the cut), in a private key block, a password assignment, URL credentials,
 * in square brackets. Every value was made for this test.
 */
final class LeakFixture {

  static final String AWS = "AKIAZ7QX4BMN2LPW5RT6";
  static final String GITHUB = "ghp_R7tY2uI9oP4aS6dF1gH8jK3lZ5xC0vB2nM7q";
  static final String SLACK = "xoxb-483920175634-2938475610293-Qw8Er5Ty2Ui9Op4As7Df1Gh3";
  static final String STRIPE = "sk_live_51Hx8Kq2Lm9Np4Rs7Tu0Vw3Yz6Ab1Cd4Ef7Gh";
  static final String OPENAI = "sk-proj-Ab3Cd5Ef7Gh9Ij1Kl3Mn5Op7Qr9St1UvT3BlbkFJWx3Yz5Ab7Cd9Ef1Gh3Ij";
  static final String HF = "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";
  static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJsZWFrLXRlc3QtdXNlciJ9"
      + ".Zk3Rq8Vw2Lp5Nx7Ty9Bc4Df6Gh1Jk3Lm5Np7Qr9St2";
  static final String PEM_BODY = "MIIEowIBAAKCAQEAu8Zq3Lp9Vx2Nw7Tr5Ys1Bc4Df6Gh8Jk0Lm2Np4Qr6St8Uv0Wx";
  static final String PASSWORD = "Xk8#qLm2vR9!tZ4";
  static final String DB_PASSWORD = "S3cr3tPassw0rdQ7";
  static final String API_KEY = "Zq8rT2mW9xK4pL7vN3bY6cJ1hF5gD0sA";
  static final String TAIL = "ghp_L0v3Y0uT3nT1m3sB4byD0ntHurtM3N0M0r3zz";
  /** Written with a JSON escape in its middle, in a line that is not valid JSON. */
  static final String ESCAPED = "AKIAQ3WX7ZLM5NP2RT8V";
  static final String ESCAPED_AS_WRITTEN = "AKIAQ3WX7Z\\u004cM5NP2RT8V";
  /** The value of a member named "password". */
  static final String MEMBER_PASSWORD = "Vq7mZ2pL9xwKk3Hd";
  /** Written in square brackets, as if a placeholder. */
  static final String BRACKETED = "AKIAR5TY8UNB3MV6CX9Z";

  private LeakFixture() {}

  /** The planted values. */
  static List<String> secrets() {
    return List.of(AWS, GITHUB, SLACK, STRIPE, OPENAI, HF, JWT, PEM_BODY, PASSWORD, DB_PASSWORD,
        API_KEY, TAIL, ESCAPED, ESCAPED_AS_WRITTEN, BRACKETED, MEMBER_PASSWORD);
  }

  /** Writes the input and a spec (1 KiB records) into {@code dir}; returns the spec. */
  static Path write(Path dir) throws IOException {
    Path in = dir.resolve("leaky.jsonl");
    List<String> lines = new ArrayList<>();
    lines.add("{\"id\":\"leak-1\",\"prompt\":\"export AWS_ACCESS_KEY_ID=" + AWS + "\"}");
    lines.add("{\"id\":\"" + GITHUB + "\",\"messages\":[{\"role\":\"user\",\"content\":\"my slack"
        + " bot token is " + SLACK + "\"}]}");
    lines.add("{\"id\":\"leak-3\",\"meta\":{\"" + STRIPE + "\":\"a key used as a key\"}}");
    lines.add("not json at all, but it holds " + OPENAI + " anyway");
    StringBuilder big = new StringBuilder("{\"id\":\"leak-5\",\"t\":\"hf " + HF + " ");
    while (big.length() < 1024 - 20) {
      big.append("padding ");
    }
    big.append(TAIL).append(" more text after the cut\"}");
    lines.add(big.toString());
    lines.add("{\"id\":\"leak-6\",\"t\":\"-----BEGIN RSA PRIVATE KEY-----\\n" + PEM_BODY
        + "\\n-----END RSA PRIVATE KEY-----\"}");
    lines.add("{\"id\":\"leak-7\",\"cfg\":\"password = \\\"" + PASSWORD.replace("\\", "\\\\")
        + "\\\"\"}");
    lines.add("{\"id\":\"leak-8\",\"url\":\"postgres://admin:" + DB_PASSWORD
        + "@db.example.com:5432/app\"}");
    lines.add("{\"id\":\"leak-9\",\"t\":\"api_key: '" + API_KEY + "'\"}");
    lines.add("{\"id\":\"leak-10\",\"auth\":\"Authorization: Bearer " + JWT + "\"}");
    lines.add("{\"id\":\"leak-11\",\"t\":\"key " + ESCAPED_AS_WRITTEN + " and no closing brace\"");
    lines.add("{\"id\":\"leak-12\",\"t\":\"access key [" + BRACKETED + "] was denied\"}");
    lines.add("{\"id\":\"leak-13\",\"db\":{\"user\":\"app\",\"password\":\"" + MEMBER_PASSWORD
        + "\"}}");
    Files.writeString(in, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    Path spec = dir.resolve("leaky.yaml");
    Files.writeString(spec, "input:\n  paths: [" + in + "]\n  max_record_bytes: 1024\n");
    return spec;
  }
}
