package dev.privacyagent.agent.dispatch;

import dev.privacyagent.analyzer.event.DialFailed;
import dev.privacyagent.analyzer.event.DialStarted;
import java.util.List;

/**
 * Dial attempts and failures. Each {@code Transport#dial} is one attempt (one address) and reports
 * its own failure, thrown or through its future. {@code Network#connect} adds what no transport
 * sees: a connect that fails before any dial (a /p2p id that does not match, no transport for the
 * address). A connect served by an existing connection dials nothing and reports nothing.
 */
final class DialTracker {
  private final Registry registry;
  private final Emitter out;
  private final Failures failures;

  /** Per thread: [0] connect nesting depth, [1] dials made inside the current connect. */
  private final ThreadLocal<long[]> context = ThreadLocal.withInitial(() -> new long[2]);

  /** The peer id the current connect on this thread aims at, as text (never the PeerId). */
  private final ThreadLocal<String> targetPeer = new ThreadLocal<>();

  DialTracker(Registry registry, Emitter out, Failures failures) {
    this.registry = registry;
    this.out = out;
    this.failures = failures;
  }

  long connectEnter(Object peerId) {
    long[] c = context.get();
    if (c[0]++ == 0) {
      c[1] = 0;
      targetPeer.set(Facts.peerId(peerId));
    }
    return c[1];
  }

  void connectExit(
      Object network, Object peerId, Object[] addrs, Object future, Throwable thrown, long token) {
    long[] c = context.get();
    boolean dialedInside = c[1] != token;
    if (--c[0] <= 0) {
      c[0] = 0;
      targetPeer.remove();
    }
    if (dialedInside) {
      return;
    }
    Throwable failure = thrown != null ? thrown : Futures.failedNow(future);
    if (failure == null) {
      return;
    }
    String node = registry.networks.get(network);
    String peer = Facts.peerId(peerId);
    List<String> as = Facts.addrs(addrs);
    node = node != null ? node : Registry.UNKNOWN_NODE;
    out.emit(new DialStarted(out.seq(), out.nanos(), out.wall(), node, peer, as));
    failed(node, peer, as.isEmpty() ? null : as.get(0), failure);
  }

  void dialExit(Object transport, Object addr, Object future, Throwable thrown) {
    long[] c = context.get();
    c[1]++;
    String node = nodeOf(transport);
    String a = Facts.addr(addr);
    String peer = targetPeer.get();
    if (peer == null && addr != null) {
      peer = Facts.peerId(Reflect.callOrNull(addr, "getPeerId"));
    }
    out.emit(new DialStarted(out.seq(), out.nanos(), out.wall(), node, peer, a == null ? List.of() : List.of(a)));
    if (thrown != null) {
      failed(node, peer, a, thrown);
      return;
    }
    String p = peer;
    Futures.onComplete(
        future,
        (v, t) -> {
          if (t != null) {
            failed(node, p, a, t);
          }
        },
        failures);
  }

  private void failed(String node, String peer, String addr, Throwable t) {
    out.emit(
        new DialFailed(
            out.seq(),
            out.nanos(),
            out.wall(),
            node,
            peer,
            addr,
            t.getClass().getName(),
            Facts.failure(t)));
  }

  private String nodeOf(Object transport) {
    TransportState ts = registry.transports.get(transport);
    return ts == null ? Registry.UNKNOWN_NODE : ts.node;
  }
}
