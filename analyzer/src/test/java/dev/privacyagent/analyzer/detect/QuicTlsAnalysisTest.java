package dev.privacyagent.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.analyzer.collect.MetadataCollector;
import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.event.ConnectionOpened;
import dev.privacyagent.analyzer.event.Direction;
import dev.privacyagent.analyzer.event.HostCreated;
import dev.privacyagent.analyzer.event.IdentifyReceived;
import dev.privacyagent.analyzer.event.IdentifySent;
import dev.privacyagent.analyzer.render.ConsoleRenderer;
import dev.privacyagent.analyzer.render.HtmlRenderer;
import dev.privacyagent.analyzer.render.JsonRenderer;
import dev.privacyagent.analyzer.report.Category;
import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.Report;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A node on TLS over TCP and on QUIC, as the agent records it: the whole analysis sees those
 * connections as encrypted, and the wildcard a QUIC dial socket binds (the dialer's local address)
 * is neither a leak nor an address of the node.
 */
class QuicTlsAnalysisTest {
  static final String NODE = "12D3KooWQuicNodeQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ";
  static final String[] WILDCARDS = {
    "/ip6/::/udp/40123/quic-v1", "/ip4/0.0.0.0/udp/40124/quic-v1",
    "/ip6/0:0:0:0:0:0:0:0/udp/40125/quic", "/ip4/0.0.0.0/udp/40126/quic-v1"};
  private long seq;

  Report analyze() {
    MetadataCollector c = new MetadataCollector();
    c.ingest(new HostCreated(seq++, 0, 1000, NODE, NODE));
    open(c, "tls", "/ip4/10.0.0.5/tcp/51000", "/ip4/203.0.113.10/tcp/4001", Direction.OUTBOUND, "tcp",
        "/tls/1.0.0", "/yamux/1.0.0");
    open(c, "v1-out", WILDCARDS[0], "/ip6/2001:db8::10/udp/4001/quic-v1", Direction.OUTBOUND, "quic-v1",
        "/tls/1.0.0", null);
    open(c, "v1-out4", WILDCARDS[1], "/ip4/203.0.113.11/udp/4001/quic-v1", Direction.OUTBOUND, "quic-v1",
        "/tls/1.0.0", null);
    open(c, "d29-out", WILDCARDS[2], "/ip4/203.0.113.12/udp/4001/quic", Direction.OUTBOUND, "quic",
        "/tls/1.0.0", null);
    // a recording from before the agent named QUIC's security
    open(c, "legacy", WILDCARDS[3], "/ip4/203.0.113.13/udp/4001/quic-v1", Direction.OUTBOUND, "quic",
        null, null);
    open(c, "v1-in", "/ip4/198.51.100.1/udp/4001/quic-v1", "/ip4/203.0.113.14/udp/53211/quic-v1",
        Direction.INBOUND, "quic-v1", "/tls/1.0.0", null);
    c.ingest(new IdentifySent(seq++, seq * 1000, 3000, NODE, "v1-in", "12D3KooWPeer5", "jvm-libp2p/1.3.5",
        "ipfs/0.1.0", List.of("/ip4/198.51.100.1/udp/4001/quic-v1"), "/ip4/203.0.113.14/udp/53211/quic-v1",
        List.of("/ipfs/id/1.0.0", "/ipfs/ping/1.0.0")));
    c.ingest(new IdentifyReceived(seq++, seq * 1000, 3000, NODE, "v1-out4", "12D3KooWPeer2", "jvm-libp2p/1.3.5",
        "ipfs/0.1.0", List.of("/ip4/203.0.113.11/udp/4001/quic-v1"), "/ip4/198.51.100.1/udp/40124/quic-v1",
        List.of("/ipfs/id/1.0.0")));
    Snapshot s = c.snapshot();
    return new PrivacyAnalyzer().analyze(s);
  }

  private void open(MetadataCollector c, String id, String local, String remote, Direction dir, String transport,
      String security, String muxer) {
    c.ingest(new ConnectionOpened(seq++, seq * 1000, 2000 + seq, NODE, id, NODE, "12D3KooWPeer" + seq, local,
        remote, dir, transport, security, muxer, false));
  }

  @Test
  void tlsAndQuicAreEncryptedAndTheDialWildcardIsNoLeakNorANodeAddress() throws Exception {
    Report r = analyze();
    assertThat(r.findings(Category.TRANSPORT_SECURITY)).as("TLS and QUIC are encrypted").isEmpty();
    assertThat(r.findings(Category.ADDRESS_LEAKAGE)).extracting(Finding::id)
        .as("only the public observed address, never the dial wildcard")
        .containsOnly("address.observed-public");
    String json = new JsonRenderer().render(r);
    StringBuilder html = new StringBuilder();
    new HtmlRenderer().render(r, html);
    StringBuilder console = new StringBuilder();
    new ConsoleRenderer().render(r, console);
    for (String w : WILDCARDS) {
      String port = w.split("/")[4];
      assertThat(json).as("JSON").doesNotContain(port);
      assertThat(html.toString()).as("HTML").doesNotContain(port);
      assertThat(console.toString()).as("console").doesNotContain(port);
    }
    for (Finding f : r.findings()) {
      assertThat(f.summary()).doesNotContain("0.0.0.0").doesNotContain("/ip6/::/");
    }
  }
}
