package dev.privacyagent.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.analyzer.collect.MetadataCollector;
import dev.privacyagent.analyzer.collect.NodeSnapshots;
import dev.privacyagent.analyzer.event.ConnectionOpened;
import dev.privacyagent.analyzer.event.Direction;
import dev.privacyagent.analyzer.event.HostCreated;
import dev.privacyagent.analyzer.event.StreamOpened;
import dev.privacyagent.analyzer.proof.MockProofSystem;
import dev.privacyagent.analyzer.render.ConsoleRenderer;
import dev.privacyagent.analyzer.render.JsonRenderer;
import dev.privacyagent.analyzer.report.Category;
import dev.privacyagent.analyzer.report.NodeComparison;
import dev.privacyagent.analyzer.report.NodeSection;
import dev.privacyagent.analyzer.report.Report;
import org.junit.jupiter.api.Test;

/** Two local nodes in one collector: each analysed on its own events, then compared. */
class PerNodeAnalysisTest {
  static final String A = "12D3KooWAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1";
  static final String B = "12D3KooWBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB2";
  private long seq;

  /** A: 20 peers over 20 prefixes, Noise, plus a connection to B. B: 3 peers in one /24, plaintext. */
  static MetadataCollector twoNodes(PerNodeAnalysisTest t) {
    MetadataCollector c = new MetadataCollector();
    c.ingest(new HostCreated(t.seq++, 0, 1000, A, A, "alpha"));
    c.ingest(new HostCreated(t.seq++, 0, 1000, B, B, "beta"));
    for (int i = 0; i < 20; i++) {
      t.conn(c, A, "a" + i, "12D3KooWpeerA" + i, "/ip4/81." + (10 + i) + ".3.4/tcp/4001", "/noise");
    }
    t.conn(c, A, "ab", B, "/ip4/127.0.0.1/tcp/4002", "/noise");
    for (int i = 0; i < 3; i++) {
      t.conn(c, B, "b" + i, "12D3KooWpeerB" + i, "/ip4/93.4.5." + (i + 1) + "/tcp/4001", "/plaintext/2.0.0");
    }
    return c;
  }

  void conn(MetadataCollector c, String node, String conn, String peer, String addr, String security) {
    long wall = 2000 + seq * 10;
    c.ingest(new ConnectionOpened(seq++, wall * 1_000_000, wall, node, conn, node, peer, "/ip4/10.0.0.1/tcp/4001",
        addr, Direction.OUTBOUND, "tcp", security, "/yamux/1.0.0", false));
    for (int s = 0; s < 3; s++) {
      c.ingest(new StreamOpened(seq++, (wall + s) * 1_000_000, wall + s, node, conn + "/s" + s, conn, Direction.OUTBOUND));
    }
  }

  @Test
  void eachNodeGetsItsOwnSectionAndTheComparisonCallsOutTheDifference() throws Exception {
    NodeSnapshots snaps = twoNodes(this).nodeSnapshots();
    assertThat(snaps.nodes()).extracting(n -> n.name()).containsExactly("alpha", "beta");
    assertThat(snaps.nodes().get(0).snapshot().peers()).hasSize(21).containsKey(B);
    assertThat(snaps.nodes().get(1).snapshot().peers()).hasSize(3);
    assertThat(snaps.all().peers()).hasSize(24);

    Report r = new PrivacyAnalyzer(AnalyzerConfig.defaults(), null, new MockProofSystem(new java.util.Random(7))).analyze(snaps);
    assertThat(r.nodes()).extracting(NodeSection::name).containsExactly("alpha", "beta");
    NodeSection alpha = r.node("alpha");
    NodeSection beta = r.node(B);
    assertThat(alpha.localPeers()).containsExactly(B);
    assertThat(beta.localPeers()).isEmpty();
    assertThat(alpha.report().totals().peers()).isEqualTo(21);
    assertThat(beta.report().totals().peers()).isEqualTo(3);
    assertThat(alpha.report().findings(Category.TRANSPORT_SECURITY)).isEmpty();
    assertThat(beta.report().findings(Category.TRANSPORT_SECURITY)).isNotEmpty();
    assertThat(beta.report().riskScore()).isGreaterThan(alpha.report().riskScore());
    assertThat(alpha.report().proofs()).isNotEmpty();

    NodeComparison rowB = r.comparison().get(1);
    assertThat(rowB.name()).isEqualTo("beta");
    assertThat(rowB.plaintextConnections()).isEqualTo(3);
    assertThat(rowB.peers()).isEqualTo(3);
    assertThat(rowB.prefixes()).isEqualTo(1);
    assertThat(rowB.highlights()).anyMatch(h -> h.startsWith("only node with plaintext connections"));
    assertThat(r.comparison().get(0).plaintextConnections()).isZero();
    assertThat(r.comparison().get(0).highlights()).noneMatch(h -> h.contains("plaintext"));

    String console = new ConsoleRenderer().render(r);
    assertThat(console).contains("NODES SIDE BY SIDE", "NODE alpha", "NODE beta", "only node with plaintext");
    assertThat(console.indexOf("NODE alpha")).isLessThan(console.indexOf("NODE beta"));

    String html = new dev.privacyagent.analyzer.render.HtmlRenderer().render(r);
    assertThat(html).contains("Nodes side by side (2)", "id=\"node-0\"", "id=\"node-1\"", "Node beta",
        "only node with plaintext connections");
    String betaRow = html.substring(html.indexOf("<tr data-node=\"" + B + "\""));
    betaRow = betaRow.substring(0, betaRow.indexOf("</tr>"));
    assertThat(betaRow).contains("<td class=\"num diff\">3</td>"); // plaintext: worse than alpha's 0
    String alphaRow = html.substring(html.indexOf("<tr data-node=\"" + A + "\""));
    alphaRow = alphaRow.substring(0, alphaRow.indexOf("</tr>"));
    assertThat(alphaRow).doesNotContain("Plaintext").doesNotContain("only node with plaintext");

    Report back = JsonRenderer.parse(new JsonRenderer().render(r));
    assertThat(back.nodes()).hasSize(2);
    assertThat(back.node("beta").report().riskScore()).isEqualTo(beta.report().riskScore());
    assertThat(back.comparison()).isEqualTo(r.comparison());
  }

  @Test
  void oneNodeIsOneSectionEqualToTheReport() {
    MetadataCollector c = new MetadataCollector();
    for (int i = 0; i < 5; i++) {
      conn(c, A, "a" + i, "12D3KooWpeer" + i, "/ip4/81." + (10 + i) + ".3.4/tcp/4001", "/noise");
    }
    Report r = new PrivacyAnalyzer().analyze(c.nodeSnapshots());
    assertThat(r.nodes()).hasSize(1);
    assertThat(r.nodes().get(0).name()).isEqualTo("12D3..AAAAA1");
    assertThat(r.nodes().get(0).report().findings()).isEqualTo(r.findings());
    assertThat(r.comparison()).hasSize(1);
    assertThat(r.comparison().get(0).highlights()).isEmpty();
    assertThat(new ConsoleRenderer().render(r)).doesNotContain("NODES SIDE BY SIDE");
  }

  @Test
  void onlyNarrowsToOneNodeByIdOrName() {
    NodeSnapshots snaps = twoNodes(this).nodeSnapshots();
    assertThat(snaps.only("beta").all().peers()).hasSize(3);
    assertThat(snaps.only(A).nodes()).hasSize(1);
    assertThat(snaps.only("gamma")).isNull();
    Report r = new PrivacyAnalyzer().analyze(snaps.only("beta"));
    assertThat(r.nodes()).extracting(NodeSection::name).containsExactly("beta");
    assertThat(r.totals().peers()).isEqualTo(3);
  }
}
