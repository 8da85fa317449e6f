/**
 * Planning, assembling and running a governance run: {@link io.provenir.pipeline.RunPlanner} turns a
 * spec, a runner config and command-line overrides into a checked {@link io.provenir.pipeline.RunPlan}
 * (inputs matched, output directory free, Beam options parsed);
 * {@link io.provenir.pipeline.GovernancePipeline} builds the Beam pipeline from it, step by step;
 * {@link io.provenir.pipeline.RunLauncher} runs it and reads the report back.
 *
 * <p>Depends on {@code transforms} and the core; never on {@code cli}.
 */
package io.provenir.pipeline;
