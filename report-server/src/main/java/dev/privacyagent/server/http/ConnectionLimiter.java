package dev.privacyagent.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps open connections. It sits first in the pipeline, so an excess connection is answered with
 * a fixed 503 written straight to the socket and closed before any byte of it is parsed.
 */
@Sharable
public final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
  private static final byte[] BUSY =
      ("HTTP/1.1 503 Service Unavailable\r\n"
              + "Content-Type: application/json; charset=utf-8\r\n"
              + "Content-Length: 47\r\n"
              + "Retry-After: 1\r\n"
              + "Connection: close\r\n\r\n"
              + "{\"error\":\"too many connections\",\"status\":503}\n")
          .getBytes(StandardCharsets.US_ASCII);

  private final int max;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();

  public ConnectionLimiter(int max) {
    this.max = max;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      refused.incrementAndGet();
      ctx.channel().config().setAutoRead(false);
      ctx.writeAndFlush(Unpooled.wrappedBuffer(BUSY)).addListener(ChannelFutureListener.CLOSE);
      ctx.channel().attr(Attrs.REFUSED).set(Boolean.TRUE);
      return;
    }
    ctx.fireChannelActive();
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
    if (!Boolean.TRUE.equals(ctx.channel().attr(Attrs.REFUSED).get())) {
      open.decrementAndGet();
      ctx.fireChannelInactive();
    }
  }

  public int open() {
    return open.get();
  }

  public int refused() {
    return refused.get();
  }
}
