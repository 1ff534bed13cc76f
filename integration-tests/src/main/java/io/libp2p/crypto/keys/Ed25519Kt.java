package io.libp2p.crypto.keys;

import io.libp2p.core.crypto.PrivKey;
import io.libp2p.core.crypto.PubKey;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Arrays;

/** Ed25519 key generation and raw-key parsing. */
public final class Ed25519Kt {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ed25519Kt() {
    }

    public static kotlin.Pair<PrivKey, PubKey> generateEd25519KeyPair() {
        byte[] seed = new byte[32];
        RANDOM.nextBytes(seed);
        Ed25519PrivateKey priv = new Ed25519PrivateKey(seed, null);
        return new kotlin.Pair<>(priv, priv.publicKey());
    }

    /** Accepts a 32-byte seed or libp2p's 64-byte seed || public key. */
    public static PrivKey unmarshalEd25519PrivateKey(byte[] keyBytes) {
        if (keyBytes.length == 64) {
            return new Ed25519PrivateKey(Arrays.copyOf(keyBytes, 32), Arrays.copyOfRange(keyBytes, 32, 64));
        }
        return new Ed25519PrivateKey(keyBytes, null);
    }

    public static PubKey unmarshalEd25519PublicKey(byte[] keyBytes) {
        return new Ed25519PublicKey(keyBytes);
    }

    /** Derives the public key of a seed by letting the JDK generate a key pair from it. */
    static byte[] derivePublic(byte[] seed) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
            g.initialize(255, new FixedRandom(seed));
            KeyPair kp = g.generateKeyPair();
            byte[] enc = kp.getPublic().getEncoded();
            return Arrays.copyOfRange(enc, enc.length - 32, enc.length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 unavailable", e);
        }
    }

    /** Feeds the seed to the JDK generator, which reads exactly 32 bytes for Ed25519. */
    private static final class FixedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        FixedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(bytes.length, seed.length));
        }
    }
}
