package io.provenir.pii;

import io.provenir.scan.Detection;
import io.provenir.scan.Detector;
import io.provenir.scan.TextScanner;
import java.util.ArrayList;
import java.util.List;

/** Runs one detector (through a scanner, so overlaps are resolved) and lists the matched texts. */
final class DetectorAssertions {

  private DetectorAssertions() {}

  static List<String> matches(Detector d, String text) {
    List<String> out = new ArrayList<>();
    for (Detection x : new TextScanner(List.of(d)).scan(text)) {
      out.add(text.substring(x.start(), x.end()));
    }
    return out;
  }
}
