package dev.privacyagent.server.http;

import dev.privacyagent.server.ServerConfig;
import dev.privacyagent.server.render.RenderCache;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * The per-connection pipeline, one handler per concern, in the order a request meets them:
 * connection cap, HTTP codec (line and header limits), security headers on the way out, body
 * aggregation (size limit, 413), one request at a time with back-pressure, decode failures,
 * method, Host, Origin, token, routing.
 */
@io.netty.channel.ChannelHandler.Sharable
public final class HttpPipeline extends ChannelInitializer<SocketChannel> {
  static final int MAX_INITIAL_LINE = 4096;
  static final int MAX_HEADER_BYTES = 8192;
  static final int IDLE_SECONDS = 60;

  private final ConnectionLimiter limiter;
  private final SecurityHeaders headers;
  private final int maxRequestBytes;
  private final DecodeFailureFilter decode = new DecodeFailureFilter();
  private final MethodFilter methods = new MethodFilter();
  private final HostFilter host;
  private final OriginFilter origin;
  private final TokenFilter token;
  private final Router router;

  public HttpPipeline(ServerConfig config, int port, HostAllowlist allowlist, RenderCache cache,
      PageAssets page, SseHub sse, ConnectionLimiter limiter) {
    this.limiter = limiter;
    this.headers = new SecurityHeaders(page.csp());
    this.maxRequestBytes = config.maxRequestBytes();
    this.host = new HostFilter(allowlist);
    this.origin = new OriginFilter(allowlist);
    this.token = config.hasToken() ? new TokenFilter(config.token(), port) : null;
    this.router = new Router(Endpoints.table(cache, page, sse));
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ChannelPipeline p = ch.pipeline();
    p.addLast("limit", limiter);
    p.addLast("idle", new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS));
    p.addLast("idleClose", new IdleCloser());
    p.addLast("codec", new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_BYTES, 8192));
    p.addLast("headers", headers);
    p.addLast("aggregate", new BodyLimit(maxRequestBytes));
    p.addLast("sequence", new RequestSequencer());
    p.addLast("decode", decode);
    p.addLast("method", methods);
    p.addLast("host", host);
    p.addLast("origin", origin);
    if (token != null) {
      p.addLast("token", token);
    }
    p.addLast("route", router);
  }

  /**
   * Closes connections that neither read nor completed a write for a while: abandoned clients,
   * and clients that stopped reading their responses.
   */
  static final class IdleCloser extends io.netty.channel.ChannelDuplexHandler {
    @Override
    public void userEventTriggered(io.netty.channel.ChannelHandlerContext ctx, Object evt)
        throws Exception {
      if (evt instanceof IdleStateEvent) {
        ctx.close();
        return;
      }
      super.userEventTriggered(ctx, evt);
    }
  }
}
