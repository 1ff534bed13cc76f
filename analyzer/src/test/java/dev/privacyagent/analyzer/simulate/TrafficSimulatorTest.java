package dev.privacyagent.analyzer.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.privacyagent.analyzer.codec.EventReader;
import dev.privacyagent.analyzer.codec.EventWriter;
import dev.privacyagent.analyzer.event.*;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TrafficSimulatorTest {

  private static byte[] encode(List<Event> events) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (EventWriter w = new EventWriter(out)) {
      for (Event e : events) {
        w.write(e);
      }
    }
    return out.toByteArray();
  }

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void sameSeedGivesIdenticalOutputAndAnotherSeedDoesNot(Scenario s) throws IOException {
    byte[] a = encode(new TrafficSimulator(7, 40).generate(s));
    byte[] b = encode(new TrafficSimulator(7, 40).generate(s));
    byte[] c = encode(new TrafficSimulator(8, 40).generate(s));
    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
  }

  @ParameterizedTest
  @EnumSource(value = Scenario.class, mode = EnumSource.Mode.EXCLUDE, names = "GOSSIP") // three nodes: GossipScenarioTest
  void eventsAreInternallyConsistent(Scenario s) throws IOException {
    List<Event> events = new TrafficSimulator(3, 50).generate(s);
    assertThat(events).isNotEmpty();
    String node = events.get(0).node();
    assertThat(events.get(0)).isInstanceOf(HostCreated.class);
    Map<String, ConnectionOpened> open = new HashMap<>();
    Set<String> closedConns = new HashSet<>();
    Map<String, String> streamConn = new HashMap<>();
    Set<String> negotiated = new HashSet<>();
    Set<String> identifySentTo = new HashSet<>();
    long lastSeq = 0;
    long lastNanos = Long.MIN_VALUE;
    for (Event e : events) {
      // plain checks: this loop sees ~200k events for ALL, too many for fluent assertions
      check(e.node().equals(node), e, "one node");
      check(e.seq() == lastSeq + 1, e, "seq numbered from 1 without gaps");
      check(e.timeNanos() >= lastNanos, e, "time order");
      lastSeq = e.seq();
      lastNanos = e.timeNanos();
      if (e instanceof ConnectionOpened co) {
        check(!open.containsKey(co.connId()), e, "connection id unique");
        check(co.localPeerId().equals(node), e, "local peer id is the node");
        open.put(co.connId(), co);
      } else if (e instanceof StreamOpened so) {
        check(open.containsKey(so.connId()), e, "stream on an open connection");
        check(!streamConn.containsKey(so.streamId()), e, "stream id unique");
        streamConn.put(so.streamId(), so.connId());
      } else if (e instanceof ProtocolNegotiated pn) {
        check(streamConn.containsKey(pn.streamId()), e, "protocol on an open stream");
        negotiated.add(pn.streamId());
      } else if (e instanceof StreamClosed sc) {
        check(streamConn.containsKey(sc.streamId()), e, "closing an open stream");
        check(negotiated.remove(sc.streamId()), e, "negotiated before closing");
        streamConn.remove(sc.streamId());
      } else if (e instanceof PingRtt pr) {
        check(open.containsKey(pr.connId()), e, "ping on an open connection");
        check(pr.remotePeerId().equals(open.get(pr.connId()).remotePeerId()), e, "ping peer matches connection");
        check(pr.rttNanos() > 0, e, "positive rtt");
      } else if (e instanceof IdentifyReceived ir) {
        check(open.containsKey(ir.connId()), e, "identify on an open connection");
        check(ir.remotePeerId().equals(open.get(ir.connId()).remotePeerId()), e, "identify peer matches connection");
      } else if (e instanceof IdentifySent is) {
        check(open.containsKey(is.connId()), e, "identify sent on an open connection");
        identifySentTo.add(is.connId());
      } else if (e instanceof ConnectionClosed cc) {
        check(open.containsKey(cc.connId()), e, "closing an open connection");
        check(!streamConn.containsValue(cc.connId()), e, "streams closed before their connection");
        open.remove(cc.connId());
        closedConns.add(cc.connId());
      }
    }
    assertThat(identifySentTo).hasSizeGreaterThanOrEqualTo(open.size());
    assertThat(open).as("some connections are still open at the end").isNotEmpty();
  }

  private static void check(boolean ok, Event e, String what) {
    if (!ok) {
      throw new AssertionError(what + " violated by " + e);
    }
  }

  @Test
  void encodedOutputReadsBackStrictly() throws IOException {
    List<Event> events = new TrafficSimulator(5, 20).generate(Scenario.ALL);
    byte[] bytes = encode(events);
    EventReader r = new EventReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)), "sim", false);
    List<Event> back = new ArrayList<>();
    r.copyTo(back::add);
    assertThat(back).isEqualTo(events);
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> new TrafficSimulator(1, 0)).hasMessageContaining("peers must be between 1 and 5000");
    assertThatThrownBy(() -> new TrafficSimulator(1, 5001)).hasMessageContaining("got 5001");
    assertThatThrownBy(() -> Scenario.parse("nope"))
        .hasMessage("unknown scenario 'nope' (expected timing, anonymity, fingerprint, leakage, clean, all, gossip, baseline)");
    assertThat(Scenario.parse(" All ")).isEqualTo(Scenario.ALL);
  }
}
