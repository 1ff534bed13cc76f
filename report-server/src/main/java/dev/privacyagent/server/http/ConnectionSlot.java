package dev.privacyagent.server.http;

import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One admitted connection as the {@link ConnectionLimiter} sees it: whether it is waiting for a
 * request (and since when), which makes it the first to go when a new client needs its slot.
 */
final class ConnectionSlot {
  private static final long BUSY = Long.MAX_VALUE;
  final Channel channel;
  /** {@code System.nanoTime()} when the connection became idle, or {@link #BUSY}. */
  private volatile long idleSince;
  private final AtomicBoolean released = new AtomicBoolean();

  ConnectionSlot(Channel channel) {
    this.channel = channel;
    this.idleSince = System.nanoTime();
  }

  /** The connection waits for a (complete) request head. */
  void idle() {
    idleSince = System.nanoTime();
  }

  /** The connection has a request being answered (or a stream open). */
  void busy() {
    idleSince = BUSY;
  }

  boolean isIdle() {
    return idleSince != BUSY;
  }

  long idleSince() {
    return idleSince;
  }

  /** True exactly once: whoever gets true gives the slot back (eviction or close). */
  boolean release() {
    return released.compareAndSet(false, true);
  }
}
