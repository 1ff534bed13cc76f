package dev.privacyagent.bootstrap;

/**
 * The only agent class that instrumented application code calls. It lives in the bootstrap class
 * loader (injected at start-up) so that advice inlined into any application class loader can link
 * against it, and its API uses JDK types only: the application never sees an agent type.
 *
 * <p>Every method returns at once when no {@link Sink} is installed and never lets a throwable
 * escape: a failure inside the agent is counted, never propagated into the application.
 */
public final class PrivacyBridge {

  /** Set once by the agent that owns the bridge; null while idle or disabled. */
  private static volatile Sink sink;

  /** Identity of the agent installation, so a second attach can see one is already active. */
  private static volatile String installedBy;

  private static final java.util.concurrent.atomic.AtomicLong BRIDGE_FAILURES =
      new java.util.concurrent.atomic.AtomicLong();

  /** Kinds of hook that can nest on one thread: a wrapper delegating to a hooked delegate. */
  public static final int DIAL = 0;
  public static final int LISTEN = 1;
  public static final int UNLISTEN = 2;
  public static final int CLOSE = 3;
  public static final int SECURITY = 4;
  public static final int MUXER = 5;

  /**
   * Per thread and kind, how many hooked calls are in progress. Only the outermost call of a kind
   * reports: a transport that delegates to another hooked transport (a wrapper, a Kotlin
   * {@code by} delegate) must not count a dial twice. Lives here, not in the sink, so that it
   * stays balanced whatever the sink does.
   */
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[6]);

  private PrivacyBridge() {}

  /** Enter advice of a nestable hook; pass the result to the matching exit. */
  public static int enter(int kind) {
    return DEPTH.get()[kind]++;
  }

  /** Leaves one level; true when this was the outermost call, the one that reports. */
  private static boolean leave(int kind, int depth) {
    int[] d = DEPTH.get();
    if (d[kind] > 0) {
      d[kind]--;
    }
    return depth == 0;
  }

  /**
   * Installs {@code s} if no agent is installed yet.
   *
   * @return false when another agent installation already owns the bridge
   */
  public static synchronized boolean install(Sink s, String owner) {
    if (installedBy != null) {
      return false;
    }
    sink = s;
    installedBy = owner;
    return true;
  }

  /** Stops delivery (JVM shutdown, tests); the owner stays recorded so nobody re-attaches. */
  public static void mute() {
    sink = null;
  }

  /** Releases the bridge entirely (tests only). */
  public static synchronized void uninstall() {
    sink = null;
    installedBy = null;
  }

  public static String installedBy() {
    return installedBy;
  }

  /** Throwables the sink let escape (the dispatcher counts its own; this is the last guard). */
  public static long bridgeFailures() {
    return BRIDGE_FAILURES.get();
  }

  private static void failed(Throwable t) {
    BRIDGE_FAILURES.incrementAndGet();
  }

  // ---- called from advice ----

  public static void hostCreated(Object host) {
    Sink s = sink;
    if (s != null) {
      try {
        s.hostCreated(host);
      } catch (Throwable t) {
        failed(t);
      }
    }
  }

  /**
   * A transport that runs its own security was constructed (jvm-libp2p's QuicTransport:
   * {@code builtInSecurity} is {@code /tls/1.0.0}).
   */
  public static void transportCreated(Object transport, String builtInSecurity) {
    Sink s = sink;
    if (s != null) {
      try {
        s.transportCreated(transport, builtInSecurity);
      } catch (Throwable t) {
        failed(t);
      }
    }
  }

  public static void discovered(Object hostOrNetwork) {
    Sink s = sink;
    if (s != null) {
      try {
        s.discovered(hostOrNetwork);
      } catch (Throwable t) {
        failed(t);
      }
    }
  }

  public static void connectionHandled(Object connection) {
    Sink s = sink;
    if (s != null) {
      try {
        s.connectionHandled(connection);
      } catch (Throwable t) {
        failed(t);
      }
    }
  }

  /** @param kind {@link #SECURITY} or {@link #MUXER} (advice bodies stay free of branches) */
  public static void upgradeStarted(
      int kind, Object channel, String protocolId, Object future, Throwable thrown, int depth) {
    Sink s = sink;
    if (leave(kind, depth) && s != null) {
      try {
        s.upgradeStarted(kind == SECURITY, channel, protocolId, future, thrown);
      } catch (Throwable t) {
        failed(t);
      }
    }
  }

  public static void streamCreated(Object stream) {
    Sink s = sink;
    if (s != null) {
      try {
        s.streamCreated(stream);
      } catch (Throwable t) {
        failed(t);
      }
    }
  }

  public static void streamWrite(Object stream, Object message) {
    Sink s = sink;
    if (s != null && message != null) {
      try {
        s.streamWrite(stream, message);
      } catch (Throwable t) {
        failed(t);
      }
    }
  }

  /** Returns a token for {@link #connectExit}; see {@link Sink#connectEnter}. */
  public static long connectEnter(Object peerId) {
    Sink s = sink;
    if (s != null) {
      try {
        return s.connectEnter(peerId);
      } catch (Throwable t) {
        failed(t);
      }
    }
    return 0L;
  }

  public static void connectExit(
      Object network, Object peerId, Object[] addrs, Object future, Throwable thrown, long token) {
    Sink s = sink;
    if (s != null) {
      try {
        s.connectExit(network, peerId, addrs, future, thrown, token);
      } catch (Throwable t) {
        failed(t);
      }
    }
  }

  /**
   * Exit of a transport call taking an address: {@code kind} is {@link #DIAL}, {@link #LISTEN}
   * or {@link #UNLISTEN}, the same kind its enter advice passed to {@link #enter}.
   */
  public static void addressExit(
      int kind, Object transport, Object addr, Object future, Throwable thrown, int depth) {
    Sink s = sink;
    if (leave(kind, depth) && s != null) {
      try {
        switch (kind) {
          case DIAL -> s.dialExit(transport, addr, future, thrown);
          case LISTEN -> s.listenExit(transport, addr, future, thrown);
          case UNLISTEN -> s.unlistenExit(transport, addr, future, thrown);
          default -> throw new IllegalArgumentException("not an address call");
        }
      } catch (Throwable t) {
        failed(t);
      }
    }
  }

  public static void transportClosed(Object transport, Object future, int depth) {
    Sink s = sink;
    if (leave(CLOSE, depth) && s != null) {
      try {
        s.transportClosed(transport, future);
      } catch (Throwable t) {
        failed(t);
      }
    }
  }

  public static void identifyReceived(Object stream, Object message) {
    Sink s = sink;
    if (s != null) {
      try {
        s.identifyReceived(stream, message);
      } catch (Throwable t) {
        failed(t);
      }
    }
  }

  public static void pingStarted(Object initiator, Object future) {
    Sink s = sink;
    if (s != null) {
      try {
        s.pingStarted(initiator, future);
      } catch (Throwable t) {
        failed(t);
      }
    }
  }

  /**
   * The agent side of the bridge. Implementations turn the application objects they receive into
   * plain facts at once and must not keep them; they must not block.
   */
  public interface Sink {
    void hostCreated(Object host);

    /** A transport that runs {@code builtInSecurity} by itself was constructed (QUIC). */
    void transportCreated(Object transport, String builtInSecurity);

    /** A host or network method ran that the agent may not have seen created (dynamic attach). */
    void discovered(Object hostOrNetwork);

    void connectionHandled(Object connection);

    /** A security ({@code security=true}) or muxer upgrade started on {@code channel}. */
    void upgradeStarted(
        boolean security, Object channel, String protocolId, Object future, Throwable thrown);

    void streamCreated(Object stream);

    void streamWrite(Object stream, Object message);

    /** Marks the start of {@code Network#connect} on this thread; the token goes to the exit. */
    long connectEnter(Object peerId);

    void connectExit(
        Object network, Object peerId, Object[] addrs, Object future, Throwable thrown, long token);

    void dialExit(Object transport, Object addr, Object future, Throwable thrown);

    void listenExit(Object transport, Object addr, Object future, Throwable thrown);

    void unlistenExit(Object transport, Object addr, Object future, Throwable thrown);

    void transportClosed(Object transport, Object future);

    void identifyReceived(Object stream, Object message);

    void pingStarted(Object initiator, Object future);
  }
}
