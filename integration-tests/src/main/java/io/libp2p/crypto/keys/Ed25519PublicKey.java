package io.libp2p.crypto.keys;

import crypto.pb.Crypto;
import io.libp2p.core.crypto.PubKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

/** Ed25519 public key on the JDK's EdDSA provider. */
public final class Ed25519PublicKey extends PubKey {
    /** X.509 SubjectPublicKeyInfo prefix for a raw 32-byte Ed25519 key. */
    static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private final byte[] raw;
    private final PublicKey jdkKey;

    public Ed25519PublicKey(byte[] raw) {
        super(Crypto.KeyType.Ed25519);
        if (raw.length != 32) {
            throw new IllegalArgumentException("Ed25519 public key must be 32 bytes, got " + raw.length);
        }
        this.raw = raw.clone();
        byte[] enc = new byte[X509_PREFIX.length + 32];
        System.arraycopy(X509_PREFIX, 0, enc, 0, X509_PREFIX.length);
        System.arraycopy(raw, 0, enc, X509_PREFIX.length, 32);
        try {
            this.jdkKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(enc));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Invalid Ed25519 public key", e);
        }
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    @Override
    public boolean verify(byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(jdkKey);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
