/**
 * Pipeline specs ({@code pipelines/*.yaml}) and runner configs ({@code runner-configs/*.yaml}):
 * typed, immutable records with defaults, loaded strictly (an unknown key, a wrong type or a bad
 * value fails with the key's name, the file and the line).
 *
 * <p>Pure Java on Jackson YAML; never imports Beam.
 */
package io.provenir.config;
