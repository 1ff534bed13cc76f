package io.libp2p.security.plaintext;

import io.libp2p.core.P2PChannel;
import io.libp2p.core.crypto.PrivKey;
import io.libp2p.core.multistream.ProtocolDescriptor;
import io.libp2p.core.mux.StreamMuxer;
import io.libp2p.core.security.SecureChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * /plaintext/2.0.0: both sides exchange their peer id and public key, then talk unencrypted. For
 * tests and for the analyzer's weak-security detector only.
 */
public class PlaintextInsecureChannel implements SecureChannel {
    public static final String PROTOCOL_ID = "/plaintext/2.0.0";

    private final PrivKey localKey;

    public PlaintextInsecureChannel(PrivKey localKey, List<StreamMuxer> muxerProtocols) {
        this.localKey = localKey;
    }

    public PlaintextInsecureChannel(PrivKey localKey) {
        this(localKey, List.of());
    }

    @Override
    public ProtocolDescriptor getProtocolDescriptor() {
        return new ProtocolDescriptor(PROTOCOL_ID);
    }

    @Override
    public CompletableFuture<SecureChannel.Session> initChannel(P2PChannel ch, String selectedProtocol) {
        CompletableFuture<SecureChannel.Session> handshake = new CompletableFuture<>();
        ch.pushHandler(new PlaintextHandshakeHandler(localKey, handshake));
        return handshake;
    }
}
