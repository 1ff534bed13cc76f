package dev.privacyagent.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps open connections. It sits first in the pipeline, so an excess connection is answered with
 * a fixed 503 written straight to the socket and closed before any byte of it is parsed.
 */
@Sharable
public final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
  private final byte[] busy;
  private final int max;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();

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
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      refused.incrementAndGet();
      ctx.channel().config().setAutoRead(false);
      ctx.writeAndFlush(Unpooled.wrappedBuffer(busy)).addListener(ChannelFutureListener.CLOSE);
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
