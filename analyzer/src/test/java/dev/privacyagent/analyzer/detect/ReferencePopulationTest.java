package dev.privacyagent.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ReferencePopulationTest {
  @Test
  void bundledCrawlLoadsWithItsSource() {
    ReferencePopulation r = ReferencePopulation.ethereumConsensus2023();
    assertThat(r.share("Lighthouse/v4.5.0-441fc16/x86_64-linux")).isCloseTo(0.3866, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(r.share("prysm/v4.1.1")).isCloseTo(0.284, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(r.lists("prysm/v4.1.1")).isTrue();
    assertThat(r.share("grandine/0.4")).isCloseTo(0.048, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(r.lists("grandine/0.4")).isFalse();
    assertThat(r.source()).anySatisfy(line -> assertThat(line).contains("Nebula"));
  }

  @Test
  void badFilesNameTheLine() {
    assertThatThrownBy(() -> ReferencePopulation.parse("f.csv", new StringReader("agent,share_percent\na,50\nb,x\n")))
        .hasMessage("f.csv:3: not a number: x");
    assertThatThrownBy(() -> ReferencePopulation.parse("f.csv", new StringReader("name,pct\n")))
        .hasMessageContaining("f.csv:1: expected header");
    assertThatThrownBy(() -> ReferencePopulation.parse("f.csv", new StringReader("agent,share_percent\na,50\n")))
        .hasMessageContaining("sum to 50.0%");
    assertThatThrownBy(() -> ReferencePopulation.parse("f.csv", new StringReader("agent,share_percent\na,50\nA,50\n")))
        .hasMessageContaining("f.csv:3: duplicate agent a");
  }
}
