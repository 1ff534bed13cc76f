package io.libp2p.core.multiformats;

import io.libp2p.core.PeerId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** A multiaddress (https://github.com/multiformats/multiaddr): text and binary forms. */
public final class Multiaddr {
    /** Bound on the binary form we accept from the network. */
    private static final int MAX_BYTES = 1024;

    private final List<MultiaddrComponent> components;

    public Multiaddr(List<MultiaddrComponent> components) {
        this.components = List.copyOf(components);
    }

    public Multiaddr(String addr) {
        this(parse(addr));
    }

    public List<MultiaddrComponent> getComponents() {
        return components;
    }

    public List<MultiaddrComponent> filterComponents(Protocol... protocols) {
        List<Protocol> ps = Arrays.asList(protocols);
        List<MultiaddrComponent> out = new ArrayList<>();
        for (MultiaddrComponent c : components) {
            if (ps.contains(c.getProtocol())) {
                out.add(c);
            }
        }
        return out;
    }

    public MultiaddrComponent getFirstComponent(Protocol protocol) {
        for (MultiaddrComponent c : components) {
            if (c.getProtocol() == protocol) {
                return c;
            }
        }
        return null;
    }

    public boolean has(Protocol protocol) {
        return getFirstComponent(protocol) != null;
    }

    public boolean hasAny(Protocol... protocols) {
        for (Protocol p : protocols) {
            if (has(p)) {
                return true;
            }
        }
        return false;
    }

    /** The peer id of the /p2p component, or null. */
    public PeerId getPeerId() {
        MultiaddrComponent c = getFirstComponent(Protocol.P2P);
        return c == null ? null : new PeerId(c.getValue());
    }

    /** This address with /p2p/peerId appended (an existing equal /p2p component is kept, a different one is an error). */
    public Multiaddr withP2P(PeerId peerId) {
        PeerId existing = getPeerId();
        if (existing != null) {
            if (!existing.equals(peerId)) {
                throw new IllegalArgumentException("Multiaddr " + this + " already has a different peer id");
            }
            return this;
        }
        return withComponent(Protocol.P2P, peerId.getBytes());
    }

    public Multiaddr withComponent(Protocol protocol, byte[] value) {
        List<MultiaddrComponent> l = new ArrayList<>(components);
        l.add(new MultiaddrComponent(protocol, value));
        return new Multiaddr(l);
    }

    public Multiaddr withComponent(Protocol protocol, String value) {
        return withComponent(protocol, protocol.addressToBytes(value));
    }

    public Multiaddr withComponent(Protocol protocol) {
        return withComponent(protocol, (byte[]) null);
    }

    public Multiaddr concatenated(Multiaddr other) {
        List<MultiaddrComponent> l = new ArrayList<>(components);
        l.addAll(other.components);
        return new Multiaddr(l);
    }

    public Multiaddr merged(Multiaddr other) {
        List<MultiaddrComponent> l = new ArrayList<>(components);
        for (MultiaddrComponent c : other.components) {
            if (!l.contains(c)) {
                l.add(c);
            }
        }
        return new Multiaddr(l);
    }

    public ByteBuf serializeToBuf(ByteBuf buf) {
        for (MultiaddrComponent c : components) {
            writeUvarint(buf, c.getProtocol().getCode());
            byte[] v = c.getValue();
            if (v != null) {
                if (c.getProtocol().getSize() < 0) {
                    writeUvarint(buf, v.length);
                }
                buf.writeBytes(v);
            }
        }
        return buf;
    }

    public byte[] serialize() {
        ByteBuf buf = Unpooled.buffer();
        try {
            serializeToBuf(buf);
            byte[] out = new byte[buf.readableBytes()];
            buf.readBytes(out);
            return out;
        } finally {
            buf.release();
        }
    }

    public List<MultiaddrComponent> component1() {
        return components;
    }

    public Multiaddr copy(List<MultiaddrComponent> components) {
        return new Multiaddr(components);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (MultiaddrComponent c : components) {
            sb.append(c);
        }
        return sb.toString();
    }

    @Override
    public int hashCode() {
        return components.hashCode();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Multiaddr m && components.equals(m.components);
    }

    public static Multiaddr fromString(String addr) {
        return new Multiaddr(addr);
    }

    public static Multiaddr deserialize(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("Multiaddr too long: " + bytes.length + " bytes");
        }
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        return deserializeFromBuf(buf);
    }

    public static Multiaddr deserializeFromBuf(ByteBuf buf) {
        List<MultiaddrComponent> l = new ArrayList<>();
        while (buf.isReadable()) {
            Protocol p = Protocol.getOrThrow((int) readUvarint(buf));
            byte[] v = null;
            if (p.getSize() != 0) {
                long len = p.getSize() > 0 ? p.getSize() / 8 : readUvarint(buf);
                if (len > buf.readableBytes()) {
                    throw new IllegalArgumentException("Truncated multiaddr value for " + p.getTypeName());
                }
                v = new byte[(int) len];
                buf.readBytes(v);
                p.bytesToAddress(v); // reject values that could not be printed (e.g. a malformed /p2p id)
            }
            l.add(new MultiaddrComponent(p, v));
        }
        return new Multiaddr(l);
    }

    public static Multiaddr empty() {
        return new Multiaddr(Collections.emptyList());
    }

    private static List<MultiaddrComponent> parse(String addr) {
        if (addr == null || addr.isEmpty()) {
            return Collections.emptyList();
        }
        if (!addr.startsWith("/")) {
            throw new IllegalArgumentException("Multiaddr must start with '/': " + addr);
        }
        String[] parts = addr.substring(1).split("/", -1);
        List<MultiaddrComponent> l = new ArrayList<>();
        int i = 0;
        while (i < parts.length) {
            if (parts[i].isEmpty() && i == parts.length - 1) {
                break;
            }
            Protocol p = Protocol.getOrThrow(parts[i++]);
            byte[] v = null;
            if (p.hasValue()) {
                if (i >= parts.length || parts[i].isEmpty()) {
                    throw new IllegalArgumentException("Missing value for /" + p.getTypeName() + " in " + addr);
                }
                v = p.addressToBytes(parts[i++]);
            }
            l.add(new MultiaddrComponent(p, v));
        }
        return l;
    }

    private static void writeUvarint(ByteBuf buf, long value) {
        long v = value;
        while ((v & ~0x7fL) != 0) {
            buf.writeByte((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        buf.writeByte((int) v);
    }

    private static long readUvarint(ByteBuf buf) {
        long result = 0;
        for (int shift = 0; shift < 63; shift += 7) {
            if (!buf.isReadable()) {
                throw new IllegalArgumentException("Truncated varint in multiaddr");
            }
            int b = buf.readByte();
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("Varint too long in multiaddr");
    }
}
