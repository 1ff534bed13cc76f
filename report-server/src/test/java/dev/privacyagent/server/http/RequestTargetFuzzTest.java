package dev.privacyagent.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the request path and query parsing (docs/security.md, "Fuzzing"): any
 * request bytes through the server's codec, body limit and decode filter get an answer below 500
 * and never an exception; a target the filter lets through decodes without throwing, and the
 * strict query parameter parsing fails only with a message that names the parameter and never
 * echoes its value.
 */
class RequestTargetFuzzTest {

  /** Stands in for the endpoints: a request that passed the filters is answered 200. */
  static final class Ok extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
      QueryStringDecoder d = new QueryStringDecoder(req.uri());
      d.path();
      d.parameters(); // must not throw: the decode filter checked it
      ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
    }
  }

  @FuzzTest(maxDuration = "10s")
  void anyRequestIsAnsweredBelow500(FuzzedDataProvider data) {
    fuzzerTestOneInput(data);
  }

  /** The entry point of bin/fuzz (Jazzer's standalone driver) for longer runs. */
  public static void fuzzerTestOneInput(FuzzedDataProvider data) {
    String target = data.consumeString(600);
    String rest = data.consumeRemainingAsString();
    checkTarget(target);
    EmbeddedChannel ch = new EmbeddedChannel(
        new HttpServerCodec(HttpPipeline.MAX_INITIAL_LINE, HttpPipeline.MAX_HEADER_BYTES, 8192),
        new BodyLimit(4096), new DecodeFailureFilter(), new Ok());
    try {
      byte[] request = ("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + rest + "\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1);
      ch.writeInbound(Unpooled.wrappedBuffer(request));
      ch.checkException();
      Object out;
      while ((out = ch.readOutbound()) != null) {
        try {
          if (out instanceof HttpResponse r) {
            assertThat(r.status().code()).as("status for %s", target).isLessThan(500);
          }
        } finally {
          ReferenceCountUtil.release(out);
        }
      }
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  private static void checkTarget(String target) {
    if (!DecodeFailureFilter.decodable(target)) {
      return;
    }
    Map<String, List<String>> q = new QueryStringDecoder(target).parameters();
    for (Map.Entry<String, List<String>> e : q.entrySet()) {
      try {
        QueryParams.longParam(q, e.getKey(), 0, 0, 1_000_000);
      } catch (IllegalArgumentException ex) {
        // exactly one of the fixed texts after the name: the value itself is never echoed (a substring
        // check misfires when a value is a substring of the name and the text that follows it)
        assertThat(ex.getMessage()).isIn(e.getKey() + " must be given once",
            e.getKey() + " must be a non-negative integer", e.getKey() + " must be between 0 and 1000000");
      }
    }
  }
}
