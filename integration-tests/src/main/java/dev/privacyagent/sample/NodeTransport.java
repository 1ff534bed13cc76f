package dev.privacyagent.sample;

import java.util.Locale;

/**
 * The transport a sample node listens on (sample-node {@code --transport}). Every node listens on TCP;
 * a QUIC node also listens on {@code /ip4/127.0.0.1/udp/0/quic-v1} and is dialled there by the other
 * JVM nodes, which all carry a QUIC transport for dialling as soon as one node is QUIC (js peers and
 * the plaintext node keep to TCP). QUIC carries the libp2p TLS handshake and its own streams, so a
 * QUIC connection is {@code /tls/1.0.0} with no muxer id, whatever {@code --security} says.
 */
enum NodeTransport {
    TCP,
    QUIC;

    static final String QUIC_LISTEN = "/ip4/127.0.0.1/udp/0/quic-v1";

    static NodeTransport parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown transport '" + s + "' (tcp or quic)");
        }
    }
}
