package dev.privacyagent.analyzer.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.privacyagent.analyzer.collect.MetadataCollector;
import dev.privacyagent.analyzer.detect.AnalyzerConfig;
import dev.privacyagent.analyzer.detect.PrivacyAnalyzer;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.proof.MockProofSystem;
import dev.privacyagent.analyzer.render.JsonRenderer;
import dev.privacyagent.analyzer.simulate.Scenario;
import dev.privacyagent.analyzer.simulate.TrafficSimulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The whole offline pipeline, not just the events: a large simulated input (several nodes, gossip
 * included) read by the parallel reader gives the same report, to the last digit, as the
 * sequential reader.
 */
class ParallelReadReportTest {

  @Test
  void parallelAndSequentialReadingGiveTheSameReport() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (EventWriter w = new EventWriter(bytes)) {
      for (String scenario : new String[] {"all", "gossip"}) {
        for (Event e : new TrafficSimulator(11, 20).generate(Scenario.parse(scenario))) {
          w.write(e);
        }
      }
    }
    byte[] input = bytes.toByteArray();
    assertThat(input.length).isGreaterThan(10_000_000);

    MetadataCollector sequential = new MetadataCollector();
    long seqEvents;
    try (EventReader r = new EventReader(new ByteArrayInputStream(input), "in", false)) {
      seqEvents = r.copyTo(sequential::ingest);
      sequential.recordInput(r.stats());
    }
    MetadataCollector parallel = new MetadataCollector();
    long parEvents = 0;
    try (ParsePool pool = new ParsePool(2);
        ParallelEventReader r = new ParallelEventReader(new ByteArrayInputStream(input), "in", false, pool, true,
            256 << 10)) {
      for (Event e = r.next(); e != null; e = r.next()) {
        parallel.ingestDecoded(e); // as analyze does
        parEvents++;
      }
      parallel.recordInput(r.stats());
    }
    assertThat(parEvents).isEqualTo(seqEvents).isGreaterThan(40_000);
    JsonNode expected = report(sequential);
    assertThat(expected.path("localNodes").size()).isGreaterThan(1);
    JsonNode got = report(parallel);
    java.util.List<String> diffs = new java.util.ArrayList<>();
    diff("", expected, got, diffs);
    assertThat(diffs).as("where the reports differ").isEmpty();
    assertThat(got).isEqualTo(expected);
  }

  /** The paths (at most 20) where two JSON trees differ, to say what differs instead of printing both. */
  private static void diff(String path, JsonNode a, JsonNode b, java.util.List<String> out) {
    if (out.size() >= 20 || a.equals(b)) {
      return;
    }
    if (a.isObject() && b.isObject()) {
      java.util.Set<String> names = new java.util.TreeSet<>();
      a.fieldNames().forEachRemaining(names::add);
      b.fieldNames().forEachRemaining(names::add);
      for (String n : names) {
        diff(path + "." + n, a.path(n), b.path(n), out);
      }
    } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
      for (int i = 0; i < a.size(); i++) {
        diff(path + "[" + i + "]", a.get(i), b.get(i), out);
      }
    } else {
      out.add(path + ": " + abbreviate(a) + " vs " + abbreviate(b));
    }
  }

  private static String abbreviate(JsonNode n) {
    String s = n.toString();
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  /** The JSON report, without the time it was made and what commits to it (all that differs between two runs). */
  private static JsonNode report(MetadataCollector c) throws IOException {
    PrivacyAnalyzer analyzer =
        new PrivacyAnalyzer(AnalyzerConfig.defaults(), null, new MockProofSystem(new Random(5)));
    StringWriter out = new StringWriter();
    new JsonRenderer().render(analyzer.analyze(c.nodeSnapshots()), out);
    JsonNode tree = JsonRenderer.mapper().readTree(out.toString());
    removeGeneratedAt(tree);
    return tree;
  }

  private static void removeGeneratedAt(JsonNode n) {
    if (n instanceof ObjectNode o) {
      o.remove("generatedAt");
      o.remove("commitmentHex"); // commits to the report time as well
    }
    n.forEach(ParallelReadReportTest::removeGeneratedAt);
  }
}
