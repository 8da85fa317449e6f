package io.provenir.decontam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.Test;

public class TextWindowsTest {

  private static List<String> texts(String text, List<TextWindows.Span> spans) {
    return spans.stream().map(s -> text.substring(s.start(), s.end())).toList();
  }

  @Test
  public void sentencesEndAtTerminalPunctuationAndLineBreaksNotInsideNumbers() {
    String t = "  Pi is 3.14 roughly. Is it?\nYes!  Code: x = a.b\n\n(done)";
    assertThat(texts(t, TextWindows.sentences(t, 64)), contains("Pi is 3.14 roughly.",
        "Is it?", "Yes!", "Code: x = a.b", "(done)"));
  }

  @Test
  public void aSentenceLongerThanAWindowIsCutByWords() {
    String t = "w ".repeat(150).trim();
    List<TextWindows.Span> s = TextWindows.sentences(t, 64);
    assertThat(s.stream().map(TextWindows.Span::words).toList(), contains(64, 64, 22));
  }

  @Test
  public void shortTrainingTextIsOneWindowAndEvalItemsGetSubWindowsWhenLong() {
    assertThat(texts(" one two. three ", TextWindows.forTraining(" one two. three ", 10)),
        contains("one two. three"));
    String longItem = "A first sentence of six words. ".repeat(20).trim();
    List<TextWindows.Span> eval = TextWindows.forEval(longItem, 64);
    assertThat(texts(longItem, eval).get(0), is(longItem));
    int words = 0;
    for (TextWindows.Span s : eval.subList(1, eval.size())) {
      assertThat(s.words(), lessThanOrEqualTo(64));
      words += s.words();
    }
    assertThat(words, is(TextWindows.words(longItem))); // the sub-windows partition the item
  }

  @Test
  public void trainingWindowsNeverCrossFieldsAndSkipShortFields() {
    char f = TextWindows.FIELD_SEPARATOR;
    String t = "en" + f + "user" + f + "What is the capital of France?" + f + "assistant" + f
        + "It is Paris. The city is large." + f + "ok then";
    assertThat(texts(t, TextWindows.forTraining(t, 64)),
        contains("What is the capital of France?", "It is Paris. The city is large."));
    // Only short fields: the whole text, as before fields were told apart.
    String s = "Define" + f + "entropy";
    assertThat(texts(s, TextWindows.forTraining(s, 64)), contains(s));
    // A long field is windowed within itself.
    String longField = "Word ".repeat(100).trim();
    for (TextWindows.Span w : TextWindows.forTraining("Short label here" + f + longField, 48)) {
      assertThat(("Short label here" + f + longField)
          .substring(w.start(), w.end()).indexOf(f) < 0, is(true));
      assertThat(w.words(), lessThanOrEqualTo(48));
    }
  }

  @Test
  public void trainingWindowsOverlapAndContainEveryShortRunOfSentences() {
    Random r = new Random(7);
    StringBuilder sb = new StringBuilder();
    List<Integer> starts = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      starts.add(sb.length());
      int n = 3 + r.nextInt(14);
      for (int w = 0; w < n; w++) {
        sb.append("w").append(i).append('_').append(w).append(w == n - 1 ? ". " : " ");
      }
    }
    String text = sb.toString();
    int max = 48;
    List<TextWindows.Span> windows = TextWindows.forTraining(text, max);
    assertThat(windows.size(), greaterThan(1));
    for (int i = 0; i < windows.size(); i++) {
      assertThat(windows.get(i).words(), lessThanOrEqualTo(max));
      if (i > 0) {
        assertThat("windows overlap", windows.get(i).start() < windows.get(i - 1).end(),
            is(true));
      }
    }
    // Any run of whole sentences of at most max/2 words starting at a sentence lies inside a
    // window (a pasted-in item of that size is seen whole).
    List<TextWindows.Span> sentences = TextWindows.sentences(text, max);
    for (int a = 0; a < sentences.size(); a++) {
      int words = 0;
      for (int b = a; b < sentences.size(); b++) {
        words += sentences.get(b).words();
        if (words > max / 2) {
          break;
        }
        int from = sentences.get(a).start();
        int to = sentences.get(b).end();
        boolean inside = windows.stream().anyMatch(w -> w.start() <= from && w.end() >= to);
        assertThat("sentences " + a + ".." + b + " inside a window", inside, is(true));
      }
    }
  }

  /** Chinese and Japanese chars are words each; punctuation after one is part of it, as Ngrams. */
  @Test
  public void chineseAndJapaneseCharsAreWordsAndTheirPunctuationIsNot() {
    assertThat(TextWindows.words("日本、東京。"), is(4));
    assertThat(TextWindows.words("東京Tokyo は 1 番"), is(6));
    assertThat(Ngrams.words("日本、東京。").size(), is(4));
    assertThat(TextWindows.words("hello . world"), is(3));
    String t = "一二三四五六七八九十。" + "一二三四五六七八九十？";
    assertThat(TextWindows.sentences(t, 64).size(), is(2));
    assertThat(TextWindows.sentences(t, 64).get(0).words(), is(10));
  }
}
