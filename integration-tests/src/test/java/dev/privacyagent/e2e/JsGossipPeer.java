package dev.privacyagent.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A js-libp2p gossipsub peer ({@code integration-tests/js/peer.mjs --gossip}, StrictSign with
 * jvm-libp2p's message ids) listening on 127.0.0.1, for {@link GossipWorkload}: its JSON lines
 * (what it received, from whom; its grafts, prunes and publishes) go to {@code onLine}; stdin
 * lines make it publish. No Jackson here: the workload runs on sample-node.jar's class path.
 */
final class JsGossipPeer implements AutoCloseable {
  private static final int MAX_LINE = 64 * 1024;

  private final Process process;
  private final CompletableFuture<String[]> listening = new CompletableFuture<>();

  private JsGossipPeer(Process process, Consumer<String> onLine) {
    this.process = process;
    Thread reader = new Thread(() -> read(onLine), "js-gossip-peer");
    reader.setDaemon(true);
    reader.start();
  }

  static JsGossipPeer start(Path jsDir, List<String> topics, int heartbeatMs, Consumer<String> onLine)
      throws IOException {
    if (!Files.isDirectory(jsDir.resolve("node_modules").resolve("libp2p"))) {
      throw new IllegalStateException("js-libp2p is not installed in " + jsDir + ": run `npm ci --prefix "
          + jsDir + "` first");
    }
    List<String> cmd = new ArrayList<>(List.of("node", "peer.mjs", "--listen", "/ip4/127.0.0.1/tcp/0",
        "--gossip", "--sign-policy", "strict", "--heartbeat-ms", Integer.toString(heartbeatMs)));
    for (String t : topics) {
      cmd.add("--topic");
      cmd.add(t);
    }
    Process p = new ProcessBuilder(cmd).directory(jsDir.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    return new JsGossipPeer(p, onLine);
  }

  /** Its peer id and first listen address (without /p2p), once it listens (at most 30 s). */
  String[] awaitListening() throws Exception {
    return listening.get(30, TimeUnit.SECONDS);
  }

  void publish(String topic, int size, String text) throws IOException {
    process.getOutputStream().write(("publish " + topic + " " + size + " " + text + "\n")
        .getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().flush();
  }

  private void read(Consumer<String> onLine) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.startsWith("{") || !line.endsWith("}") || line.length() > MAX_LINE) {
          continue;
        }
        if (line.contains("\"event\":\"listening\"")) {
          String id = field(line, "\"peerId\":\"");
          String addr = field(line, "\"addrs\":[\"");
          if (id != null && addr != null) {
            int p2p = addr.indexOf("/p2p/");
            listening.complete(new String[] {id, p2p < 0 ? addr : addr.substring(0, p2p)});
          }
        }
        onLine.accept(line);
      }
    } catch (IOException e) {
      // the process ended
    }
    listening.completeExceptionally(new IllegalStateException("the js peer ended before it listened"));
  }

  private static String field(String json, String key) {
    int i = json.indexOf(key);
    if (i < 0) {
      return null;
    }
    int start = i + key.length();
    int end = json.indexOf('"', start);
    return end < 0 ? null : json.substring(start, end);
  }

  /** Closing stdin makes it stop itself; bounded, then killed. */
  @Override
  public void close() throws InterruptedException {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // already gone
    }
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
