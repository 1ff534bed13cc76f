package dev.privacyagent.analyzer.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.privacyagent.analyzer.detect.AnalyzerConfig;
import dev.privacyagent.analyzer.detect.PrivacyAnalyzer;
import dev.privacyagent.analyzer.detect.SnapshotBuilder;
import dev.privacyagent.analyzer.event.Direction;
import dev.privacyagent.analyzer.proof.MockProofSystem;
import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.Report;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RendererTest {
  static final String XSS = "<img src=x onerror=alert(1)>";

  /** A report whose peer-controlled strings are hostile, and with several findings. */
  static Report hostileReport() {
    SnapshotBuilder b = SnapshotBuilder.create();
    for (int i = 0; i < 10; i++) {
      b.peer("p" + i).agent(i == 0 ? XSS : "lighthouse/v4\u001b[31m")
          .protocols("/ipfs/id/1.0.0", i == 0 ? "/\"><script>alert(2)</script>" : "/meshsub/1.1.0")
          .ip("203.0.113." + (i + 1)).streams(i == 0 ? 100 : 3)
          .listenAddrs("/ip4/10.0.0." + i + "/tcp/4001");
      b.connection("c" + i, "p" + i, "/ip4/203.0.113." + (i + 1) + "/tcp/1", Direction.OUTBOUND,
          i == 0 ? "/plaintext/2.0.0" : "/noise", SnapshotBuilder.T0, 0);
      b.streamAt("c" + i, i * 10.0, i == 0 ? "/\"><script>alert(2)</script>" : "/meshsub/1.1.0");
    }
    b.protocolCount("/\"><script>alert(2)</script>", 5).protocolCount("/meshsub/1.1.0", 9);
    b.disclosed(XSS, List.of("/ipfs/id/1.0.0"), List.of("/ip4/192.168.0.9/tcp/4001"));
    b.note("note with <b>markup</b>");
    return new PrivacyAnalyzer(AnalyzerConfig.defaults(), null, new MockProofSystem(new Random(1))).analyze(b.build());
  }

  @Test
  void consoleHasHeaderRiskFindingsPeersCountersAndMockLabel() {
    Report r = hostileReport();
    String text = new ConsoleRenderer().render(r);
    assertThat(text).startsWith("libp2p privacy report");
    assertThat(text).contains(String.format(java.util.Locale.ROOT, "RISK SCORE %.2f", r.riskScore()));
    for (Finding f : r.findings()) {
      assertThat(text).contains(f.id()).contains("[" + f.severity() + "]");
    }
    assertThat(text).contains("PEERS").contains("COLLECTOR").contains("MOCK: no cryptographic guarantee");
    assertThat(text).doesNotContain("\u001b").contains("\\u001b[31m");
    assertThat(text.indexOf("[CRITICAL]")).isLessThan(text.indexOf("[MEDIUM]"));
  }

  @Test
  void jsonParsesBackToAnEqualReportWithStableFieldNames() throws Exception {
    Report r = hostileReport();
    String json = new JsonRenderer().render(r);
    JsonNode tree = JsonRenderer.mapper().readTree(json);
    assertThat(tree.fieldNames()).toIterable().contains(
        "schemaVersion", "generatedAt", "window", "localNodes", "riskScore", "riskFormula", "findings",
        "severityCounts", "totals", "anonymity", "peers", "protocols", "counters", "droppedTotal", "proofs",
        "proofNotice", "notes");
    JsonNode finding = tree.get("findings").get(0);
    assertThat(finding.fieldNames()).toIterable().containsExactly(
        "id", "category", "severity", "confidence", "summary", "evidence", "recommendation");
    assertThat(tree.get("proofNotice").asText()).isEqualTo("MOCK: no cryptographic guarantee");
    assertThat(tree.get("proofs").get(0).get("notice").asText()).isEqualTo("MOCK: no cryptographic guarantee");
    assertThat(json).doesNotContain("<img").doesNotContain("<script");
    assertThat(JsonRenderer.parse(json)).isEqualTo(r);
    assertThat(JsonRenderer.parse(new JsonRenderer(false).render(r))).isEqualTo(r);
  }

  @Test
  void malformedJsonIsAnError() {
    assertThatThrownBy(() -> JsonRenderer.parse("{\"riskScore\": 2}")).isInstanceOf(Exception.class);
    assertThatThrownBy(() -> JsonRenderer.parse("not json")).isInstanceOf(java.io.IOException.class);
  }

  @Test
  void htmlIsSelfContainedAndEscapesEveryPeerString() {
    Report r = hostileReport();
    String html = new HtmlRenderer().render(r);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("</html>").contains("<svg").contains("<style>");
    assertThat(html).contains("&lt;img src=x onerror=alert(1)&gt;");
    assertThat(html).doesNotContain("<img").doesNotContain("<script").doesNotContain("<b>markup");
    assertThat(html).contains("&quot;&gt;&lt;script&gt;");
    assertThat(Pattern.compile("(?i)(src|href|action|xmlns)\\s*=\\s*[\"']?\\s*(https?:|//)").matcher(html).find()).isFalse();
    assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("@import").doesNotContain("url(");
    assertThat(html).contains("MOCK: no cryptographic guarantee");
    assertThat(html).contains("<details><summary>Evidence</summary>");
    for (Finding f : r.findings()) {
      assertThat(html).contains(Html.escape(f.summary()));
    }
    assertThat(html).doesNotContain("\u001b");
  }

  @Test
  void htmlTagsAreBalanced() {
    String html = new HtmlRenderer().render(hostileReport());
    for (String tag : List.of("html", "head", "body", "section", "article", "details", "table", "svg", "tr", "td", "th", "ul", "li", "dl", "p", "h2", "h3", "code")) {
      int open = count(html, Pattern.compile("<" + tag + "[\\s>]"));
      int close = count(html, Pattern.compile("</" + tag + ">"));
      assertThat(close).as("</%s> count", tag).isEqualTo(open);
    }
  }

  @Test
  void htmlEscapeCoversTextAndAttributeContexts() {
    assertThat(Html.escape("<a href='x' title=\"y\">&`")).isEqualTo("&lt;a href=&#39;x&#39; title=&quot;y&quot;&gt;&amp;&#96;");
    assertThat(Html.escape("a\u0000b")).isEqualTo("a\uFFFDb");
    assertThat(Html.escape(null)).isEmpty();
  }

  @Test
  void emptyReportRendersInEveryFormat() throws Exception {
    Report empty = new PrivacyAnalyzer().analyze(SnapshotBuilder.create().build());
    assertThat(new ConsoleRenderer().render(empty)).contains("none: no detector crossed its threshold");
    assertThat(new HtmlRenderer().render(empty)).contains("No detector crossed its threshold").contains("</html>");
    assertThat(JsonRenderer.parse(new JsonRenderer().render(empty))).isEqualTo(empty);
  }

  @Test
  void htmlOpensWithAVerdictNamingTheMostUrgentFinding() {
    Report r = hostileReport();
    String html = new HtmlRenderer().render(r);
    int verdict = html.indexOf("<p class=\"verdict\">");
    assertThat(verdict).isPositive().isLessThan(html.indexOf("<section"));
    assertThat(html.substring(verdict, html.indexOf("</p>", verdict))).contains("1 critical").contains(Html.escape(r.findings().get(0).summary()));
  }

  @Test
  void formatsAreChosenByName() {
    assertThat(ReportRenderer.forFormat("html")).isInstanceOf(HtmlRenderer.class);
    assertThat(ReportRenderer.forFormat("json").contentType()).startsWith("application/json");
    assertThatThrownBy(() -> ReportRenderer.forFormat("pdf")).hasMessageContaining("unknown format 'pdf'");
  }

  private static int count(String s, Pattern p) {
    var m = p.matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
