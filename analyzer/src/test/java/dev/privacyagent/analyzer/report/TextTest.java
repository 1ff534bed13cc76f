package dev.privacyagent.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextTest {
  @Test
  void boundCutsWithAnEllipsisAndKeepsSurrogatePairs() {
    assertThat(Text.bound("abcdef", 4)).isEqualTo("abc\u2026");
    assertThat(Text.bound("abc", 4)).isEqualTo("abc");
    assertThat(Text.bound(null, 4)).isNull();
    String emoji = "ab\uD83D\uDE00cd";
    assertThat(Text.bound(emoji, 4)).isEqualTo("ab\u2026");
    assertThat(Text.bound("x".repeat(10_000)).length()).isEqualTo(Text.MAX);
  }

  @Test
  void printableNeutralisesTerminalControls() {
    assertThat(Text.printable("evil\u001b[2J\u202eabc\n")).isEqualTo("evil\\u001b[2J\\u202eabc\\u000a");
    assertThat(Text.printable("fine/1.0")).isEqualTo("fine/1.0");
  }

  @Test
  void evidenceIsBoundedAndTyped() {
    List<String> items = java.util.stream.IntStream.range(0, 30).mapToObj(i -> "i" + i).toList();
    Map<String, Object> ev = Evidence.of().put("n", 3).put("x", 0.5).put("s", "y".repeat(1000)).list("l", items).build();
    assertThat(ev.get("n")).isEqualTo(3L);
    assertThat((List<?>) ev.get("l")).hasSize(Evidence.MAX_ITEMS);
    assertThat(ev.get("lTotal")).isEqualTo(30L);
    assertThat(((String) ev.get("s")).length()).isEqualTo(Text.MAX);
    assertThat(ev.keySet()).containsExactly("n", "x", "s", "l", "lTotal");
  }
}
