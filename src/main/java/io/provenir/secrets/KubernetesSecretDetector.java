package io.provenir.secrets;

import io.provenir.scan.BaseDetector;
import io.provenir.scan.Category;
import io.provenir.scan.Detection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values under {@code data:} in a Kubernetes manifest of {@code kind: Secret}: base64 strings of
 * at least 12 characters, on the key's line or in a block scalar ({@code |}, {@code >}) below it.
 * Other kinds ({@code ExternalSecret}, {@code SopsSecret}), templated and empty values are not
 * secrets.
 */
public final class KubernetesSecretDetector extends BaseDetector {

  /** Its matches span lines and can be longer than a segment's context. */
  @Override
  public boolean needsWholeText() {
    return true;
  }


  private static final Pattern KIND_SECRET =
      Pattern.compile("(?im)^\\s*kind:\\s*[\"']?secret[\"']?\\s*$");
  private static final Pattern DATA = Pattern.compile("(?m)^([ \\t]*)(?:data|stringData):\\s*$");
  private static final Pattern ENTRY = Pattern.compile(
      "^([ \\t]+)[\"']?[A-Za-z0-9._-]{1,253}[\"']?:[ \\t]*(?:([|>][-+]?)|[\"']?([A-Za-z0-9+/]"
          + "{12,}={0,2})[\"']?)[ \\t]*$");
  private static final Pattern BASE64_LINE = Pattern.compile("^[ \\t]+([A-Za-z0-9+/]{12,}={0,2})"
      + "[ \\t]*$");

  public KubernetesSecretDetector() {
    super("KUBERNETES_SECRET", Category.SECRET, "kubernetes-secret-yaml", 70,
        List.of("kind", "data:"));
  }

  @Override
  public boolean mayMatch(String text) {
    return text.contains("kind") && text.contains("data:") && KIND_SECRET.matcher(text).find();
  }

  @Override
  public void find(String text, List<Detection> out) {
    Matcher d = DATA.matcher(text);
    while (d.find()) {
      int indent = d.group(1).replace("\t", "    ").length();
      int pos = d.end() + 1;
      boolean block = false;
      while (pos < text.length()) {
        int eol = text.indexOf('\n', pos);
        if (eol < 0) {
          eol = text.length();
        }
        String line = text.substring(pos, eol);
        int lineIndent = indentOf(line);
        if (!line.isBlank() && lineIndent <= indent) {
          break; // the data: section ended
        }
        Matcher m = block ? BASE64_LINE.matcher(line) : ENTRY.matcher(line);
        if (m.find()) {
          if (block) {
            out.add(detection(pos + m.start(1), pos + m.end(1)));
            block = false;
          } else if (m.group(2) != null) {
            block = true;
          } else if (m.group(3) != null) {
            out.add(detection(pos + m.start(3), pos + m.end(3)));
          }
        } else {
          block = false;
        }
        pos = eol + 1;
      }
    }
  }

  private static int indentOf(String line) {
    int n = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == ' ') {
        n++;
      } else if (c == '\t') {
        n += 4;
      } else {
        break;
      }
    }
    return n;
  }
}
