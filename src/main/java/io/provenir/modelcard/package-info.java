/**
 * Run manifests and Hugging Face model cards, without Beam: {@link
 * io.provenir.modelcard.RunManifest} (from a run's report), {@link
 * io.provenir.modelcard.EvalResults} with {@link io.provenir.modelcard.ConfidenceIntervals}, and
 * {@link io.provenir.modelcard.ModelCardGenerator}, which checks the card's metadata offline as
 * the Hub would and renders it.
 *
 * <p>Pure Java; never imports Beam or the CLI.
 */
package io.provenir.modelcard;
