package io.provenir.decontam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.Test;

public class EvalIndexTest {

  private static final String Q = "Janet's ducks lay 16 eggs per day. She eats three for breakfast"
      + " every morning and bakes muffins for her friends every day with four.";

  private static EvalEntry item(String benchmark, String id, String text) {
    return new EvalEntry(benchmark, id, text, null);
  }

  @Test
  public void wordsAreLowerCasedRunsOfLettersAndDigitsWithTheirOffsets() {
    String t = "İstanbul's 3.5-GHz CPU—fast!";
    Ngrams.Words w = Ngrams.words(t);
    List<String> spans = new ArrayList<>();
    for (int i = 0; i < w.size(); i++) {
      spans.add(t.substring(w.starts()[i], w.ends()[i]));
    }
    assertThat(spans, contains("İstanbul", "s", "3", "5", "GHz", "CPU", "fast"));
    assertThat(Ngrams.wordHashes("GHZ cpu"), equalTo(Ngrams.wordHashes("ghz, CPU!")));
  }

  @Test
  public void anItemIsFoundWhateverTheCaseAndPunctuationButTwelveWordsAreNotEnough() {
    EvalIndex index = EvalIndex.build(List.of(item("g", "q1", Q)), 13, null, List.of());
    String copied = "Intro text. " + Q.toUpperCase().replace(".", " !") + " Outro.";
    List<EvalIndex.NgramHit> hits = index.ngramHits(Ngrams.wordHashes(copied));
    assertThat(hits.size(), is(1));
    assertThat(hits.get(0).matches(), is(index.itemNgrams(0)));
    assertThat(index.itemNgrams(0), is(Ngrams.wordHashes(Q).length - 12));
    String twelve = "janet s ducks lay 16 eggs per day she eats three for";
    assertThat(index.ngramHits(Ngrams.wordHashes("x " + twelve + " y")), is(empty()));
    assertThat(index.ngramHits(Ngrams.wordHashes(twelve + " breakfast")).size(), is(1));
  }

  @Test
  public void anNgramSharedByManyItemsHitsEachOfThem() {
    List<EvalEntry> items = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      items.add(item("g", "s" + i, "Unique start " + i + " then " + Q + " and tail " + (i * 7)));
    }
    EvalIndex index = EvalIndex.build(items, 13, null, List.of());
    int inQ = Ngrams.wordHashes(Q).length - 12;
    List<EvalIndex.NgramHit> hits = index.ngramHits(Ngrams.wordHashes(Q));
    assertThat(hits.size(), is(300));
    for (EvalIndex.NgramHit h : hits) {
      assertThat(h.matches(), is(inQ));
    }
    // "then" + Q's first 12 words is in every item; the three before it only in s17's.
    for (EvalIndex.NgramHit h : index.ngramHits(Ngrams.wordHashes("unique start 17 then " + Q))) {
      assertThat(h.matches(), is(index.itemId(h.item()).equals("s17") ? inQ + 4 : inQ + 1));
    }
  }

  @Test
  public void shortItemsMustAppearWholeAndTinyOnesAreNotChecked() {
    EvalIndex index = EvalIndex.build(List.of(item("g", "short", "What is the capital of Peru?"),
        item("g", "tiny", "Add 2 and 3.")), 13, null, List.of());
    assertThat(index.itemNgrams(0), is(1)); // one n-gram: the whole item
    assertThat(index.itemNgrams(1), is(0)); // 4 words < MIN_NGRAM
    assertThat(index.ngramHits(Ngrams.wordHashes("so what is the capital of peru then")).size(),
        is(1));
    assertThat(index.ngramHits(Ngrams.wordHashes("what is the capital of France")), is(empty()));
    assertThat(index.ngramHits(Ngrams.wordHashes("please add 2 and 3")), is(empty()));
  }

  @Test
  public void buildIsOrderIndependentAndRejectsRepeatedIds() {
    List<EvalEntry> items = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      items.add(item(i % 2 == 0 ? "a" : "b", "id-" + i, Q + " Variant number " + i + "."));
    }
    EvalIndex one = EvalIndex.build(items, 13, null, List.of("empty"));
    Collections.shuffle(items, new Random(3));
    EvalIndex two = EvalIndex.build(items, 13, null, List.of("empty"));
    for (int i = 0; i < one.items(); i++) {
      assertThat(two.itemId(i), is(one.itemId(i)));
    }
    assertThat(one.benchmarkSizes(), equalTo(Map.of("a", 15, "b", 15, "empty", 0)));
    assertThat(one.benchmarks(), contains("a", "b", "empty"));
    items.add(item("a", "id-0", "again"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EvalIndex.build(items, 13, null, List.of()));
    assertThat(e.getMessage(), containsString("eval set 'a' has two items with id 'id-0'"));
  }

  @Test
  public void blockedScoringAgreesWithPlainDotProducts() {
    blockedScoringAgreesWithPlainDotProducts(48);
    blockedScoringAgreesWithPlainDotProducts(45); // an odd size: the last dimension on its own
  }

  private void blockedScoringAgreesWithPlainDotProducts(int dim) {
    Random r = new Random(11);
    List<EvalEntry> items = new ArrayList<>();
    List<float[]> rows = new ArrayList<>();
    List<Integer> rowItem = new ArrayList<>();
    for (int i = 0; i < 300; i++) { // 300 items, 1-3 windows each: several blocks, one partial
      int windows = 1 + r.nextInt(3);
      float[][] v = new float[windows][];
      for (int w = 0; w < windows; w++) {
        v[w] = unit(r, dim);
        rows.add(v[w]);
        rowItem.add(i);
      }
      items.add(new EvalEntry("b", String.format("i%03d", i), "item " + i, v));
    }
    EvalIndex index = EvalIndex.build(items, 13, "test-model", List.of());
    assertThat(index.rows(), is(rows.size()));
    float[][] queries = new float[7][];
    for (int q = 0; q < queries.length; q++) {
      queries[q] = q == 0 ? rows.get(5) : unit(r, dim);
    }
    int[] best = new int[queries.length];
    float[] bestScore = new float[queries.length];
    List<Map<Integer, Float>> over = new ArrayList<>();
    for (int q = 0; q < queries.length; q++) {
      over.add(new HashMap<>());
    }
    double threshold = 0.2;
    index.scoreAll(queries, threshold, best, bestScore, (q, item, s) -> over.get(q).put(item, s));
    for (int q = 0; q < queries.length; q++) {
      Map<Integer, Float> expected = new HashMap<>();
      double top = -2;
      int topItem = -1;
      for (int k = 0; k < rows.size(); k++) {
        double d = 0;
        for (int j = 0; j < dim; j++) {
          d += queries[q][j] * rows.get(k)[j];
        }
        if (d > top) {
          top = d;
          topItem = rowItem.get(k);
        }
        if (d >= threshold) {
          expected.merge(rowItem.get(k), (float) d, Math::max);
        }
      }
      assertThat(best[q], is(topItem));
      assertThat((double) bestScore[q], closeTo(top, 1e-5));
      assertThat(over.get(q).keySet(), equalTo(expected.keySet()));
      for (Map.Entry<Integer, Float> e : expected.entrySet()) {
        assertThat((double) over.get(q).get(e.getKey()), closeTo(e.getValue(), 1e-5));
        assertThat((double) index.scoreItem(queries[q], e.getKey()), closeTo(e.getValue(), 1e-5));
        // The blocked join adds the same products in the same order as the plain dot product.
        assertThat(over.get(q).get(e.getKey()), is(index.scoreItem(queries[q], e.getKey())));
      }
    }
    assertThat(best[0], is(rowItem.get(5)));
    assertThat(over.get(0), hasEntry(rowItem.get(5), bestScore[0]));
  }

  private static float[] unit(Random r, int dim) {
    float[] v = new float[dim];
    double n = 0;
    for (int i = 0; i < dim; i++) {
      v[i] = (float) r.nextGaussian();
      n += v[i] * v[i];
    }
    for (int i = 0; i < dim; i++) {
      v[i] /= (float) Math.sqrt(n);
    }
    return v;
  }
}
