package dev.privacyagent.server;

import dev.privacyagent.server.http.ConnectionLimiter;
import dev.privacyagent.server.http.HeapBuffers;
import dev.privacyagent.server.http.HostAllowlist;
import dev.privacyagent.server.http.HttpPipeline;
import dev.privacyagent.server.http.PageAssets;
import dev.privacyagent.server.http.SseHub;
import dev.privacyagent.server.log.ServerLog;
import dev.privacyagent.server.render.RenderCache;
import dev.privacyagent.server.source.ReportSource;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * The embedded report endpoint. It runs on its own small set of daemon threads (one acceptor,
 * two workers), renders from the source's immutable snapshots, and never runs code on the
 * application's threads.
 */
public final class ReportServer implements AutoCloseable {
  static {
    ServerLog.captureNettyLogging();
  }

  /** A connection over this much unsent output is not writable: nothing more is queued on it. */
  private static final WriteBufferWaterMark WATER_MARK =
      new WriteBufferWaterMark(32 * 1024, 64 * 1024);
  /** One socket read is at most 16 KiB: it bounds the requests one read can queue. */
  private static final AdaptiveRecvByteBufAllocator READS =
      new AdaptiveRecvByteBufAllocator(512, 2048, 16 * 1024);

  private final ServerConfig config;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Channel channel;
  private final SseHub sse;
  private final ConnectionLimiter limiter;
  private final HostAllowlist allowlist;
  private final URI url;

  private ReportServer(ServerConfig config, EventLoopGroup boss, EventLoopGroup workers,
      Channel channel, SseHub sse, ConnectionLimiter limiter, HostAllowlist allowlist, URI url) {
    this.config = config;
    this.boss = boss;
    this.workers = workers;
    this.channel = channel;
    this.sse = sse;
    this.limiter = limiter;
    this.allowlist = allowlist;
    this.url = url;
  }

  /**
   * Binds and starts serving. Fails with {@link IllegalArgumentException} when the bind policy
   * forbids the address and with {@link IllegalStateException} when the port cannot be bound.
   */
  public static ReportServer start(ServerConfig config, ReportSource source) {
    InetAddress address = config.resolveBindAddress();
    PageAssets page = PageAssets.load();
    RenderCache cache = new RenderCache(source);
    EventLoopGroup boss = new NioEventLoopGroup(1, new DefaultThreadFactory("pa-http-accept", true));
    EventLoopGroup workers = new NioEventLoopGroup(2, new DefaultThreadFactory("pa-http", true));
    try {
      SseHub sse = new SseHub(cache, workers.next());
      ConnectionLimiter limiter = new ConnectionLimiter(config.maxConnections(),
          new dev.privacyagent.server.http.SecurityHeaders(page.csp()));
      // The Host allowlist needs the port, which is known only after binding an ephemeral port;
      // the holder is filled before the first request can be read.
      AllowlistHolder holder = new AllowlistHolder();
      ServerBootstrap b = new ServerBootstrap()
          .group(boss, workers)
          .channel(NioServerSocketChannel.class)
          .option(ChannelOption.SO_BACKLOG, 128)
          .childOption(ChannelOption.TCP_NODELAY, true)
          // Reads happen only when a connection is ready for its next request (RequestSequencer).
          .childOption(ChannelOption.AUTO_READ, false)
          .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
          .childOption(ChannelOption.RCVBUF_ALLOCATOR, READS)
          .childOption(ChannelOption.ALLOCATOR, HeapBuffers.INSTANCE)
          .childHandler(new io.netty.channel.ChannelInitializer<io.netty.channel.socket.SocketChannel>() {
            @Override
            protected void initChannel(io.netty.channel.socket.SocketChannel ch) {
              ch.pipeline().addLast(holder.pipeline(config, cache, page, sse, limiter));
            }
          });
      Channel ch;
      try {
        ch = b.bind(new InetSocketAddress(address, config.port())).sync().channel();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while binding", e);
      } catch (Exception e) {
        throw new IllegalStateException("cannot listen on " + address.getHostAddress() + ":"
            + config.port() + ": " + e.getMessage(), e);
      }
      int port = ((InetSocketAddress) ch.localAddress()).getPort();
      HostAllowlist allowlist = HostAllowlist.forBound(address, port, config.allowedHosts());
      holder.set(new HttpPipeline(config, port, allowlist, cache, page, sse, limiter));
      sse.start();
      URI url = URI.create("http://" + hostForUrl(address) + ":" + port + "/");
      return new ReportServer(config, boss, workers, ch, sse, limiter, allowlist, url);
    } catch (RuntimeException e) {
      boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw e;
    }
  }

  private static String hostForUrl(InetAddress a) {
    // The same spelling the Host allowlist uses, so the logged URL always passes the Host check.
    // A wildcard bind is reachable on loopback too, which is where the operator usually is.
    return a.isAnyLocalAddress() ? "127.0.0.1" : HostAllowlist.hostLiteral(a);
  }

  /** Filled once right after bind; a connection accepted in between waits for it. */
  private static final class AllowlistHolder {
    private final java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
    private volatile HttpPipeline pipeline;

    void set(HttpPipeline p) {
      pipeline = p;
      ready.countDown();
    }

    HttpPipeline pipeline(ServerConfig c, RenderCache cache, PageAssets page, SseHub sse,
        ConnectionLimiter limiter) {
      try {
        if (!ready.await(5, TimeUnit.SECONDS)) {
          throw new IllegalStateException("server not ready");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return pipeline;
    }
  }

  /** The address to open, e.g. {@code http://127.0.0.1:7878/}. */
  public URI url() {
    return url;
  }

  public int port() {
    return url.getPort();
  }

  public HostAllowlist allowlist() {
    return allowlist;
  }

  public int openConnections() {
    return limiter.open();
  }

  public int sseSubscribers() {
    return sse.subscribers();
  }

  public ServerConfig config() {
    return config;
  }

  /** Blocks until the server is closed (by {@link #close()} or a shutdown hook). */
  public void awaitClose() throws InterruptedException {
    channel.closeFuture().sync();
  }

  @Override
  public void close() {
    sse.stop();
    channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
  }
}
