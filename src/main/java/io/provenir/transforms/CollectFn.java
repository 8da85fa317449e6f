package io.provenir.transforms;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.transforms.Combine;

/**
 * A combine that gathers every element into one list and makes its output from the whole list
 * (for small collections only: the eval items, the names of temporary files).
 */
abstract class CollectFn<T, OutputT> extends Combine.CombineFn<T, List<T>, OutputT> {

  private final Coder<T> elementCoder;

  CollectFn(Coder<T> elementCoder) {
    this.elementCoder = elementCoder;
  }

  @Override
  public final List<T> createAccumulator() {
    return new ArrayList<>();
  }

  @Override
  public final List<T> addInput(List<T> acc, T element) {
    acc.add(element);
    return acc;
  }

  @Override
  public final List<T> mergeAccumulators(Iterable<List<T>> accs) {
    List<T> all = new ArrayList<>();
    accs.forEach(all::addAll);
    return all;
  }

  @Override
  public final Coder<List<T>> getAccumulatorCoder(CoderRegistry registry, Coder<T> inputCoder) {
    return ListCoder.of(elementCoder);
  }
}
