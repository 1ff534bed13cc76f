package dev.privacyagent.server;

import dev.privacyagent.server.source.ReportSource;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

/**
 * Serves a report until the process is interrupted (Ctrl-C): what {@code analyze --serve} runs.
 * The shutdown hook closes the server so the port is released before the JVM exits.
 */
public final class ServeUntilInterrupted {
  private ServeUntilInterrupted() {}

  /**
   * Starts the server, prints its URL to {@code out}, and blocks until JVM shutdown.
   *
   * @throws IllegalArgumentException for a forbidden bind (non-loopback without a token) or a
   *     bad address
   * @throws IllegalStateException when the port cannot be bound
   */
  public static void serve(ServerConfig config, ReportSource source, PrintWriter out)
      throws InterruptedException {
    ReportServer server = ReportServer.start(config, source);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "pa-http-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println("Serving the privacy report at " + server.url()
        + (config.hasToken() ? " (open " + server.url() + "?token=<your token> once)" : "")
        + " - press Ctrl-C to stop");
    out.flush();
    server.awaitClose();
    stopped.await();
  }
}
