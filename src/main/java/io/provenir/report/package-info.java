/**
 * Run accounting and the run report: {@link io.provenir.report.Tally} (mergeable counts of every
 * outcome, kept per bundle and combined once), {@link io.provenir.report.RunInfo} and
 * {@link io.provenir.report.RunReport}, which renders {@code report.json} and proves that every input
 * line is accounted for.
 *
 * <p>Pure Java on Jackson; never imports Beam.
 */
package io.provenir.report;
