package dev.privacyagent.server.http;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

/** Answers requests the HTTP decoder could not parse: 414, 431 or 400, then closes. */
@Sharable
final class DecodeFailureFilter extends RequestFilter {

  @Override
  protected FullHttpResponse check(io.netty.channel.ChannelHandlerContext ctx, FullHttpRequest req) {
    DecoderResult result = req.decoderResult();
    if (result.isSuccess()) {
      if (!req.uri().startsWith("/")) {
        return Responses.error(HttpResponseStatus.BAD_REQUEST, "request target must be a path");
      }
      if (!decodable(req.uri())) {
        return Responses.error(HttpResponseStatus.BAD_REQUEST, "malformed percent-encoding");
      }
      return null;
    }
    Throwable cause = result.cause();
    if (cause instanceof TooLongHttpLineException) {
      return Responses.error(HttpResponseStatus.REQUEST_URI_TOO_LONG, "request line too long");
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return Responses.error(
          HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "request headers too large");
    }
    if (cause instanceof TooLongFrameException) {
      return Responses.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "request too large");
    }
    return Responses.error(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request");
  }

  /**
   * Whether the path and every query name and value percent-decode. Checked once here so that no
   * later handler meets a target that throws while being decoded.
   */
  static boolean decodable(String uri) {
    try {
      QueryStringDecoder d = new QueryStringDecoder(uri);
      d.path();
      d.parameters();
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  protected boolean closeAfterRejection() {
    return true;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.fireExceptionCaught(cause);
  }
}
