package io.provenir.transforms;

import java.io.Serializable;
import java.util.List;

/**
 * One eval set of a run: JSONL files of items, or a directory made by {@code provenir embed}.
 *
 * @param name the benchmark name
 * @param files the JSONL files (empty when {@code embeddingSet} is given)
 * @param embeddingSet resource id of an embedding set directory (ending with a separator), or null
 * @param field the item text's field or pointer, null for the default
 * @param idField the item id's field
 */
public record EvalSource(String name, List<InputFile> files, String embeddingSet, String field,
    String idField) implements Serializable {

  public EvalSource {
    files = List.copyOf(files);
  }
}
