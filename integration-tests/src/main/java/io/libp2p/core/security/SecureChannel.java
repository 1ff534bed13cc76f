package io.libp2p.core.security;

import io.libp2p.core.PeerId;
import io.libp2p.core.crypto.PubKey;
import io.libp2p.core.multistream.NegotiatedProtocol;
import io.libp2p.core.multistream.ProtocolBinding;
import io.libp2p.core.mux.StreamMuxer;

/**
 * A security protocol (/noise, /plaintext/2.0.0). {@code initChannel(ch, negotiatedId)} runs the
 * handshake on the raw connection, installs the encrypting handlers on it and completes with the
 * {@link Session}; it fails on a failed handshake (including a remote whose key does not match the
 * dialed peer id, which the engine reads from {@code AttributesKt.getREMOTE_PEER_ID()} on the
 * channel when set).
 */
public interface SecureChannel extends ProtocolBinding<SecureChannel.Session> {

    /** The outcome of a handshake. */
    class Session {
        private final PeerId localId;
        private final PeerId remoteId;
        private final PubKey remotePubKey;
        private final NegotiatedProtocol<StreamMuxer.Session, StreamMuxer> earlyMuxer;

        public Session(PeerId localId, PeerId remoteId, PubKey remotePubKey,
                NegotiatedProtocol<StreamMuxer.Session, StreamMuxer> earlyMuxer) {
            this.localId = localId;
            this.remoteId = remoteId;
            this.remotePubKey = remotePubKey;
            this.earlyMuxer = earlyMuxer;
        }

        public final PeerId getLocalId() {
            return localId;
        }

        public final PeerId getRemoteId() {
            return remoteId;
        }

        public final PubKey getRemotePubKey() {
            return remotePubKey;
        }

        /** The muxer agreed inside the handshake, or null when multistream must negotiate it. */
        public final NegotiatedProtocol<StreamMuxer.Session, StreamMuxer> getEarlyMuxer() {
            return earlyMuxer;
        }
    }
}
