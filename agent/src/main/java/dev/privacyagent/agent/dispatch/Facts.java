package dev.privacyagent.agent.dispatch;

import dev.privacyagent.analyzer.codec.Bounds;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Turns jvm-libp2p values (PeerId, Multiaddr, protobuf ByteString) into bounded strings at once, so
 * that no application object outlives the call that handed it to the agent.
 */
public final class Facts {

  private Facts() {}

  private static final PeerIdTexts PEER_ID_TEXTS = new PeerIdTexts();

  public static String peerId(Object peerId) {
    if (peerId == null) {
      return null;
    }
    Object raw = Reflect.callOrNull(peerId, "getBytes");
    byte[] bytes = raw instanceof byte[] b ? b : null;
    String text = bytes == null ? null : PEER_ID_TEXTS.get(bytes);
    if (text == null) {
      Object s = Reflect.callOrNull(peerId, "toBase58");
      text = id(s != null ? s.toString() : peerId.toString());
      if (bytes != null) {
        PEER_ID_TEXTS.put(bytes, text);
      }
    }
    return text;
  }

  public static String addr(Object multiaddr) {
    return multiaddr == null ? null : Bounds.cut(multiaddr.toString(), Bounds.MAX_ADDR_CHARS);
  }

  public static String id(String s) {
    return Bounds.cut(s, Bounds.MAX_ID_CHARS);
  }

  public static String text(String s) {
    return Bounds.cut(s, Bounds.MAX_TEXT_CHARS);
  }

  /**
   * A failure's message with its root cause: a TLS handshake fails as an {@code SSLHandshakeException}
   * whose cause (the certificate check that refused the peer) is the part worth reading.
   */
  public static String failure(Throwable t) {
    String msg = String.valueOf(t.getMessage());
    Throwable root = t;
    for (int i = 0; i < 8 && root.getCause() != null && root.getCause() != root; i++) {
      root = root.getCause();
    }
    if (root != t && root.getMessage() != null && !msg.contains(root.getMessage())) {
      msg = msg + " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
    return text(msg);
  }

  public static List<String> addrs(Object[] multiaddrs) {
    List<String> out = new ArrayList<>();
    if (multiaddrs != null) {
      for (Object a : multiaddrs) {
        if (out.size() >= Bounds.MAX_LIST_ENTRIES) {
          break;
        }
        if (a != null) {
          out.add(addr(a));
        }
      }
    }
    return out;
  }

  public static List<String> addrList(Object list) {
    List<String> out = new ArrayList<>();
    if (list instanceof Iterable<?> it) {
      for (Object a : it) {
        if (out.size() >= Bounds.MAX_LIST_ENTRIES) {
          break;
        }
        if (a != null) {
          out.add(addr(a));
        }
      }
    }
    return out;
  }

  /**
   * A binary multiaddr from an identify message (a protobuf ByteString) as text, decoded by the
   * agent ({@link BinaryMultiaddr}); a peer may send anything, so undecodable bytes become
   * {@code 0x<hex>}.
   */
  public static String binaryAddr(Object byteString) {
    if (byteString == null) {
      return null;
    }
    Object raw = Reflect.callOrNull(byteString, "toByteArray");
    if (!(raw instanceof byte[] bytes) || bytes.length == 0) {
      return null;
    }
    String text = BinaryMultiaddr.toText(bytes);
    if (text != null) {
      return addr(text);
    }
    // hex: the peer sent an address of a protocol we do not know, or a malformed one
    int n = Math.min(bytes.length, Bounds.MAX_ADDR_CHARS / 2 - 2);
    return addr("0x" + HexFormat.of().formatHex(bytes, 0, n));
  }
}
