package io.libp2p.security.noise;

/**
 * Decodes the remote's protobuf-encoded identity key, checks its signature over the Noise static
 * key, and derives its peer id. {@link RemoteIdentity#verify} does this for Ed25519 on JDK crypto;
 * a host may plug in its own key types.
 */
@FunctionalInterface
public interface RemoteKeyVerifier {
    /** @throws NoiseException when the key cannot be decoded or the signature is wrong */
    RemoteIdentity verify(byte[] keyProtobuf, byte[] signedData, byte[] signature);
}
