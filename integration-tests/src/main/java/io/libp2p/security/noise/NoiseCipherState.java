package io.libp2p.security.noise;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Noise CipherState for ChaChaPoly: a 32-byte key and a 64-bit counter nonce, encoded as four zero
 * bytes followed by the counter in little-endian order. Not thread-safe: one per direction, used on
 * the channel's event loop.
 */
public final class NoiseCipherState {
    public static final int TAG_LENGTH = 16;

    private final SecretKeySpec key;
    private final Cipher cipher;
    private final byte[] nonce = new byte[12];
    private long n;

    NoiseCipherState(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("ChaChaPoly keys are 32 bytes");
        }
        this.key = new SecretKeySpec(key, "ChaCha20");
        try {
            this.cipher = Cipher.getInstance("ChaCha20-Poly1305");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK lacks ChaCha20-Poly1305", e);
        }
    }

    public byte[] encrypt(byte[] ad, byte[] plaintext, int offset, int length) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, nextNonce());
            if (ad.length > 0) {
                cipher.updateAAD(ad);
            }
            return cipher.doFinal(plaintext, offset, length);
        } catch (GeneralSecurityException e) {
            throw new NoiseException("encryption failed", e);
        }
    }

    public byte[] decrypt(byte[] ad, byte[] ciphertext, int offset, int length) {
        if (length < TAG_LENGTH) {
            throw new NoiseException("ciphertext of " + length + " bytes is shorter than the authentication tag");
        }
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, nextNonce());
            if (ad.length > 0) {
                cipher.updateAAD(ad);
            }
            return cipher.doFinal(ciphertext, offset, length);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new NoiseException("message failed authentication (tampered, reordered or wrong key)", e);
        } catch (GeneralSecurityException e) {
            throw new NoiseException("decryption failed", e);
        }
    }

    private IvParameterSpec nextNonce() {
        if (n == -1L) {
            // 2^64-1 is reserved by the Noise spec; a connection never gets near it, but never wrap.
            throw new NoiseException("nonce exhausted");
        }
        long v = n++;
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (v >>> (8 * i));
        }
        return new IvParameterSpec(nonce);
    }
}
