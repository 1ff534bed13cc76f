package dev.privacyagent.server;

import dev.privacyagent.analyzer.collect.MetadataCollector;
import dev.privacyagent.analyzer.detect.PrivacyAnalyzer;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.server.source.ReportSources;
import java.util.List;

/**
 * Serves the synthetic traffic of {@link Traffic} through the real analyzer, for trying the
 * page and the API by hand: {@code DemoServer [port] [seconds] [token]}. Stops by itself.
 */
public final class DemoServer {
  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    long seconds = args.length > 1 ? Long.parseLong(args[1]) : 60;
    String token = args.length > 2 ? args[2] : null;
    List<Event> events = AnalyzerIntegrationTest.traffic(System.currentTimeMillis() - 120_000, 12)
        .events();
    MetadataCollector collector = new MetadataCollector();
    events.forEach(collector::ingest);
    try (ReportServer s = ReportServer.start(ServerConfig.of("127.0.0.1", port, token),
        ReportSources.offline(collector.snapshot(), new PrivacyAnalyzer().analyze(
            collector.snapshot()), events))) {
      System.out.println("demo at " + s.url() + " for " + seconds + " s");
      Thread.sleep(seconds * 1000);
    }
  }
}
