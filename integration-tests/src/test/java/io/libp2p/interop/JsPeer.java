package io.libp2p.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A js-libp2p peer ({@code integration-tests/js/peer.mjs}) in its own Node process. Its JSON lines
 * arrive as events; closing stdin makes it stop cleanly, and {@link #close()} kills it if it does not.
 */
public final class JsPeer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    private final Path stderr;

    private JsPeer(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(this::readLines, "js-peer-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** The folder holding peer.mjs; fails with the install command when node_modules is missing. */
    public static Path jsDir() {
        Path dir = Path.of(System.getProperty("js.peer.dir", "js")).toAbsolutePath();
        if (!Files.isRegularFile(dir.resolve("peer.mjs"))) {
            throw new IllegalStateException("js peer script not found at " + dir.resolve("peer.mjs"));
        }
        if (!Files.isDirectory(dir.resolve("node_modules/libp2p"))) {
            throw new IllegalStateException("js-libp2p is not installed in " + dir.resolve("node_modules")
                + ": run `npm ci --prefix integration-tests/js` first (the README's test command does)");
        }
        return dir;
    }

    public static JsPeer start(String... args) throws IOException {
        Path dir = jsDir();
        List<String> cmd = new ArrayList<>(List.of("node", "peer.mjs"));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile("js-peer", ".stderr");
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectError(err.toFile())
                .start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start Node.js (`node` on the PATH is required): " + e.getMessage(), e);
        }
        return new JsPeer(p, err);
    }

    private void readLines() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                seen.add(line);
                try {
                    events.add(JSON.readTree(line));
                } catch (IOException e) {
                    // a line that is not JSON is kept in 'seen' for the failure message
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** The next event named {@code name}; earlier events of other names are skipped. */
    public JsonNode await(String name, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode e = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
            if (e == null) {
                throw new AssertionError("js peer printed no '" + name + "' event within " + timeout.toSeconds()
                    + " s; stdout: " + seen + "; stderr: " + stderrTail());
            }
            if (name.equals(e.path("event").asText())) {
                return e;
            }
        }
    }

    /** Writes one command line to the peer's stdin (e.g. {@code publish TOPIC SIZE TEXT} with --gossip). */
    public void send(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    /** Every event named {@code name} printed so far. */
    public List<JsonNode> all(String name) {
        List<JsonNode> out = new ArrayList<>();
        for (String l : lines()) {
            try {
                JsonNode n = JSON.readTree(l);
                if (name.equals(n.path("event").asText())) {
                    out.add(n);
                }
            } catch (IOException e) {
                // not JSON: skipped
            }
        }
        return out;
    }

    public List<String> lines() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    public String stderrTail() {
        try {
            String s = Files.readString(stderr);
            return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
        } catch (IOException e) {
            return "(unreadable)";
        }
    }

    /** Closes stdin and waits for a clean exit; returns the exit code. */
    public int stop(Duration timeout) throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError("js peer did not exit within " + timeout.toSeconds() + " s of stdin closing");
        }
        return process.exitValue();
    }

    public int waitForExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("js peer still running after " + timeout.toSeconds() + " s; stdout: " + seen);
        }
        return process.exitValue();
    }

    /**
     * After a {@code --dial ... --pings N --streams M} run: each ping reported an RTT, every stream
     * echoed, and the peer exited with status 0 without reporting an error.
     */
    public void assertDialRunSucceeded(int pings, int streams, Duration timeout) throws InterruptedException {
        for (int i = 0; i < pings; i++) {
            assertThat(await("ping", timeout).get("rttMs").asDouble()).isGreaterThanOrEqualTo(0);
        }
        JsonNode result = await("streams", Duration.ofSeconds(60));
        assertThat(result.get("ok").asInt()).as(result.toString()).isEqualTo(streams);
        assertThat(result.get("failed").asInt()).isZero();
        assertThat(waitForExit(timeout)).isZero();
        assertThat(lines()).noneMatch(l -> l.contains("\"event\":\"error\""));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(stderr);
        } catch (IOException e) {
            // temp file; harmless
        }
    }
}
