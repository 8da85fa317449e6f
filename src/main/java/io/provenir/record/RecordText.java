package io.provenir.record;

import io.provenir.decontam.TextWindows;
import java.util.List;

/**
 * The text of a training record that is compared with the eval sets: its selected string values
 * (every one by default; object keys and numbers never), in document order, separated by
 * {@link TextWindows#FIELD_SEPARATOR} (whitespace that embedding windows never cross).
 */
public final class RecordText {

  private RecordText() {}

  public static String of(List<StringLeaf> leaves, FieldSelector fields) {
    StringBuilder sb = new StringBuilder();
    for (StringLeaf leaf : leaves) {
      if (leaf.inKey() || leaf.number() || !fields.matches(leaf.pointer())) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(TextWindows.FIELD_SEPARATOR);
      }
      sb.append(leaf.text());
    }
    return sb.toString();
  }
}
