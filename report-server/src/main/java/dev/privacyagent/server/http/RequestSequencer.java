package dev.privacyagent.server.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Back-pressure for one connection (the channel does not read on its own: AUTO_READ is off).
 * Requests are answered one at a time, in order: the next pipelined request is handed on only
 * once the previous response has been written to the socket completely and the channel is
 * writable, and the socket is read again only when no request is waiting. A client that
 * pipelines without reading therefore holds at most one response in the server and stops being
 * read; it cannot grow the server's memory or stall the worker its connection shares with others.
 *
 * <p>A connection that is waiting for a request head gets {@link #HEAD_TIMEOUT_MILLIS} to send
 * one, and meanwhile counts as idle for the {@link ConnectionLimiter}, which may take its slot.
 */
final class RequestSequencer extends ChannelDuplexHandler {
  /** Time for a complete request head, after connecting or after the previous response. */
  static final long HEAD_TIMEOUT_MILLIS = 10_000;
  /**
   * Requests held back at most; one socket read (16 KiB) of the shortest valid requests stays
   * below it, so only a client writing ahead of its own requests' answers can reach it.
   */
  static final int MAX_QUEUED = 1024;

  private final ArrayDeque<Object> queued = new ArrayDeque<>();
  private boolean inFlight;
  private boolean dispatching;
  /** A streamed response (SSE) owns the connection: reads only watch for the client leaving. */
  private boolean streaming;
  private ScheduledFuture<?> headTimeout;

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.fireChannelActive();
    waitForRequest(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (streaming) {
      ReferenceCountUtil.release(msg); // a streaming client has nothing more to ask
      return;
    }
    if (!(msg instanceof HttpRequest)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (queued.size() >= MAX_QUEUED) {
      ReferenceCountUtil.release(msg);
      ctx.close();
      return;
    }
    queued.add(msg);
    dispatch(ctx);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof LastHttpContent) {
      ChannelPromise p = promise.unvoid();
      p.addListener(f -> {
        inFlight = false;
        dispatch(ctx);
      });
      ctx.write(msg, p);
      return;
    }
    ctx.write(msg, promise);
    if (msg instanceof HttpResponse && !streaming) {
      // The head of a response without end: keep reading so that a client that leaves is seen.
      streaming = true;
      ctx.read();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.fireChannelReadComplete();
    if (streaming) {
      ctx.read();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    ctx.fireChannelWritabilityChanged();
    if (ctx.channel().isWritable()) {
      dispatch(ctx);
    }
  }

  /** Hands on the next request if nothing is being answered; reads when nothing is waiting. */
  private void dispatch(ChannelHandlerContext ctx) {
    if (dispatching) {
      return; // a response completed synchronously inside fireChannelRead: the loop goes on
    }
    dispatching = true;
    try {
      while (!inFlight && !queued.isEmpty() && ctx.channel().isWritable()
          && ctx.channel().isActive()) {
        inFlight = true;
        requestArrived(ctx);
        ctx.fireChannelRead(queued.poll());
      }
    } finally {
      dispatching = false;
    }
    if (!inFlight && queued.isEmpty() && ctx.channel().isActive()) {
      waitForRequest(ctx);
    }
  }

  private void requestArrived(ChannelHandlerContext ctx) {
    if (headTimeout != null) {
      headTimeout.cancel(false);
      headTimeout = null;
    }
    ConnectionSlot slot = ctx.channel().attr(Attrs.SLOT).get();
    if (slot != null) {
      slot.busy();
    }
  }

  private void waitForRequest(ChannelHandlerContext ctx) {
    ConnectionSlot slot = ctx.channel().attr(Attrs.SLOT).get();
    if (slot != null) {
      slot.idle();
    }
    if (headTimeout == null) {
      headTimeout = ctx.executor().schedule(() -> {
        headTimeout = null;
        if (!inFlight && queued.isEmpty()) {
          ctx.close();
        }
      }, HEAD_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }
    ctx.read();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (headTimeout != null) {
      headTimeout.cancel(false);
      headTimeout = null;
    }
    for (Object o; (o = queued.poll()) != null; ) {
      ReferenceCountUtil.release(o);
    }
    ctx.fireChannelInactive();
  }
}
