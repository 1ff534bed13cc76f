package io.libp2p.security.noise;

import com.google.protobuf.ByteString;
import crypto.pb.Crypto;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;

/** An Ed25519 libp2p identity held as JDK keys. */
public final class Ed25519Identity implements NoiseIdentity {
    private final KeyPair keys;
    private final byte[] publicKeyProtobuf;

    public Ed25519Identity(KeyPair keys) {
        this.keys = keys;
        this.publicKeyProtobuf = Crypto.PublicKey.newBuilder()
            .setType(Crypto.KeyType.Ed25519)
            .setData(ByteString.copyFrom(RemoteIdentity.ed25519Raw(keys.getPublic())))
            .build().toByteArray();
    }

    public static Ed25519Identity generate() {
        try {
            return new Ed25519Identity(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK lacks Ed25519", e);
        }
    }

    @Override
    public byte[] publicKeyProtobuf() {
        return publicKeyProtobuf.clone();
    }

    @Override
    public byte[] sign(byte[] data) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(keys.getPrivate());
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** The peer id multihash of this identity. */
    public byte[] peerId() {
        return RemoteIdentity.peerIdOf(publicKeyProtobuf);
    }

    @Override
    public String toString() {
        return "Ed25519Identity[" + Arrays.toString(Arrays.copyOf(peerId(), 4)) + "...]";
    }
}
