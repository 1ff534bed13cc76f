package dev.privacyagent.agent.dispatch.gossip;

import dev.privacyagent.analyzer.event.GossipValidation;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * First copies with a per-message event whose validation result is not known yet, by message id,
 * oldest first. A Valid or Invalid result arrives as a listener callback (synchronously inside
 * {@code onInbound}, or later on the event thread when the application validates asynchronously);
 * an Ignore has no callback and shows only in the router's seen cache, which is read for the
 * copies of the RPC just applied and, every {@link #POLL_NANOS}, for the oldest ones. A copy whose
 * result stays unknown for {@link #TIMEOUT_NANOS}, whose message is gone, or that is evicted by a
 * fuller table goes out as {@code PENDING} and is counted. Event thread only; the messages are held
 * weakly (the seen cache keeps them while it remembers their result).
 */
final class Unresolved {
  static final int CAPACITY = 1024;
  static final long TIMEOUT_NANOS = 60_000_000_000L;
  static final long POLL_NANOS = 50_000_000L;
  private static final int POLL_MAX = 32;

  /** Where a settled copy goes: its delivery and its result. */
  interface Report {
    void settled(RouterState st, Delivery d, GossipValidation result, boolean unknown);
  }

  /** A first copy waiting for its result; everything its event needs, the message only weakly. */
  static final class Delivery {
    final WeakReference<Object> message;
    final String peer;
    final MessageFacts facts;
    final long seq;
    final long nanos;
    final long wall;

    Delivery(Object message, String peer, MessageFacts facts, long seq, long nanos, long wall) {
      this.message = new WeakReference<>(message);
      this.peer = peer;
      this.facts = facts;
      this.seq = seq;
      this.nanos = nanos;
      this.wall = wall;
    }
  }

  private final LinkedHashMap<String, Delivery> byId = new LinkedHashMap<>();
  /** Added while the current RPC is applied: their seen-cache value is read when it is done. */
  private final List<Delivery> fresh = new ArrayList<>();
  private final SeenCacheReader seen = new SeenCacheReader();
  private long lastPoll;

  boolean isEmpty() {
    return byId.isEmpty();
  }

  void add(RouterState st, Delivery d, Report report) {
    byId.put(d.facts.msgId(), d);
    fresh.add(d);
    if (byId.size() > CAPACITY) {
      Iterator<Delivery> it = byId.values().iterator();
      Delivery oldest = it.next();
      it.remove();
      report.settled(st, oldest, GossipValidation.PENDING, true);
    }
  }

  /** The copy of {@code msgId}, removed, or null when it is not waiting. */
  Delivery take(String msgId) {
    return msgId == null || byId.isEmpty() ? null : byId.remove(msgId);
  }

  /** After an RPC of {@code router} was applied, and before the next one: settle what is known. */
  void settle(RouterState st, Object router, long now, Report report) {
    if (byId.isEmpty()) {
      fresh.clear();
      return;
    }
    for (Delivery d : fresh) {
      if (byId.get(d.facts.msgId()) == d && check(st, router, d, now, report)) {
        byId.remove(d.facts.msgId());
      }
    }
    fresh.clear();
    if (now - lastPoll < POLL_NANOS) {
      return;
    }
    lastPoll = now;
    Iterator<Delivery> it = byId.values().iterator();
    for (int i = 0; i < POLL_MAX && it.hasNext(); i++) {
      if (check(st, router, it.next(), now, report)) {
        it.remove();
      }
    }
  }

  /** True when {@code d} is settled (and reported). */
  private boolean check(RouterState st, Object router, Delivery d, long now, Report report) {
    Object m = d.message.get();
    Object v = m == null ? null : seen.valueOf(router, m);
    if (v instanceof Optional<?> o && o.isPresent()) {
      report.settled(st, d, MessageTracker.result(o.get()), false);
      return true;
    }
    if (m == null || now - d.nanos > TIMEOUT_NANOS) {
      report.settled(st, d, GossipValidation.PENDING, true);
      return true;
    }
    return false;
  }
}
