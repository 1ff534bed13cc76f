package io.libp2p.security.noise;

import com.google.protobuf.InvalidProtocolBufferException;
import crypto.pb.Crypto;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * A remote libp2p identity key that proved itself: the protobuf-encoded public key and the peer
 * id derived from it (libp2p peer-id spec: identity multihash when the encoded key is at most 42
 * bytes, as for Ed25519, else SHA-256 multihash).
 */
public record RemoteIdentity(byte[] publicKeyProtobuf, Crypto.KeyType keyType, byte[] peerId) {
    private static final int MAX_INLINE_KEY_LENGTH = 42;
    /** DER prefix of an X.509 SubjectPublicKeyInfo for OID 1.3.101.112 (Ed25519); the raw key follows. */
    private static final byte[] ED25519_X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    public RemoteIdentity {
        publicKeyProtobuf = publicKeyProtobuf.clone();
        peerId = peerId.clone();
    }

    @Override
    public byte[] publicKeyProtobuf() {
        return publicKeyProtobuf.clone();
    }

    @Override
    public byte[] peerId() {
        return peerId.clone();
    }

    /**
     * Decodes {@code keyProtobuf} and checks {@code signature} over {@code data}.
     *
     * @throws NoiseException when the key is malformed, of an unsupported type, or the signature fails
     */
    public static RemoteIdentity verify(byte[] keyProtobuf, byte[] data, byte[] signature) {
        Crypto.PublicKey key;
        try {
            key = Crypto.PublicKey.parseFrom(keyProtobuf);
        } catch (InvalidProtocolBufferException e) {
            throw new NoiseException("remote identity key is not a valid crypto.pb.PublicKey", e);
        }
        if (key.getType() != Crypto.KeyType.Ed25519) {
            throw new NoiseException("remote identity key type " + key.getType() + " is not supported (Ed25519 only)");
        }
        byte[] raw = key.getData().toByteArray();
        if (raw.length != 32) {
            throw new NoiseException("remote Ed25519 key must be 32 bytes, got " + raw.length);
        }
        boolean ok;
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(ed25519PublicKey(raw));
            s.update(data);
            ok = s.verify(signature);
        } catch (GeneralSecurityException e) {
            throw new NoiseException("remote identity signature could not be checked: " + e.getMessage(), e);
        }
        if (!ok) {
            throw new NoiseException("remote identity signature over the Noise static key is invalid");
        }
        return new RemoteIdentity(keyProtobuf, key.getType(), peerIdOf(keyProtobuf));
    }

    public static byte[] peerIdOf(byte[] keyProtobuf) {
        if (keyProtobuf.length <= MAX_INLINE_KEY_LENGTH) {
            byte[] out = new byte[keyProtobuf.length + 2];
            out[0] = 0x00; // identity multihash
            out[1] = (byte) keyProtobuf.length;
            System.arraycopy(keyProtobuf, 0, out, 2, keyProtobuf.length);
            return out;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyProtobuf);
            byte[] out = new byte[34];
            out[0] = 0x12;
            out[1] = 0x20;
            System.arraycopy(digest, 0, out, 2, 32);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    static PublicKey ed25519PublicKey(byte[] raw) throws GeneralSecurityException {
        byte[] enc = Arrays.copyOf(ED25519_X509_PREFIX, ED25519_X509_PREFIX.length + 32);
        System.arraycopy(raw, 0, enc, ED25519_X509_PREFIX.length, 32);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(enc));
    }

    static byte[] ed25519Raw(PublicKey key) {
        byte[] enc = key.getEncoded();
        return Arrays.copyOfRange(enc, enc.length - 32, enc.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RemoteIdentity r && Arrays.equals(publicKeyProtobuf, r.publicKeyProtobuf);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKeyProtobuf);
    }

    @Override
    public String toString() {
        return "RemoteIdentity[" + keyType + "]";
    }
}
