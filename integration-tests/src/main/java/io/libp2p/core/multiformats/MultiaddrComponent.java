package io.libp2p.core.multiformats;

import java.util.Arrays;
import java.util.Objects;

/** One protocol of a multiaddr and its binary value (null for value-less protocols). */
public final class MultiaddrComponent {
    private final Protocol protocol;
    private final byte[] value;

    public MultiaddrComponent(Protocol protocol, byte[] value) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        if (protocol.hasValue() && value == null) {
            throw new IllegalArgumentException("Protocol " + protocol.getTypeName() + " needs a value");
        }
        if (protocol.getSize() > 0 && value.length * 8 != protocol.getSize()) {
            throw new IllegalArgumentException("Protocol " + protocol.getTypeName() + " needs " + protocol.getSize() / 8
                    + " bytes, got " + value.length);
        }
        this.value = value == null ? null : value.clone();
    }

    public Protocol getProtocol() {
        return protocol;
    }

    public byte[] getValue() {
        return value == null ? null : value.clone();
    }

    public String getStringValue() {
        return value == null ? null : protocol.bytesToAddress(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultiaddrComponent c && protocol == c.protocol && Arrays.equals(value, c.value);
    }

    @Override
    public int hashCode() {
        return 31 * protocol.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "/" + protocol.getTypeName() + (value == null ? "" : "/" + getStringValue());
    }
}
