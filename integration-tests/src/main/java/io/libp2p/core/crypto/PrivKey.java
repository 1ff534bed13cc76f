package io.libp2p.core.crypto;

import crypto.pb.Crypto;
import java.util.Arrays;

/** A private key of any supported type. */
public abstract class PrivKey implements Key {
    private final Crypto.KeyType keyType;

    public PrivKey(Crypto.KeyType keyType) {
        this.keyType = keyType;
    }

    @Override
    public Crypto.KeyType getKeyType() {
        return keyType;
    }

    public abstract byte[] sign(byte[] data);

    public abstract PubKey publicKey();

    @Override
    public byte[] bytes() {
        return KeyKt.marshalPrivateKey(this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PrivKey k && keyType == k.getKeyType() && Arrays.equals(raw(), k.raw());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw());
    }
}
