package io.libp2p.core.crypto;

import crypto.pb.Crypto;

/** A libp2p key. */
public interface Key {
    Crypto.KeyType getKeyType();

    /** The protobuf envelope (crypto.pb PublicKey/PrivateKey) of this key. */
    byte[] bytes();

    /** The raw key bytes, as carried inside the envelope. */
    byte[] raw();
}
