package io.libp2p.security.noise;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;

/** X25519 Diffie-Hellman on JDK crypto, with keys in their 32-byte wire form. */
final class X25519 {
    static final int KEY_LENGTH = 32;
    /** DER prefix of an X.509 SubjectPublicKeyInfo for OID 1.3.101.110 (X25519); the raw key follows. */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03, 0x21, 0x00};

    private X25519() {
    }

    static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("X25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK lacks X25519", e);
        }
    }

    static byte[] publicKeyBytes(KeyPair pair) {
        byte[] enc = pair.getPublic().getEncoded();
        return Arrays.copyOfRange(enc, enc.length - KEY_LENGTH, enc.length);
    }

    static byte[] dh(PrivateKey local, byte[] remotePublic) {
        if (remotePublic.length != KEY_LENGTH) {
            throw new NoiseException("X25519 public key must be 32 bytes, got " + remotePublic.length);
        }
        try {
            byte[] enc = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + KEY_LENGTH);
            System.arraycopy(remotePublic, 0, enc, X509_PREFIX.length, KEY_LENGTH);
            KeyAgreement ka = KeyAgreement.getInstance("XDH");
            ka.init(local);
            ka.doPhase(KeyFactory.getInstance("XDH").generatePublic(new X509EncodedKeySpec(enc)), true);
            return ka.generateSecret();
        } catch (GeneralSecurityException e) {
            // The JDK refuses small-order points (all-zero shared secret): treat as a hostile peer.
            throw new NoiseException("X25519 key agreement failed: " + e.getMessage(), e);
        }
    }
}
