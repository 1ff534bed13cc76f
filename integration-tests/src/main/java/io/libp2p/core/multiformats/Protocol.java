package io.libp2p.core.multiformats;

import io.libp2p.core.PeerId;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/** Multiaddr protocols (multicodec table): code, value size in bits (-1 variable, 0 none) and name. */
public enum Protocol {
    IP4(4, 32, "ip4"),
    TCP(6, 16, "tcp"),
    DCCP(33, 16, "dccp"),
    IP6(41, 128, "ip6"),
    IP6ZONE(42, -1, "ip6zone"),
    DNS(53, -1, "dns"),
    DNS4(54, -1, "dns4"),
    DNS6(55, -1, "dns6"),
    DNSADDR(56, -1, "dnsaddr"),
    SCTP(132, 16, "sctp"),
    UDP(273, 16, "udp"),
    P2PCIRCUIT(290, 0, "p2p-circuit"),
    UDT(301, 0, "udt"),
    UTP(302, 0, "utp"),
    UNIX(400, -1, "unix"),
    P2P(421, -1, "p2p"),
    HTTPS(443, 0, "https"),
    TLS(448, 0, "tls"),
    NOISE(454, 0, "noise"),
    QUIC(460, 0, "quic"),
    QUICV1(461, 0, "quic-v1"),
    WEBTRANSPORT(465, 0, "webtransport"),
    WS(477, 0, "ws"),
    WSS(478, 0, "wss"),
    HTTP(480, 0, "http");

    private final int code;
    private final int size;
    private final String typeName;

    Protocol(int code, int size, String typeName) {
        this.code = code;
        this.size = size;
        this.typeName = typeName;
    }

    public int getCode() {
        return code;
    }

    public int getSize() {
        return size;
    }

    public String getTypeName() {
        return typeName;
    }

    public boolean hasValue() {
        return size != 0;
    }

    public static Protocol getOrThrow(String name) {
        Protocol p = get(name);
        if (p == null) {
            throw new IllegalArgumentException("Unknown multiaddr protocol: " + name);
        }
        return p;
    }

    public static Protocol get(String name) {
        if ("ipfs".equals(name)) {
            return P2P;
        }
        for (Protocol p : values()) {
            if (p.typeName.equals(name)) {
                return p;
            }
        }
        return null;
    }

    public static Protocol getOrThrow(int code) {
        for (Protocol p : values()) {
            if (p.code == code) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown multiaddr protocol code: " + code);
    }

    /** Converts the textual value to its binary form. */
    public byte[] addressToBytes(String addr) {
        try {
            switch (this) {
                case IP4: {
                    if (!addr.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                        throw new IllegalArgumentException("Invalid IPv4 address: " + addr);
                    }
                    return InetAddress.getByName(addr).getAddress();
                }
                case IP6: {
                    if (!addr.contains(":")) {
                        throw new IllegalArgumentException("Invalid IPv6 address: " + addr);
                    }
                    byte[] b = InetAddress.getByName(addr).getAddress();
                    if (b.length != 16) {
                        throw new IllegalArgumentException("Invalid IPv6 address: " + addr);
                    }
                    return b;
                }
                case TCP: case UDP: case DCCP: case SCTP: {
                    int port = Integer.parseInt(addr);
                    if (port < 0 || port > 65535) {
                        throw new IllegalArgumentException("Port out of range: " + addr);
                    }
                    return new byte[] {(byte) (port >> 8), (byte) port};
                }
                case P2P:
                    return PeerId.fromBase58(addr).getBytes();
                default:
                    return addr.getBytes(StandardCharsets.UTF_8);
            }
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("Invalid " + typeName + " value: " + addr, e);
        }
    }

    /** Converts the binary value to its textual form. */
    public String bytesToAddress(byte[] bytes) {
        try {
            switch (this) {
                case IP4: case IP6: {
                    String s = InetAddress.getByAddress(bytes).getHostAddress();
                    return s;
                }
                case TCP: case UDP: case DCCP: case SCTP:
                    return Integer.toString(((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff));
                case P2P:
                    return new PeerId(bytes).toBase58();
                default:
                    return new String(bytes, StandardCharsets.UTF_8);
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Invalid " + typeName + " bytes", e);
        }
    }
}
