package io.provenir.secrets;

import io.provenir.scan.BaseDetector;
import io.provenir.scan.Category;
import io.provenir.scan.Detection;
import java.util.List;

/**
 * Private key blocks: PEM ({@code -----BEGIN RSA PRIVATE KEY-----}, {@code EC}, {@code DSA},
 * {@code ENCRYPTED}, plain), OpenSSH and PGP ({@code -----BEGIN PGP PRIVATE KEY BLOCK-----}), from
 * the header to the matching {@code -----END ...-----} line, or to the end of the string when the
 * block is cut off. Scanned with {@code indexOf}, in linear time.
 */
public final class PrivateKeyDetector extends BaseDetector {

  /** Its matches span lines and can be longer than a segment's context. */
  @Override
  public boolean needsWholeText() {
    return true;
  }


  private static final String BEGIN = "-----BEGIN";
  private static final String END = "-----END";
  private static final String DASHES = "-----";
  private static final int MAX_HEADER = 100;

  public PrivateKeyDetector() {
    super("PRIVATE_KEY", Category.SECRET, "private-key", 95, List.of("-----begin", "private key"));
  }

  @Override
  public boolean mayMatch(String text) {
    return text.contains(BEGIN) && text.contains("PRIVATE KEY");
  }

  @Override
  public void find(String text, List<Detection> out) {
    int i = text.indexOf(BEGIN);
    while (i >= 0) {
      int headerEnd = text.indexOf(DASHES, i + BEGIN.length());
      if (headerEnd < 0) {
        return;
      }
      int next = headerEnd + DASHES.length();
      if (headerEnd - i <= MAX_HEADER && isPrivateKeyLabel(text, i + BEGIN.length(), headerEnd)) {
        int end = text.length();
        int e = text.indexOf(END, next);
        while (e >= 0) {
          int endClose = text.indexOf(DASHES, e + END.length());
          if (endClose < 0 || endClose - e > MAX_HEADER) {
            break;
          }
          if (isPrivateKeyLabel(text, e + END.length(), endClose)) {
            end = endClose + DASHES.length();
            break;
          }
          e = text.indexOf(END, endClose);
        }
        out.add(detection(i, end));
        next = end;
      }
      i = next < text.length() ? text.indexOf(BEGIN, next) : -1;
    }
  }

  /** Whether text[s, e) is a label such as {@code  RSA PRIVATE KEY} or {@code  PGP PRIVATE KEY BLOCK}. */
  private static boolean isPrivateKeyLabel(String text, int s, int e) {
    String label = text.substring(s, e);
    if (!(label.endsWith("PRIVATE KEY") || label.endsWith("PRIVATE KEY BLOCK"))) {
      return false;
    }
    for (int k = 0; k < label.length(); k++) {
      char c = label.charAt(k);
      if (!(c == ' ' || c == '-' || c == '_' || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return true;
  }
}
