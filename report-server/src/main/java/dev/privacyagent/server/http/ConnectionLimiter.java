package dev.privacyagent.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Caps open connections. It sits first in the pipeline. When the cap is reached, a new connection
 * takes the slot of the connection that has waited longest for a request (idle keep-alive, or a
 * socket that never sent a complete request head), so idle sockets cannot lock clients out. Only
 * when every connection is busy answering a request is the newcomer refused, with a fixed 503
 * written straight to the socket before any byte of it is parsed.
 */
@Sharable
public final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
  private final byte[] busy;
  private final int max;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicLong evicted = new AtomicLong();
  private final Set<ConnectionSlot> slots = ConcurrentHashMap.newKeySet();

  public ConnectionLimiter(int max, SecurityHeaders headers) {
    this.max = max;
    this.busy = encodedBusy(headers);
  }

  /** The 503 with the documented error body and the security headers, encoded once. */
  private static byte[] encodedBusy(SecurityHeaders headers) {
    FullHttpResponse r =
        Responses.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "too many connections");
    r.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
    r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    headers.stamp(r.headers());
    EmbeddedChannel encoder = new EmbeddedChannel(new HttpResponseEncoder());
    encoder.writeOutbound(r);
    ByteBuf all = Unpooled.buffer();
    for (ByteBuf b; (b = encoder.readOutbound()) != null; ) {
      all.writeBytes(b);
      b.release();
    }
    encoder.finishAndReleaseAll();
    byte[] bytes = ByteBufUtil.getBytes(all);
    all.release();
    return bytes;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    if (open.incrementAndGet() > max && !evictIdlest()) {
      open.decrementAndGet();
      refused.incrementAndGet();
      ctx.channel().attr(Attrs.REFUSED).set(Boolean.TRUE);
      ctx.writeAndFlush(Unpooled.wrappedBuffer(busy)).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ConnectionSlot slot = new ConnectionSlot(ctx.channel());
    slots.add(slot);
    ctx.channel().attr(Attrs.SLOT).set(slot);
    ctx.fireChannelActive();
  }

  /** Closes the connection idle the longest and gives its slot to the caller. */
  private boolean evictIdlest() {
    // Bounded by the cap (64 by default), and only run when the cap is reached.
    for (int attempt = 0; attempt < 4; attempt++) {
      ConnectionSlot oldest = null;
      for (ConnectionSlot s : slots) {
        if (s.isIdle() && (oldest == null || s.idleSince() - oldest.idleSince() < 0)) {
          oldest = s;
        }
      }
      if (oldest == null) {
        return false;
      }
      if (oldest.release()) {
        slots.remove(oldest);
        open.decrementAndGet();
        evicted.incrementAndGet();
        oldest.channel.close();
        return true;
      }
    }
    return false;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (Boolean.TRUE.equals(ctx.channel().attr(Attrs.REFUSED).get())) {
      io.netty.util.ReferenceCountUtil.release(msg);
      return;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (Boolean.TRUE.equals(ctx.channel().attr(Attrs.REFUSED).get())) {
      return;
    }
    ConnectionSlot slot = ctx.channel().attr(Attrs.SLOT).get();
    if (slot != null && slot.release()) {
      slots.remove(slot);
      open.decrementAndGet();
    }
    ctx.fireChannelInactive();
  }

  public int open() {
    return open.get();
  }

  public int refused() {
    return refused.get();
  }

  /** Idle connections closed to make room for a new one. */
  public long evicted() {
    return evicted.get();
  }
}
