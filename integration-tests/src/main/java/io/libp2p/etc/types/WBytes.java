package io.libp2p.etc.types;

import java.util.Arrays;
import java.util.HexFormat;

/** A byte array with value equality (jvm-libp2p's message id type); {@code toString()} is lowercase hex. */
public final class WBytes {
    private final byte[] array;

    public WBytes(byte[] array) {
        this.array = array;
    }

    /** The wrapped array itself (not a copy), as in jvm-libp2p. */
    public final byte[] getArray() {
        return array;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WBytes w && Arrays.equals(array, w.array);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(array);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(array);
    }
}
