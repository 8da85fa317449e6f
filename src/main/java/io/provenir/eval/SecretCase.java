package io.provenir.eval;

import java.util.List;

/**
 * One record-level secret case.
 *
 * @param id where it came from
 * @param texts the record's texts (one for a labelled case, every text field for a corpus record)
 * @param secret whether the record holds a secret
 * @param family the rule family the case was written for (e.g. {@code slack-bot-token})
 * @param decoys per text, spans that look like secrets but are not
 */
public record SecretCase(String id, List<String> texts, boolean secret, String family,
    List<List<GoldSpan>> decoys) {}
