package io.libp2p.security.noise;

/** The local libp2p identity key as the Noise handshake needs it. */
public interface NoiseIdentity {
    /** The public key as a protobuf-encoded {@code crypto.pb.PublicKey}. */
    byte[] publicKeyProtobuf();

    /** Signs {@code data} with the identity's private key. */
    byte[] sign(byte[] data);
}
