package io.provenir.config;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.List;

/**
 * Finds where a key sits in YAML text, for error messages: Jackson's YAML locations point past the
 * offending key, so the line of a nested key is found by walking the key path through the text's
 * indentation.
 */
final class YamlLines {

  private YamlLines() {}

  /** The 1-based line of the key at {@code path}, or -1 when it cannot be found. */
  static int lineOf(String yaml, List<JsonMappingException.Reference> path) {
    String[] lines = yaml.split("\n", -1);
    int from = 0;
    int indent = -1;
    int found = -1;
    for (JsonMappingException.Reference r : path) {
      String key = r.getFieldName();
      if (key == null) {
        continue; // list index: stay at the list's key
      }
      found = -1;
      for (int i = from; i < lines.length; i++) {
        String line = lines[i];
        int ind = 0;
        while (ind < line.length() && line.charAt(ind) == ' ') {
          ind++;
        }
        String rest = line.substring(ind);
        if (rest.startsWith("- ")) {
          rest = rest.substring(2);
          ind += 2;
        }
        if (ind > indent && rest.startsWith(key) && rest.substring(key.length()).trim()
            .startsWith(":")) {
          found = i;
          indent = ind;
          from = i + 1;
          break;
        }
      }
      if (found < 0) {
        return -1;
      }
    }
    return found + 1;
  }

  /** The scalar after the colon on a 1-based line, without comment or quotes; may be empty. */
  static String valueAt(String yaml, int line) {
    String[] lines = yaml.split("\n", -1);
    String l = lines[line - 1];
    int colon = l.indexOf(':');
    if (colon < 0) {
      return "";
    }
    String v = l.substring(colon + 1);
    int hash = v.indexOf(" #");
    if (hash >= 0) {
      v = v.substring(0, hash);
    }
    v = v.trim();
    if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"")
        || v.startsWith("'") && v.endsWith("'"))) {
      v = v.substring(1, v.length() - 1);
    }
    return v.length() > 60 ? v.substring(0, 60) + "..." : v;
  }
}
