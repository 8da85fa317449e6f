package io.provenir.transforms;

import io.provenir.report.Tally;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.TupleTag;

/** Emits a bundle's tally from {@code @FinishBundle}, when it counted anything. */
final class Tallies {

  private Tallies() {}

  static void emit(DoFn<?, ?>.FinishBundleContext c, TupleTag<Tally> tag, Tally tally) {
    if (tally != null && !tally.isEmpty()) {
      c.output(tag, tally, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
    }
  }
}
