package dev.privacyagent.agent.dispatch;

import dev.privacyagent.analyzer.event.ListenStarted;
import dev.privacyagent.analyzer.event.ListenStopped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Listen addresses. The requested address may end in {@code /tcp/0}, so the agent reports what
 * {@code Transport#listenAddresses()} says once the listen future completes, and a stop as the
 * difference after unlisten or close ({@code Host.stop()} closes without unlisten).
 *
 * <p>{@code listenAddresses()} is the app's own code and may take a lock (Netty reads the bound
 * address under the socket's state lock; IsolationIT saw a boss thread wait there on {@code main}),
 * so it is read on the agent's worker, never on the event loop that completes the future.
 */
final class ListenTracker {
  private final Registry registry;
  private final Emitter out;
  private final Failures failures;
  private final Executor onAgent;

  ListenTracker(Registry registry, Emitter out, Failures failures, Executor onAgent) {
    this.registry = registry;
    this.out = out;
    this.failures = failures;
    this.onAgent = onAgent;
  }

  void listenExit(Object transport, Object addr, Object future, Throwable thrown) {
    if (thrown != null) {
      return;
    }
    TransportState ts = registry.transport(transport);
    java.lang.ref.WeakReference<Object> ref = new java.lang.ref.WeakReference<>(transport);
    Futures.onComplete(
        future,
        (v, t) -> {
          if (t == null) {
            onAgent.execute(
                () -> {
                  Object tr = ref.get();
                  if (tr != null) {
                    reportBound(tr, ts);
                  }
                });
          }
        },
        failures);
  }

  /** Emits ListenStarted for every bound address of {@code transport} not reported yet. */
  void reportBound(Object transport, TransportState ts) {
    for (String a : Facts.addrList(Reflect.callOrNull(transport, "listenAddresses"))) {
      if (ts.listening.add(a)) {
        out.emit(new ListenStarted(out.seq(), out.nanos(), out.wall(), ts.node, a));
      }
    }
  }

  void unlistenExit(Object transport, Object addr, Object future, Throwable thrown) {
    if (thrown != null) {
      return;
    }
    TransportState ts = registry.transports.get(transport);
    if (ts == null) {
      return;
    }
    java.lang.ref.WeakReference<Object> ref = new java.lang.ref.WeakReference<>(transport);
    String requested = Facts.addr(addr);
    Futures.onComplete(
        future,
        (v, t) ->
            onAgent.execute(
                () -> {
                  Object tr = ref.get();
                  Set<String> still =
                      tr == null
                          ? Set.of()
                          : new HashSet<>(Facts.addrList(Reflect.callOrNull(tr, "listenAddresses")));
                  for (String a : List.copyOf(ts.listening)) {
                    if ((!still.contains(a) || a.equals(requested)) && ts.listening.remove(a)) {
                      out.emit(new ListenStopped(out.seq(), out.nanos(), out.wall(), ts.node, a));
                    }
                  }
                }),
        failures);
  }

  void closed(Object transport, Object future) {
    TransportState ts = registry.transports.get(transport);
    if (ts == null) {
      return;
    }
    Futures.onComplete(
        future,
        (v, t) -> {
          for (String a : List.copyOf(ts.listening)) {
            if (ts.listening.remove(a)) {
              out.emit(new ListenStopped(out.seq(), out.nanos(), out.wall(), ts.node, a));
            }
          }
        },
        failures);
  }
}
