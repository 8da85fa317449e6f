package io.provenir.eval;

import java.util.List;
import java.util.Set;

/**
 * One text with its labels.
 *
 * @param id where the case came from
 * @param group a record id when several cases are texts of one record (decoys are counted per
 *     record), else the case id
 * @param text the text
 * @param entities the labelled values
 * @param checkedTypes the types whose labels are exhaustive here: detections of other types are not
 *     counted
 * @param decoys spans that look like PII but are not (counted per record when flagged)
 * @param phoneRegions the phone regions the case was written for, or null for the default
 */
public record LabelledCase(
    String id,
    String group,
    String text,
    List<GoldSpan> entities,
    Set<String> checkedTypes,
    List<GoldSpan> decoys,
    List<String> phoneRegions) {}
