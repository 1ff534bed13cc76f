package io.libp2p.security.noise;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Noise SymmetricState with SHA-256 and HKDF over HMAC-SHA256 (Noise spec, section 5.2). */
final class NoiseSymmetricState {
    static final int HASH_LEN = 32;

    private byte[] ck;
    private byte[] h;
    private NoiseCipherState cipher;

    NoiseSymmetricState(String protocolName) {
        byte[] name = protocolName.getBytes(StandardCharsets.US_ASCII);
        h = name.length <= HASH_LEN ? Arrays.copyOf(name, HASH_LEN) : sha256(name);
        ck = h.clone();
    }

    void mixKey(byte[] ikm) {
        byte[][] out = hkdf(ck, ikm);
        ck = out[0];
        cipher = new NoiseCipherState(out[1]);
    }

    void mixHash(byte[] data) {
        h = sha256(h, data);
    }

    byte[] encryptAndHash(byte[] plaintext) {
        byte[] ct = cipher == null ? plaintext.clone() : cipher.encrypt(h, plaintext, 0, plaintext.length);
        mixHash(ct);
        return ct;
    }

    byte[] decryptAndHash(byte[] ciphertext) {
        byte[] pt = cipher == null ? ciphertext.clone() : cipher.decrypt(h, ciphertext, 0, ciphertext.length);
        mixHash(ciphertext);
        return pt;
    }

    boolean hasKey() {
        return cipher != null;
    }

    /** Returns the initiator-to-responder and responder-to-initiator cipher states. */
    NoiseCipherState[] split() {
        byte[][] out = hkdf(ck, new byte[0]);
        return new NoiseCipherState[] {new NoiseCipherState(out[0]), new NoiseCipherState(out[1])};
    }

    byte[] handshakeHash() {
        return h.clone();
    }

    private static byte[][] hkdf(byte[] chainingKey, byte[] ikm) {
        byte[] temp = hmac(chainingKey, ikm);
        byte[] out1 = hmac(temp, new byte[] {1});
        byte[] in2 = Arrays.copyOf(out1, HASH_LEN + 1);
        in2[HASH_LEN] = 2;
        byte[] out2 = hmac(temp, in2);
        return new byte[][] {out1, out2};
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                md.update(p);
            }
            return md.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
