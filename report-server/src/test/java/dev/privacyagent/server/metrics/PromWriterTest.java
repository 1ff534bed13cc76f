package dev.privacyagent.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PromWriterTest {
  @Test
  void escapesLabelValuesAndHelp() {
    String text = new PromWriter()
        .family("x_total", "counter", "a \\ help\nline")
        .sample("x_total", 3, "protocol", "/a\"b\\c\nd")
        .toString();
    assertThat(text).isEqualTo("# HELP x_total a \\\\ help\\nline\n# TYPE x_total counter\n"
        + "x_total{protocol=\"/a\\\"b\\\\c\\nd\"} 3\n");
  }

  @Test
  void formatsNumbers() {
    assertThat(PromWriter.format(3)).isEqualTo("3");
    assertThat(PromWriter.format(0.25)).isEqualTo("0.25");
    assertThat(PromWriter.format(Double.NaN)).isEqualTo("NaN");
    assertThat(PromWriter.format(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(Double.parseDouble(PromWriter.format(1.795613706865E9))).isEqualTo(1.795613706865E9);
  }

  @Test
  void rejectsBadNamesAndSanitizesKeys() {
    assertThatThrownBy(() -> new PromWriter().sample("bad-name", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PromWriter().sample("ok", 1, "bad-label", "v"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(PromWriter.sanitize("effectiveAnonymitySet")).isEqualTo("effective_anonymity_set");
    assertThat(PromWriter.sanitize("9lives-x")).isEqualTo("_9lives_x");
  }
}
