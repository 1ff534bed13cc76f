package io.libp2p.core;

import io.libp2p.core.crypto.PubKey;
import io.libp2p.etc.encode.Base58;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/** A peer id: the multihash of the peer's protobuf-encoded public key (libp2p peer-id spec). */
public final class PeerId {
    /** Keys whose encoding is at most this long are inlined with the identity multihash. */
    private static final int MAX_INLINE_KEY_LENGTH = 42;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] b;

    public PeerId(byte[] b) {
        if (b.length < 32 || b.length > 50) {
            throw new IllegalArgumentException("Invalid peerId length: " + b.length);
        }
        this.b = b.clone();
    }

    public byte[] getBytes() {
        return b.clone();
    }

    public String toBase58() {
        return Base58.encode(b);
    }

    public String toHex() {
        return HexFormat.of().formatHex(b);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PeerId p && Arrays.equals(b, p.b);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(b);
    }

    @Override
    public String toString() {
        return toBase58();
    }

    public static PeerId fromBase58(String str) {
        return new PeerId(Base58.decode(str));
    }

    public static PeerId fromHex(String str) {
        return new PeerId(HexFormat.of().parseHex(str));
    }

    public static PeerId fromPubKey(PubKey pubKey) {
        byte[] pubKeyBytes = pubKey.bytes();
        byte[] mh;
        if (pubKeyBytes.length <= MAX_INLINE_KEY_LENGTH) {
            mh = new byte[2 + pubKeyBytes.length];
            mh[0] = 0x00; // identity
            mh[1] = (byte) pubKeyBytes.length;
            System.arraycopy(pubKeyBytes, 0, mh, 2, pubKeyBytes.length);
        } else {
            byte[] digest = sha256(pubKeyBytes);
            mh = new byte[2 + digest.length];
            mh[0] = 0x12; // sha2-256
            mh[1] = (byte) digest.length;
            System.arraycopy(digest, 0, mh, 2, digest.length);
        }
        return new PeerId(mh);
    }

    public static PeerId random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new PeerId(bytes);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
