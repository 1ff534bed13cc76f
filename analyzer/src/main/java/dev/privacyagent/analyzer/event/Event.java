package dev.privacyagent.analyzer.event;

/**
 * One fact observed on a libp2p node. Every event carries the same header: {@code seq} (monotonic
 * per producer), {@code timeNanos} (a {@link System#nanoTime()} base, comparable only within one
 * node), {@code wallMillis} (epoch milliseconds, comparable across nodes) and {@code node} (the
 * local peer id of the host that saw it, or a label when the host is not known yet).
 *
 * <p>Values are plain strings and numbers so that an event never holds an application object.
 */
public sealed interface Event
    permits HostCreated, ListenStarted, ListenStopped, DialStarted, DialFailed, HandshakeFailed,
        ConnectionOpened, ConnectionClosed, StreamOpened, ProtocolNegotiated, StreamClosed,
        IdentifyReceived, IdentifySent, PingRtt, GossipEvent {

  long seq();

  long timeNanos();

  long wallMillis();

  String node();

  /** The name used for {@code "type"} in the JSON Lines encoding. */
  default String type() {
    return getClass().getSimpleName();
  }
}
