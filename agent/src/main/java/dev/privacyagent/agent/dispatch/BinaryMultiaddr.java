package dev.privacyagent.agent.dispatch;

import dev.privacyagent.analyzer.codec.Bounds;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Text of a binary multiaddr (the multiformats spec: varint protocol code, then a fixed-size or
 * varint-length-prefixed value), decoded by the agent itself. Identify carries addresses as bytes;
 * calling the application's own {@code Multiaddr.deserialize} instead would run application code,
 * and its first-use class loading, on the event-loop thread that is sending or receiving identify.
 * Formats like jvm-libp2p's {@code Multiaddr.toString()}. Returns null for a protocol it does not
 * know or malformed input, so that the caller can fall back to hex. The work is bounded whatever
 * a peer sends: decoding stops once the text reaches {@link Bounds#MAX_ADDR_CHARS} (the caller
 * cuts it there anyway) and a peer id longer than {@value #MAX_PEER_ID_BYTES} bytes counts as
 * malformed (base58 costs quadratic time in its length).
 */
final class BinaryMultiaddr {
  private static final char[] BASE58 =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();

  /** Far above any real peer id (an identity multihash of a key, or a SHA-256 one: under 50 bytes). */
  static final int MAX_PEER_ID_BYTES = 128;

  private BinaryMultiaddr() {}

  static String toText(byte[] b) {
    StringBuilder sb = new StringBuilder();
    int[] pos = {0};
    try {
      while (pos[0] < b.length && sb.length() < Bounds.MAX_ADDR_CHARS) {
        int code = (int) varint(b, pos);
        String name = name(code);
        if (name == null) {
          return null;
        }
        sb.append('/').append(name);
        String value = value(code, b, pos);
        if (value != null) {
          sb.append('/').append(value);
        }
      }
    } catch (IndexOutOfBoundsException | IllegalArgumentException | UnknownHostException e) {
      return null;
    }
    return sb.length() == 0 ? null : Bounds.cut(sb.toString(), Bounds.MAX_ADDR_CHARS);
  }

  private static String name(int code) {
    return switch (code) {
      case 4 -> "ip4";
      case 6 -> "tcp";
      case 33 -> "dccp";
      case 41 -> "ip6";
      case 42 -> "ip6zone";
      case 53 -> "dns";
      case 54 -> "dns4";
      case 55 -> "dns6";
      case 56 -> "dnsaddr";
      case 132 -> "sctp";
      case 273 -> "udp";
      case 275 -> "p2p-webrtc-star";
      case 276 -> "p2p-webrtc-direct";
      case 277 -> "p2p-stardust";
      case 280 -> "webrtc-direct";
      case 281 -> "webrtc";
      case 290 -> "p2p-circuit";
      case 301 -> "udt";
      case 302 -> "utp";
      case 400 -> "unix";
      case 421 -> "p2p";
      case 443 -> "https";
      case 448 -> "tls";
      case 449 -> "sni";
      case 454 -> "noise";
      case 460 -> "quic";
      case 461 -> "quic-v1";
      case 465 -> "webtransport";
      case 466 -> "certhash";
      case 477 -> "ws";
      case 478 -> "wss";
      case 479 -> "p2p-websocket-star";
      case 480 -> "http";
      default -> null;
    };
  }

  private static String value(int code, byte[] b, int[] pos) throws UnknownHostException {
    switch (code) {
      case 4:
        return InetAddress.getByAddress(take(b, pos, 4)).getHostAddress();
      case 41:
        return InetAddress.getByAddress(take(b, pos, 16)).getHostAddress();
      case 6, 33, 132, 273:
        byte[] port = take(b, pos, 2);
        return Integer.toString(((port[0] & 0xff) << 8) | (port[1] & 0xff));
      case 42, 53, 54, 55, 56, 400, 449:
        return new String(sized(b, pos), StandardCharsets.UTF_8);
      case 421:
        byte[] id = sized(b, pos);
        if (id.length > MAX_PEER_ID_BYTES) {
          throw new IllegalArgumentException("peer id too long");
        }
        return base58(id);
      case 466:
        return "u" + Base64.getUrlEncoder().withoutPadding().encodeToString(sized(b, pos));
      default:
        return null;
    }
  }

  private static byte[] sized(byte[] b, int[] pos) {
    long n = varint(b, pos);
    if (n > b.length - pos[0]) {
      throw new IllegalArgumentException("length past the end");
    }
    return take(b, pos, (int) n);
  }

  private static byte[] take(byte[] b, int[] pos, int n) {
    if (n > b.length - pos[0]) {
      throw new IndexOutOfBoundsException("value past the end");
    }
    byte[] out = new byte[n];
    System.arraycopy(b, pos[0], out, 0, n);
    pos[0] += n;
    return out;
  }

  private static long varint(byte[] b, int[] pos) {
    long v = 0;
    for (int shift = 0; shift < 63; shift += 7) {
      int x = b[pos[0]++] & 0xff;
      v |= (long) (x & 0x7f) << shift;
      if ((x & 0x80) == 0) {
        return v;
      }
    }
    throw new IllegalArgumentException("varint too long");
  }

  static String base58(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    BigInteger n = new BigInteger(1, bytes);
    BigInteger radix = BigInteger.valueOf(58);
    while (n.signum() > 0) {
      BigInteger[] qr = n.divideAndRemainder(radix);
      sb.append(BASE58[qr[1].intValue()]);
      n = qr[0];
    }
    for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
      sb.append('1');
    }
    return sb.reverse().toString();
  }
}
