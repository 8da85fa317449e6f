/**
 * The {@code provenir} command (picocli): {@code run} and the options shared by every subcommand.
 * Output goes through picocli's writers so that tests can capture it; exit codes are those of
 * {@link io.provenir.pipeline.ExitCodes}.
 *
 * <p>Depends on {@code pipeline} and the core; nothing depends on it.
 */
package io.provenir.cli;
