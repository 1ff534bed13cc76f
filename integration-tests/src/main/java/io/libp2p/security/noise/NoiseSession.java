package io.libp2p.security.noise;

import java.util.List;

/** The outcome of a completed handshake: who the remote proved to be and which muxers it offered early. */
public record NoiseSession(RemoteIdentity remote, List<String> remoteEarlyMuxers) {
    public NoiseSession {
        remoteEarlyMuxers = List.copyOf(remoteEarlyMuxers);
    }
}
