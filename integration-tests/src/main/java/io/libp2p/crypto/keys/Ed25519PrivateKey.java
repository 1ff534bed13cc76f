package io.libp2p.crypto.keys;

import crypto.pb.Crypto;
import io.libp2p.core.crypto.PrivKey;
import io.libp2p.core.crypto.PubKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;

/** Ed25519 private key (32-byte seed) on the JDK's EdDSA provider. */
public final class Ed25519PrivateKey extends PrivKey {
    /** PKCS#8 prefix for a raw 32-byte Ed25519 seed. */
    static final byte[] PKCS8_PREFIX = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
        0x04, 0x22, 0x04, 0x20};

    private final byte[] seed;
    private final PrivateKey jdkKey;
    private final Ed25519PublicKey publicKey;

    public Ed25519PrivateKey(byte[] seed, byte[] publicRaw) {
        super(Crypto.KeyType.Ed25519);
        if (seed.length != 32) {
            throw new IllegalArgumentException("Ed25519 seed must be 32 bytes, got " + seed.length);
        }
        this.seed = seed.clone();
        byte[] enc = new byte[PKCS8_PREFIX.length + 32];
        System.arraycopy(PKCS8_PREFIX, 0, enc, 0, PKCS8_PREFIX.length);
        System.arraycopy(seed, 0, enc, PKCS8_PREFIX.length, 32);
        try {
            this.jdkKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(enc));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Invalid Ed25519 private key", e);
        }
        this.publicKey = new Ed25519PublicKey(publicRaw != null ? publicRaw : Ed25519Kt.derivePublic(seed));
    }

    /** libp2p's envelope carries seed || public key (64 bytes). */
    @Override
    public byte[] raw() {
        byte[] out = Arrays.copyOf(seed, 64);
        System.arraycopy(publicKey.raw(), 0, out, 32, 32);
        return out;
    }

    @Override
    public byte[] sign(byte[] data) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(jdkKey);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    @Override
    public PubKey publicKey() {
        return publicKey;
    }
}
