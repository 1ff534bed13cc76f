package dev.privacyagent.e2e;

import crypto.pb.Crypto;
import dev.privacyagent.sample.Json;
import io.libp2p.core.Connection;
import io.libp2p.core.Host;
import io.libp2p.core.PeerId;
import io.libp2p.core.crypto.KeyKt;
import io.libp2p.core.dsl.HostBuilder;
import io.libp2p.core.multiformats.Multiaddr;
import io.libp2p.core.multistream.NegotiatedIds;
import io.libp2p.core.mux.StreamMuxerProtocol;
import io.libp2p.protocol.Identify;
import io.libp2p.protocol.IdentifyController;
import io.libp2p.protocol.Ping;
import io.libp2p.protocol.PingController;
import io.libp2p.security.plaintext.PlaintextInsecureChannel;
import io.libp2p.security.tls.TlsSecureChannel;
import io.libp2p.transport.quic.QuicTransport;
import io.libp2p.transport.tcp.TcpTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * TLS over TCP between test-host nodes, for the agent's end-to-end tests, printing its ground
 * truth as JSON lines on stdout: every connection as the application sees it (its negotiated
 * security and the muxer agreed inside the TLS handshake), a failed TLS handshake (a dial naming
 * the wrong peer id) with the exception the application got, and one plaintext connection so that
 * the weak-security detector has something to compare the encrypted ones with.
 *
 * <p>Nodes: {@code tls-a} (Ed25519 certificate), {@code tls-b} (ECDSA certificate), {@code mixed}
 * (TLS and plaintext), {@code plain} (plaintext only). tls-a dials tls-b and mixed (TLS), plain
 * dials mixed (plaintext), tls-a dials tls-b under a wrong peer id (fails). Each good connection
 * runs identify and {@code pings} pings from the dialer. With {@code js=DIR} two js-libp2p peers
 * (DIR/peer.mjs with {@code --security tls}) take part: tls-a dials one, the other dials tls-a;
 * their own lines are in the ground truth as {@code {"event":"js","role":...,"line":"{...}"}}.
 * With {@code quic}, two QUIC v1 nodes ({@code quic-a} Ed25519, {@code quic-b} ECDSA) take part:
 * quic-a dials quic-b, and once more under a wrong peer id (the TLS inside QUIC fails the dial).
 * With both, two more js peers speak QUIC v1 ({@code --transport quic}): quic-a dials one, the
 * other dials quic-a (roles {@code quic-listener}, {@code quic-dialer}).
 * Arguments: {@code pings=N} (default 3),
 * {@code go=FILE} (with everything connected, wait until FILE exists, at most 60 s, before the
 * nodes stop: the test reads the live report meanwhile).
 */
public final class SecureTransportsWorkload {
  private static final long TIMEOUT = 20;

  public static void main(String[] args) throws Exception {
    int pings = 3;
    java.nio.file.Path go = null;
    java.nio.file.Path js = null;
    boolean quic = false;
    for (String a : args) {
      if (a.equals("quic")) {
        quic = true;
      } else if (a.startsWith("js=")) {
        js = java.nio.file.Path.of(a.substring(3));
      } else if (a.startsWith("pings=")) {
        pings = Integer.parseInt(a.substring(6));
      } else if (a.startsWith("go=")) {
        go = java.nio.file.Path.of(a.substring(3));
      }
    }
    List<Host> hosts = new ArrayList<>();
    List<JsPeer> jsPeers = new ArrayList<>();
    try {
      Host tlsA = host(hosts, "tls-a", new HostBuilder().secureChannel(TlsSecureChannel::new));
      Host tlsB = host(hosts, "tls-b", new HostBuilder().secureChannel(TlsSecureChannel::ECDSA));
      Host mixed = host(hosts, "mixed",
          new HostBuilder().secureChannel(TlsSecureChannel::new, PlaintextInsecureChannel::new));
      Host plain = host(hosts, "plain", new HostBuilder().secureChannel(PlaintextInsecureChannel::new));
      exercise(tlsA, connect(tlsA, tlsB), pings);
      exercise(tlsA, connect(tlsA, mixed), pings);
      exercise(plain, connect(plain, mixed), pings);
      dialWrongPeerId(tlsA, tlsB, "handshake-failed");
      Host quicA = null;
      if (quic) {
        quicA = quicHost(hosts, "quic-a", QuicTransport::Ed25519);
        Host quicB = quicHost(hosts, "quic-b", QuicTransport::ECDSA);
        exercise(quicA, connect(quicA, quicB), pings);
        dialWrongPeerId(quicA, quicB, "dial-failed");
      }
      if (js != null) {
        JsPeer listener = JsPeer.start(jsPeers, js, "listener", "--listen", "/ip4/127.0.0.1/tcp/0");
        String listening = listener.await("\"event\":\"listening\"");
        Multiaddr jsAddr = new Multiaddr(JsPeer.field(listening, "addrs"))
            .withP2P(PeerId.fromBase58(JsPeer.field(listening, "peerId")));
        Connection toJs = tlsA.getNetwork().connect(jsAddr).get(TIMEOUT, TimeUnit.SECONDS);
        exercise(tlsA, toJs, pings);
        JsPeer dialer = JsPeer.start(jsPeers, js, "dialer", "--dial",
            tlsA.listenAddresses().get(0).withP2P(tlsA.getPeerId()).toString(), "--pings", Integer.toString(pings));
        dialer.await("\"event\":\"ping\"");
        if (quicA != null) {
          // js-libp2p over QUIC v1 (@chainsafe/libp2p-quic) both ways with quic-a
          JsPeer quicListener = JsPeer.start(jsPeers, js, "quic-listener", "--transport", "quic",
              "--listen", "/ip4/127.0.0.1/udp/0/quic-v1");
          String quicListening = quicListener.await("\"event\":\"listening\"");
          Multiaddr jsQuicAddr = new Multiaddr(JsPeer.field(quicListening, "addrs"))
              .withP2P(PeerId.fromBase58(JsPeer.field(quicListening, "peerId")));
          exercise(quicA, quicA.getNetwork().connect(jsQuicAddr).get(TIMEOUT, TimeUnit.SECONDS), pings);
          JsPeer quicDialer = JsPeer.start(jsPeers, js, "quic-dialer", "--transport", "quic", "--dial",
              quicA.listenAddresses().get(0).withP2P(quicA.getPeerId()).toString(), "--pings", Integer.toString(pings));
          quicDialer.await("\"event\":\"ping\"");
        }
      }
      // both sides of every connection, as each node's application sees them
      for (Host h : hosts) {
        for (Connection c : h.getNetwork().getConnections()) {
          List<String> ids = NegotiatedIds.of(c);
          Json.event("connection")
              .put("from", h.getPeerId().toBase58())
              .put("to", c.secureSession().getRemoteId().toBase58())
              .put("direction", c.isInitiator() ? "OUTBOUND" : "INBOUND")
              .put("transportClass", c.transport().getClass().getName())
              .put("localAddr", c.localAddress().toString())
              .put("remoteAddr", c.remoteAddress().toString())
              .put("security", ids.isEmpty() ? null : ids.get(0))
              .put("muxer", c.secureSession().getEarlyMuxer() != null
                  ? c.secureSession().getEarlyMuxer().getProtocol()
                  : ids.size() > 1 ? ids.get(1) : null)
              .print();
        }
      }
      Json.event("connected").print();
      for (int i = 0; go != null && i < 600 && !java.nio.file.Files.exists(go); i++) {
        Thread.sleep(100);
      }
    } finally {
      for (JsPeer p : jsPeers) {
        p.stop();
      }
      for (Host h : hosts) {
        h.stop().get(TIMEOUT, TimeUnit.SECONDS);
      }
    }
    Json.event("done").print();
  }

  private static Host host(List<Host> hosts, String name, HostBuilder b) throws Exception {
    Host h = b.transport(TcpTransport::new)
        .muxer(StreamMuxerProtocol::getYamux)
        .protocol(new Ping(), new Identify())
        .listen("/ip4/127.0.0.1/tcp/0")
        .build();
    h.start().get(TIMEOUT, TimeUnit.SECONDS);
    hosts.add(h);
    Json.event("node").put("name", name).put("peerId", h.getPeerId().toBase58()).print();
    return h;
  }

  private static Host quicHost(List<Host> hosts, String name,
      java.util.function.BiFunction<io.libp2p.core.crypto.PrivKey, List<? extends io.libp2p.core.multistream.ProtocolBinding<?>>,
          io.libp2p.core.transport.Transport> transport) throws Exception {
    Host h = new HostBuilder().secureTransport(transport)
        .protocol(new Ping(), new Identify())
        .listen("/ip4/127.0.0.1/udp/0/quic-v1")
        .build();
    h.start().get(TIMEOUT, TimeUnit.SECONDS);
    hosts.add(h);
    Json.event("node").put("name", name).put("peerId", h.getPeerId().toBase58()).print();
    return h;
  }

  private static Connection connect(Host from, Host to) throws Exception {
    return from.getNetwork().connect(to.listenAddresses().get(0).withP2P(to.getPeerId()))
        .get(TIMEOUT, TimeUnit.SECONDS);
  }

  private static void exercise(Host from, Connection c, int pings) throws Exception {
    from.<IdentifyController>newStream(List.of("/ipfs/id/1.0.0"), c).getController()
        .get(TIMEOUT, TimeUnit.SECONDS).id().get(TIMEOUT, TimeUnit.SECONDS);
    PingController ping = from.<PingController>newStream(List.of("/ipfs/ping/1.0.0"), c).getController()
        .get(TIMEOUT, TimeUnit.SECONDS);
    for (int i = 0; i < pings; i++) {
      ping.ping().get(TIMEOUT, TimeUnit.SECONDS);
    }
  }

  /**
   * A dial under a wrong peer id, printed as {@code event} with the failure the application got:
   * over TCP the TLS handshake fails, over QUIC the TLS inside QUIC fails the dial itself.
   */
  private static void dialWrongPeerId(Host from, Host to, String event) throws Exception {
    PeerId impostor = PeerId.fromPubKey(KeyKt.generateKeyPair(Crypto.KeyType.Ed25519).getSecond());
    Multiaddr addr = to.listenAddresses().get(0).withP2P(impostor);
    Throwable failure = null;
    try {
      from.getNetwork().connect(addr).get(TIMEOUT, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      failure = e.getCause();
    }
    Json.event(event)
        .put("from", from.getPeerId().toBase58())
        .put("addr", addr.toString())
        .put("errorClass", failure == null ? null : failure.getClass().getName())
        .put("message", failure == null ? null : failure.getMessage())
        .print();
  }

  /** A js-libp2p peer on /tls/1.0.0 as a child process; its stdout lines go to the ground truth. */
  static final class JsPeer {
    private final Process process;
    private final java.util.concurrent.LinkedBlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();

    private JsPeer(Process process, String role) {
      this.process = process;
      Thread reader = new Thread(() -> {
        try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(
            process.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            Json.event("js").put("role", role).put("line", line).print();
            lines.add(line);
          }
        } catch (java.io.IOException e) {
          // the process went away: nothing more to read
        }
      }, "js-" + role);
      reader.setDaemon(true);
      reader.start();
    }

    static JsPeer start(List<JsPeer> all, java.nio.file.Path dir, String role, String... args)
        throws java.io.IOException {
      List<String> cmd = new ArrayList<>(List.of("node", "peer.mjs", "--security", "tls"));
      cmd.addAll(List.of(args));
      JsPeer p = new JsPeer(new ProcessBuilder(cmd).directory(dir.toFile())
          .redirectError(ProcessBuilder.Redirect.INHERIT).start(), role);
      all.add(p);
      return p;
    }

    /** The first line containing {@code text}, waiting at most 30 s. */
    String await(String text) throws InterruptedException {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < end) {
        String line = lines.poll(200, TimeUnit.MILLISECONDS);
        if (line != null && line.contains(text)) {
          return line;
        }
      }
      throw new IllegalStateException("js peer never printed " + text);
    }

    /** A string field of a js line (the first element when it is an array of strings). */
    static String field(String line, String name) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\":\\[?\"([^\"]*)\"").matcher(line);
      if (!m.find()) {
        throw new IllegalStateException("no " + name + " in " + line);
      }
      return m.group(1);
    }

    void stop() throws InterruptedException {
      try {
        process.getOutputStream().close(); // the peer stops when its stdin closes
      } catch (java.io.IOException e) {
        // already gone
      }
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
