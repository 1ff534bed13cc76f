package dev.privacyagent.sample;

import io.libp2p.core.crypto.PrivKey;
import io.libp2p.core.mux.StreamMuxer;
import io.libp2p.core.security.SecureChannel;
import io.libp2p.security.noise.NoiseXXSecureChannel;
import io.libp2p.security.plaintext.PlaintextInsecureChannel;
import io.libp2p.security.tls.TlsSecureChannel;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * The security a sample node speaks (sample-node {@code --security}). A Noise node offers Noise first
 * and also accepts TLS; a TLS node speaks only TLS (a Noise node dialling it falls back to TLS), so
 * every connection of a TLS node is {@code /tls/1.0.0}. Every node also accepts plaintext, for the
 * plaintext node; that one offers nothing else.
 */
enum NodeSecurity {
    NOISE,
    TLS;

    static NodeSecurity parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown security '" + s + "' (noise or tls)");
        }
    }

    /** The secure channels of a node, in the order its dials offer them. */
    List<BiFunction<PrivKey, List<StreamMuxer>, SecureChannel>> channels(boolean plaintextOnly) {
        if (plaintextOnly) {
            return List.of(PlaintextInsecureChannel::new);
        }
        return this == TLS
            ? List.of(TlsSecureChannel::new, PlaintextInsecureChannel::new)
            : List.of(NoiseXXSecureChannel::new, TlsSecureChannel::new, PlaintextInsecureChannel::new);
    }

    /** The protocol ids of {@link #channels}, for the node's ground-truth line. */
    List<String> ids(boolean plaintextOnly) {
        if (plaintextOnly) {
            return List.of("/plaintext/2.0.0");
        }
        return this == TLS ? List.of(TlsSecureChannel.announce, "/plaintext/2.0.0")
            : List.of(NoiseXXSecureChannel.PROTOCOL_ID, TlsSecureChannel.announce, "/plaintext/2.0.0");
    }
}
