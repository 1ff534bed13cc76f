package dev.privacyagent.bench;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * An in-memory Netty channel that reports loopback TCP addresses, so that the test host turns them
 * into {@code /ip4/127.0.0.1/tcp/N} multiaddrs exactly as it does for a real socket. Writes land
 * in the outbound queue, where a benchmark reads (and releases) them.
 */
final class LoopbackChannel extends EmbeddedChannel {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private final InetSocketAddress local;
  private final InetSocketAddress remote;
  private final boolean discardOutbound;

  LoopbackChannel(int remotePort) {
    this(remotePort, false);
  }

  /**
   * @param discardOutbound release every write at once instead of queueing it (a benchmark that
   *     writes on many channels and reads none back)
   */
  LoopbackChannel(int remotePort, boolean discardOutbound) {
    this.local = new InetSocketAddress(LOOPBACK, 4001);
    this.remote = new InetSocketAddress(LOOPBACK, remotePort);
    this.discardOutbound = discardOutbound;
  }

  @Override
  protected void handleOutboundMessage(Object msg) {
    if (discardOutbound) {
      ReferenceCountUtil.release(msg);
    } else {
      super.handleOutboundMessage(msg);
    }
  }

  @Override
  protected SocketAddress localAddress0() {
    return isActive() ? local : null;
  }

  @Override
  protected SocketAddress remoteAddress0() {
    return isActive() ? remote : null;
  }
}
