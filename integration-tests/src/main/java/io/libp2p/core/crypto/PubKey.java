package io.libp2p.core.crypto;

import crypto.pb.Crypto;
import java.util.Arrays;

/** A public key of any supported type. */
public abstract class PubKey implements Key {
    private final Crypto.KeyType keyType;

    public PubKey(Crypto.KeyType keyType) {
        this.keyType = keyType;
    }

    @Override
    public Crypto.KeyType getKeyType() {
        return keyType;
    }

    public abstract boolean verify(byte[] data, byte[] signature);

    @Override
    public byte[] bytes() {
        return KeyKt.marshalPublicKey(this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PubKey k && keyType == k.getKeyType() && Arrays.equals(raw(), k.raw());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw());
    }
}
