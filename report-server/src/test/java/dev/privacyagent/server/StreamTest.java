package dev.privacyagent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Server-Sent Events: the current report at once, then each new version as it appears. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StreamTest {

  /** Reads chunks until one complete SSE event (blank-line terminated) is buffered. */
  static String nextEvent(RawHttp c, StringBuilder buf) throws Exception {
    while (true) {
      int end = buf.indexOf("\n\n");
      while (end >= 0) {
        String event = buf.substring(0, end);
        buf.delete(0, end + 2);
        if (event.contains("event: report")) {
          return event;
        }
        end = buf.indexOf("\n\n");
      }
      String chunk = c.chunk();
      if (chunk == null) {
        throw new AssertionError("stream closed");
      }
      buf.append(chunk);
    }
  }

  static JsonNode data(String event) throws Exception {
    String line = event.lines().filter(l -> l.startsWith("data: ")).findFirst().orElseThrow();
    return Fixtures.MAPPER.readTree(line.substring(6));
  }

  @Test
  void streamsCurrentReportThenUpdates() throws Exception {
    TestSource source = new TestSource(Fixtures.view(1));
    try (ReportServer s = ReportServer.start(ServerConfig.of("127.0.0.1", 0, null), source);
        RawHttp c = new RawHttp(s.port())) {
      c.send(RawHttp.get(s.port(), "/api/stream", "Accept: text/event-stream"));
      RawHttp.Response head = c.read();
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("content-type")).startsWith("text/event-stream");
      assertThat(head.header("content-security-policy")).isNotNull();
      StringBuilder buf = new StringBuilder();
      String first = nextEvent(c, buf);
      assertThat(first).contains("id: 1");
      assertThat(data(first).get("version").asLong()).isEqualTo(1);

      source.publish(Fixtures.view(2, System.currentTimeMillis(), 0.91, List.of(), 5));
      String second = nextEvent(c, buf);
      JsonNode j = data(second);
      assertThat(j.get("version").asLong()).isEqualTo(2);
      assertThat(j.get("riskScore").asDouble()).isEqualTo(0.91);
      assertThat(j.at("/peers/total").asInt()).isEqualTo(8);
      assertThat(j.get("riskTrend")).hasSizeGreaterThanOrEqualTo(2);
      assertThat(s.sseSubscribers()).isEqualTo(1);
    }
  }
}
