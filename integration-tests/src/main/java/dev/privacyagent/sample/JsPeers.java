package dev.privacyagent.sample;

import io.libp2p.core.multiformats.Multiaddr;
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
 * js-libp2p peers (integration-tests/js/peer.mjs) as child processes. Even-numbered ones listen and
 * are dialled by the sample; odd-numbered ones dial the sample. Their JSON lines are re-emitted as
 * {@code {"event":"js","index":i,"data":{...}}}.
 */
final class JsPeers implements AutoCloseable {
    /** A js peer line is one JSON object of modest size; longer lines are cut, not embedded. */
    private static final int MAX_LINE = 64 * 1024;

    private final List<Process> processes = new ArrayList<>();
    private final List<String> extraArgs;

    JsPeers() {
        this(List.of());
    }

    /** {@code extraArgs} go to every js peer (the gossip profile's topics and signature policy). */
    JsPeers(List<String> extraArgs) {
        this.extraArgs = List.copyOf(extraArgs);
    }

    /** Checks that node and the npm packages are there, with a message saying how to fix it. */
    static Path checkReady(Path jsDir) {
        Path script = jsDir.resolve("peer.mjs");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("js peer script not found: " + script.toAbsolutePath()
                    + " (pass --js-dir pointing at integration-tests/js)");
        }
        if (!Files.isDirectory(jsDir.resolve("node_modules").resolve("libp2p"))) {
            throw new IllegalStateException("js-libp2p is not installed in " + jsDir.toAbsolutePath()
                    + ": run `npm ci --prefix " + jsDir + "` first");
        }
        return script;
    }

    /** Starts a listening js peer; the future completes with its dial address. */
    CompletableFuture<Multiaddr> startListener(int index, Path jsDir) throws IOException {
        CompletableFuture<Multiaddr> addr = new CompletableFuture<>();
        start(index, jsDir, List.of("--listen", "/ip4/127.0.0.1/tcp/0"), line -> {
            if (line.contains("\"event\":\"listening\"")) {
                String peerId = field(line, "peerId");
                String first = firstAddr(line);
                if (peerId != null && first != null) {
                    Multiaddr m = new Multiaddr(first);
                    addr.complete(m.getPeerId() != null ? m : m.withP2P(io.libp2p.core.PeerId.fromBase58(peerId)));
                }
            }
        });
        return addr.orTimeout(30, TimeUnit.SECONDS);
    }

    /** Starts a js peer that dials {@code target} and runs identify, pings and echo streams on it. */
    void startDialer(int index, Path jsDir, Multiaddr target, int pings, int streams) throws IOException {
        start(index, jsDir, List.of("--dial", target.toString(), "--pings", Integer.toString(pings),
                "--streams", Integer.toString(streams)), line -> { });
    }

    private void start(int index, Path jsDir, List<String> args, Consumer<String> onLine) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("node", "peer.mjs"));
        cmd.addAll(args);
        cmd.addAll(extraArgs);
        Process p = new ProcessBuilder(cmd).directory(jsDir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        processes.add(p);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    boolean object = line.startsWith("{") && line.endsWith("}") && line.length() <= MAX_LINE;
                    Json.event("js").put("index", index).put("data", object ? new Json.Raw(line) : line).print();
                    if (object) {
                        onLine.accept(line);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "js-peer-" + index);
        reader.setDaemon(true);
        reader.start();
    }

    private static String field(String json, String name) {
        String key = "\"" + name + "\":\"";
        int i = json.indexOf(key);
        if (i < 0) {
            return null;
        }
        int start = i + key.length();
        int end = json.indexOf('"', start);
        return end < 0 ? null : json.substring(start, end);
    }

    private static String firstAddr(String json) {
        int i = json.indexOf("\"addrs\":[\"");
        if (i < 0) {
            return null;
        }
        int start = i + "\"addrs\":[\"".length();
        int end = json.indexOf('"', start);
        return end < 0 ? null : json.substring(start, end);
    }

    /** Closing stdin makes a js peer stop itself; stragglers are killed. */
    @Override
    public void close() {
        for (Process p : processes) {
            try {
                p.getOutputStream().close();
            } catch (IOException ignored) {
                // already gone
            }
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
