package dev.privacyagent.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;

/**
 * One check on a complete request: it either lets the request through unchanged or answers it.
 * Each concern (decoding, method, host, origin, token) is one subclass.
 */
abstract class RequestFilter extends ChannelInboundHandlerAdapter {

  /** Returns the rejection to send, or null to pass the request on. */
  protected abstract FullHttpResponse check(ChannelHandlerContext ctx, FullHttpRequest req);

  /** Whether the connection is closed after a rejection (true for broken framing). */
  protected boolean closeAfterRejection() {
    return false;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest req)) {
      ctx.fireChannelRead(msg);
      return;
    }
    FullHttpResponse rejection;
    try {
      rejection = check(ctx, req);
    } catch (RuntimeException e) {
      req.release();
      throw e;
    }
    if (rejection == null) {
      ctx.fireChannelRead(req);
      return;
    }
    try {
      if (closeAfterRejection()) {
        Responses.sendAndClose(ctx, rejection);
      } else {
        Responses.send(ctx, req, rejection);
      }
    } finally {
      req.release();
    }
  }
}
