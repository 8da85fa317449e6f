package io.provenir.decontam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.Assert.assertThrows;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;
import org.junit.BeforeClass;
import org.junit.Test;

/** Decontamination with the real model on small inputs. */
public class DecontaminatorTest {

  private static final String Q1 = "Janet's ducks lay 16 eggs per day. She eats three for"
      + " breakfast every morning and bakes muffins for her friends every day with four. She sells"
      + " the remainder at the farmers' market daily for $2 per fresh duck egg. How much in"
      + " dollars does she make every day at the farmers' market?";
  private static final String Q2 = "A robe takes 2 bolts of blue fiber and half that much white"
      + " fiber. How many bolts in total does it take?";
  private static final String FILLER = "The committee met on Tuesday to review the budget for"
      + " the new library wing, and after a long discussion about shelving, lighting and the"
      + " reading room, they agreed to ask the architect for two more options before the next"
      + " meeting in spring, when the city council will also vote on the parking plan";

  private static Embedder model;
  private static EvalIndex index;

  @BeforeClass
  public static void embedEvalSet() {
    model = MiniLmEmbedder.shared();
    List<EvalEntry> items = List.of(new EvalEntry("gsm8k", "q1", Q1, null),
        new EvalEntry("gsm8k", "q2", Q2, null));
    index = EvalIndex.build(EmbeddingSet.embed(items, model, 2), 13, model.modelId(), List.of());
  }

  @Test
  public void vectorsAreUnitLengthDeterministicAndAgreeWithTheReferenceImplementation() {
    float[][] alone = model.embed(List.of(Q2));
    float[][] batch = model.embed(List.of(Q1, Q2, "   "));
    assertThat(alone[0].length, is(384));
    assertThat(batch[1], is(alone[0])); // the same vector whatever it is batched with
    assertThat(dot(batch[2], batch[2]), is(0.0)); // blank: zero vector
    assertThat(dot(alone[0], alone[0]), closeTo(1.0, 1e-5));
    float[] reference = new AllMiniLmL6V2QuantizedEmbeddingModel()
        .embed(TextSegment.from(Q2)).content().vector();
    assertThat(dot(alone[0], reference) / Math.sqrt(dot(reference, reference)),
        greaterThan(0.999));
  }

  @Test
  public void aTextsVectorDoesNotDependOnTheCallsBeforeItOrOnOtherThreads() {
    // The embedder reuses per-thread buffers: a short text after a long one must not see the
    // long one's tokens, and threads must not share them.
    List<String> texts = new java.util.ArrayList<>();
    for (int i = 0; i < 150; i++) {
      texts.add(i % 7 == 0 ? FILLER.repeat(8) // over the model's 256 tokens: cut
          : FILLER.substring(0, 20 + (i * 37) % (FILLER.length() - 20)) + " " + i);
    }
    float[][] forward = model.embed(texts);
    List<String> reversed = new java.util.ArrayList<>(texts);
    java.util.Collections.reverse(reversed);
    float[][] backward = model.embed(reversed);
    float[][] parallel = Embedders.embedParallel(model, texts, 3);
    for (int i = 0; i < texts.size(); i++) {
      assertThat(backward[texts.size() - 1 - i], is(forward[i]));
      assertThat(parallel[i], is(forward[i]));
    }
  }

  @Test
  public void aVerbatimCopyMatchesBothWays() {
    Decontaminator.Verdict v = new Decontaminator(index, model, DecontamMethod.BOTH, 0.78)
        .check("Question: " + Q1 + "\nAnswer: 18");
    assertThat(v.contaminated(), is(true));
    assertThat(v.top().evalId(), is("q1"));
    assertThat(v.top().method(), is("both"));
    assertThat(v.top().score(), greaterThan(0.95));
    assertThat(v.top().ngramMatches(), is(v.top().ngramTotal()));
  }

  @Test
  public void anItemPastedMidParagraphIntoALongDocumentIsStillFoundSemantically() {
    String doc = FILLER + ", and by the way my niece asked me this: " + Q1 + " I told her to try"
        + " it herself. " + FILLER + ". " + FILLER + ".";
    Decontaminator.Verdict v = new Decontaminator(index, model, DecontamMethod.SEMANTIC, 0.9)
        .check(doc);
    assertThat(v.windows(), greaterThan(2));
    assertThat(v.contaminated(), is(true));
    assertThat(v.top().evalId(), is("q1"));
    assertThat(v.top().method(), is("semantic"));
    assertThat(v.top().score(), greaterThanOrEqualTo(0.95));
  }

  @Test
  public void aRewordingIsFoundAtTheCalibratedThresholdButNotByNgrams() {
    String reworded = "Each day Janet's ducks produce 16 eggs; she has three for breakfast and uses"
        + " four to bake muffins for friends. At the market she sells every remaining egg for $2."
        + " How many dollars does she earn per day?";
    Decontaminator.Verdict v = new Decontaminator(index, model, DecontamMethod.BOTH, 0.78)
        .check(reworded);
    assertThat(v.contaminated(), is(true));
    assertThat(v.top().method(), is("semantic"));
    assertThat(v.top().ngramMatches(), is(0));
    assertThat(new Decontaminator(index, model, DecontamMethod.NGRAM, 0.78).check(reworded)
        .contaminated(), is(false));
  }

  @Test
  public void aRewordingInAChatRecordsUserTurnIsFoundAsIfItStoodAlone() throws Exception {
    String reworded = "Each day Janet's ducks produce 16 eggs; she has three for breakfast and uses"
        + " four to bake muffins for friends. At the market she sells every remaining egg for $2."
        + " How many dollars does she earn per day?";
    byte[] chat = ("{\"id\":\"chat-00017\",\"lang\":\"en\",\"messages\":[{\"role\":\"system\","
        + "\"content\":\"You are a helpful, concise assistant for a farm co-operative.\"},"
        + "{\"role\":\"user\",\"content\":\"" + reworded + "\"},{\"role\":\"assistant\","
        + "\"content\":\"Let me work it out step by step and show the arithmetic.\"}]}")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String text = io.provenir.record.RecordText.of(new io.provenir.record.JsonRecordParser("id")
        .parse(chat).leaves(), io.provenir.record.FieldSelector.all().exceptRecordId("/id"));
    Decontaminator d = new Decontaminator(index, model, DecontamMethod.BOTH, 0.78);
    Decontaminator.Verdict alone = d.check(reworded);
    Decontaminator.Verdict inChat = d.check(text);
    assertThat(inChat.contaminated(), is(true));
    assertThat(inChat.bestScore(), closeTo(alone.bestScore(), 1e-4));
    // Embedded as one text with the turns around it, the same rewording falls far below.
    assertThat(d.check(text.replace(TextWindows.FIELD_SEPARATOR, '\n')).bestScore(),
        lessThan(alone.bestScore() - 0.05));
  }

  @Test
  public void aFieldThatRecursAcrossRecordsIsEmbeddedOnceAndScoresTheSame() {
    java.util.concurrent.atomic.AtomicInteger embedded = new java.util.concurrent.atomic
        .AtomicInteger();
    Embedder counting = new Embedder() {
      @Override
      public String modelId() {
        return model.modelId();
      }

      @Override
      public int dimension() {
        return model.dimension();
      }

      @Override
      public float[][] embed(List<String> texts) {
        embedded.addAndGet(texts.size());
        return model.embed(texts);
      }
    };
    char f = TextWindows.FIELD_SEPARATOR;
    String system = "You are a helpful, concise assistant for a farm co-operative.";
    String a = system + f + Q2;
    String b = system + f + "What is the capital of France, and why did it become the capital?";
    Decontaminator d = new Decontaminator(index, counting, DecontamMethod.BOTH, 0.78);
    Decontaminator.Stats stats = new Decontaminator.Stats();
    List<Decontaminator.Verdict> first = d.check(List.of(a, b), stats);
    assertThat(embedded.get(), is(3)); // the system prompt once (within the batch too), two others
    List<Decontaminator.Verdict> again = d.check(List.of(b, a), stats);
    assertThat(embedded.get(), is(3));
    assertThat(stats.windows(), is(8L));
    assertThat(stats.cached(), is(5L));
    assertThat(again.get(1).bestScore(), is(first.get(0).bestScore()));
    assertThat(again.get(1).contaminated(), is(true));
  }

  /**
   * A text holding 30 items of two benchmarks (25 of one): by default the best 20 by score and every
   * n-gram match are kept; the pipeline's checker keeps them all.
   */
  @Test
  public void matchesBeyondTheCapAreKeptWhenTheNgramMethodFoundThemOrWhenAllAreAsked() {
    List<EvalEntry> items = new java.util.ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      String q = "Item " + i + " asks how many marbles remain when " + (i + 3) + " children each"
          + " take " + (i + 2) + " from a jar that held " + (100 + i) + " marbles at noon today.";
      items.add(new EvalEntry(i < 25 ? "a" : "z", "q" + i, q, null));
      text.append(q).append(' ');
    }
    EvalIndex grams = EvalIndex.build(items, 13, null, List.of());
    Decontaminator.Verdict byDefault = new Decontaminator(grams, null, DecontamMethod.NGRAM, 0.9)
        .check(text.toString());
    assertThat(byDefault.matches().size(), is(30));
    EvalIndex both = EvalIndex.build(EmbeddingSet.embed(items, model, 2), 13, model.modelId(),
        List.of());
    Decontaminator.Verdict semantic = new Decontaminator(both, model, DecontamMethod.SEMANTIC,
        -0.99).check(text.toString());
    assertThat(semantic.matches().size(), is(Decontaminator.MAX_MATCHES));
    Decontaminator.Verdict all = new Decontaminator(both, model, DecontamMethod.SEMANTIC, -0.99,
        Integer.MAX_VALUE).check(text.toString());
    assertThat(all.matches().size(), is(30));
    assertThat(all.matches().stream().filter(m -> m.benchmark().equals("z")).count(), is(5L));
  }

  /**
   * Chinese and Japanese have no spaces between words: a copied item in a field beside a system
   * prompt is still a field of its own, and long enough for n-grams (each char a word).
   */
  @Test
  public void aChineseOrJapaneseCopyBesideAnEnglishFieldIsFoundBothWays() {
    String zh = "一件长袍需要2匹蓝色纤维和一半数量的白色纤维。总共需要多少匹？";
    String ja = "ジャネットのアヒルは1日に16個の卵を産みます。彼女は毎朝3個を朝食に食べます。";
    List<EvalEntry> items = List.of(new EvalEntry("zh", "z1", zh, null),
        new EvalEntry("ja", "j1", ja, null));
    EvalIndex cjk = EvalIndex.build(EmbeddingSet.embed(items, model, 2), 13, model.modelId(),
        List.of());
    for (String copy : List.of(zh, ja)) {
      String record = "You are a helpful math tutor." + TextWindows.FIELD_SEPARATOR + copy;
      for (DecontamMethod m : List.of(DecontamMethod.NGRAM, DecontamMethod.SEMANTIC)) {
        Decontaminator.Verdict v = new Decontaminator(cjk, model, m, 0.9).check(record);
        assertThat(m + " " + copy, v.contaminated(), is(true));
      }
    }
    assertThat(TextWindows.words(zh), greaterThan(25)); // each char a word, not one
    assertThat(new Decontaminator(cjk, model, DecontamMethod.NGRAM, 0.9)
        .check("You are a helpful math tutor." + TextWindows.FIELD_SEPARATOR
            + "一件长袍需要三匹红色纤维。").contaminated(), is(false));
  }

  @Test
  public void unrelatedTextIsClean() {
    Decontaminator.Verdict v = new Decontaminator(index, model, DecontamMethod.BOTH, 0.78)
        .check(FILLER + ". Please summarise the minutes.");
    assertThat(v.contaminated(), is(false));
    assertThat(v.bestScore(), lessThan(0.5));
    assertThat(v.bestBenchmark(), is("gsm8k"));
  }

  @Test
  public void ngramOnlyNeedsNoModelAndAMismatchedModelIsRefused() {
    EvalIndex plain = EvalIndex.build(List.of(new EvalEntry("g", "q1", Q1, null)), 13, null,
        List.of());
    Decontaminator.Verdict v = new Decontaminator(plain, null, DecontamMethod.NGRAM, 1.0)
        .check("copied: " + Q1);
    assertThat(v.contaminated(), is(true));
    assertThat(Double.isNaN(v.top().score()), is(true));
    assertThat(v.windows(), is(0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Decontaminator(plain, model, DecontamMethod.SEMANTIC, 0.8));
    assertThat(e.getMessage(), containsString("needs an embedded eval set"));
    EvalIndex other = EvalIndex.build(List.of(new EvalEntry("g", "q1", Q1,
        new float[][] {new float[384]})), 13, "another-model", List.of());
    e = assertThrows(IllegalArgumentException.class,
        () -> new Decontaminator(other, model, DecontamMethod.BOTH, 0.8));
    assertThat(e.getMessage(), containsString("embedded by 'another-model'"));
  }

  private static double dot(float[] a, float[] b) {
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      d += a[i] * b[i];
    }
    return d;
  }
}
