package identify.pb;

import java.util.List;

/** Test double with the class name of jvm-libp2p's identify message (never shipped). */
public final class IdentifyOuterClass {
  private IdentifyOuterClass() {}

  public static final class Identify {
    private final String agentVersion;
    private final List<Bytes> listenAddrs;
    private final List<String> protocols;

    public Identify(String agentVersion, List<Bytes> listenAddrs, List<String> protocols) {
      this.agentVersion = agentVersion;
      this.listenAddrs = listenAddrs;
      this.protocols = protocols;
    }

    public String getAgentVersion() {
      return agentVersion;
    }

    public String getProtocolVersion() {
      return "ipfs/0.1.0";
    }

    public List<Bytes> getListenAddrsList() {
      return listenAddrs;
    }

    public Bytes getObservedAddr() {
      return new Bytes(new byte[] {4, 127, 0, 0, 1});
    }

    public List<String> getProtocolsList() {
      return protocols;
    }
  }

  /** Stands in for protobuf's ByteString. */
  public static final class Bytes {
    private final byte[] b;

    public Bytes(byte[] b) {
      this.b = b;
    }

    public byte[] toByteArray() {
      return b.clone();
    }
  }
}
