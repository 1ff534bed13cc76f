package dev.privacyagent.analyzer.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.analyzer.collect.MetadataCollector;
import dev.privacyagent.analyzer.detect.PrivacyAnalyzer;
import dev.privacyagent.analyzer.event.ConnectionOpened;
import dev.privacyagent.analyzer.event.Direction;
import dev.privacyagent.analyzer.event.IdentifyReceived;
import dev.privacyagent.analyzer.report.Report;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A hostile agentVersion travels event -> collector -> analyzer -> every renderer as text. */
class CollectedEventRenderingTest {
  @Test
  void hostileAgentVersionFromAnIdentifyEventRendersAsText() throws Exception {
    String xss = "<img src=x onerror=alert(1)>";
    long t = 1_700_000_000_000L;
    try (MetadataCollector c = new MetadataCollector()) {
      c.ingest(new ConnectionOpened(1, 1_000, t, "12D3KooWLocal", "c1", "12D3KooWLocal", "12D3KooWEvil",
          "/ip4/127.0.0.1/tcp/4001", "/ip4/203.0.113.7/tcp/4001", Direction.INBOUND, "tcp", "/noise", "/yamux/1.0.0", false));
      c.ingest(new IdentifyReceived(2, 2_000, t + 1, "12D3KooWLocal", "c1", "12D3KooWEvil", xss, "ipfs/0.1.0",
          List.of("/ip4/203.0.113.7/tcp/4001"), "/ip4/198.51.100.1/tcp/4001", List.of("/ipfs/id/1.0.0", "/x/<script>")));
      Report r = new PrivacyAnalyzer().analyze(c.snapshot());

      assertThat(r.peers()).anySatisfy(p -> assertThat(p.agentVersion()).isEqualTo(xss));
      String html = new HtmlRenderer().render(r);
      assertThat(html).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img").doesNotContain("<script");
      assertThat(new JsonRenderer().render(r)).doesNotContain("<img").contains("\\u003Cimg");
      assertThat(new ConsoleRenderer().render(r)).contains(xss);
    }
  }
}
