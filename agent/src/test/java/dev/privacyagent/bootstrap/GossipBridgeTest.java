package dev.privacyagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

@Isolated
class GossipBridgeTest {
  @AfterEach
  void release() {
    GossipBridge.mute();
  }

  /** Records what reaches the sink; throws after recording when asked. */
  static final class Recording implements GossipBridge.Sink {
    final List<String> calls = new ArrayList<>();
    boolean fail;

    private void call(String s) {
      calls.add(s);
      if (fail) {
        throw new IllegalStateException("boom");
      }
    }

    @Override public void routerCreated(Object router) { call("router"); }
    @Override public void gossipCreated(Object gossip, Object router) { call("gossip"); }
    @Override public void channelInit(Object gossip, Object channel, String protocolId) { call("init " + protocolId); }
    @Override public void subscription(Object router, String topic, boolean subscribe) { call("sub " + topic); }
    @Override public Object inbound(Object router, Object peerHandler, Object rpc) {
      call("in");
      return "state of " + router;
    }

    @Override public void inboundDone(Object router, Object state) { call("in done " + state); }

    @Override
    public boolean outbound(Object router, Object peerHandler, Object rpc) {
      call("out");
      return "idontwant".equals(rpc);
    }

    @Override
    public void published(Object router, Object message, Object future, Object[] recipients, int peers,
        int idontwants) {
      List<Object> listed = new ArrayList<>();
      for (int i = 0; i < Math.min(peers, recipients.length); i++) {
        listed.add(recipients[i]);
      }
      call("published " + message + " to " + peers + " " + listed + " idontwant " + idontwants);
    }

    @Override public void publishCalled(Object router, Object message, Object future) { call("publish call"); }
  }

  @Test
  void aPublishCountsTheSubmitsAndIdontwantsInsideBroadcastOnlyAndReportsOnce() {
    Recording r = new Recording();
    GossipBridge.install(r);
    GossipBridge.submitted("forwarded"); // outside a publish: not counted
    int outer = GossipBridge.publishEnter();
    int inner = GossipBridge.publishEnter(); // a subclass override calling super
    GossipBridge.outbound(null, "a", "idontwant");
    GossipBridge.submitted("a");
    GossipBridge.submitted("b");
    GossipBridge.publishExit(null, "m", null, null, inner);
    GossipBridge.submitted("c");
    GossipBridge.publishExit(null, "m", null, null, outer);
    assertThat(r.calls).containsExactly("out", "published m to 3 [a, b, c] idontwant 1");
    // the next publish starts from zero
    GossipBridge.publishExit(null, "n", null, null, GossipBridge.publishEnter());
    assertThat(r.calls).last().isEqualTo("published n to 0 [] idontwant 0");
  }

  @Test
  void publishesOnTwoThreadsAtOnceCountTheirOwnRecipients() throws Exception {
    Recording r = new Recording();
    GossipBridge.install(r);
    for (int round = 0; round < 2; round++) { // whichever thread published first in this JVM
      int depth = GossipBridge.publishEnter();
      GossipBridge.submitted("a");
      Thread other = new Thread(() -> {
        int d = GossipBridge.publishEnter();
        GossipBridge.submitted("x");
        GossipBridge.submitted("y");
        GossipBridge.publishExit(null, "theirs", null, null, d);
      });
      other.start();
      other.join();
      GossipBridge.submitted("b");
      GossipBridge.publishExit(null, "ours", null, null, depth);
    }
    assertThat(r.calls).containsExactly(
        "published theirs to 2 [x, y] idontwant 0", "published ours to 2 [a, b] idontwant 0",
        "published theirs to 2 [x, y] idontwant 0", "published ours to 2 [a, b] idontwant 0");
  }

  @Test
  void recipientsBeyondTheListAreCountedNotListed() {
    Recording r = new Recording();
    GossipBridge.install(r);
    int depth = GossipBridge.publishEnter();
    for (int i = 0; i < 100; i++) {
      GossipBridge.submitted("p" + i);
    }
    GossipBridge.publishExit(null, "m", null, null, depth);
    assertThat(r.calls).singleElement().asString().contains("to 100 ").contains("p63]");
  }

  @Test
  void aThrowingSinkNeverReachesTheRouterAndIsCounted() {
    Recording r = new Recording();
    r.fail = true;
    GossipBridge.install(r);
    long before = GossipBridge.bridgeFailures();
    assertThatCode(() -> {
      GossipBridge.routerCreated(new Object());
      GossipBridge.gossipCreated(new Object(), new Object());
      GossipBridge.channelInit(null, null, "/meshsub/1.2.0");
      GossipBridge.subscription(null, "t", true);
      GossipBridge.inbound(null, null, null);
      GossipBridge.inboundDone(null, null);
      GossipBridge.outbound(null, null, null);
      GossipBridge.publishExit(null, "m", null, null, GossipBridge.publishEnter());
      GossipBridge.publishCalled(null, null, null);
    }).doesNotThrowAnyException();
    assertThat(GossipBridge.bridgeFailures() - before).isEqualTo(9);
  }

  @Test
  void idleBridgeDoesNothing() {
    assertThatCode(() -> {
      assertThat(GossipBridge.inbound(new Object(), null, null)).isNull();
      GossipBridge.inboundDone(new Object(), null);
      GossipBridge.publishExit(null, null, null, null, GossipBridge.publishEnter());
    }).doesNotThrowAnyException();
  }

  @Test
  void theStateAnInboundRpcReturnsReachesItsExit() {
    Recording r = new Recording();
    GossipBridge.install(r);
    Object state = GossipBridge.inbound("router-1", null, null);
    GossipBridge.inboundDone("router-1", state);
    assertThat(r.calls).containsExactly("in", "in done state of router-1");
    r.fail = true;
    assertThat(GossipBridge.inbound("router-2", null, null)).isNull(); // a failing sink hands back nothing
  }
}
