package io.libp2p.core.dsl;

import com.google.protobuf.ByteString;
import crypto.pb.Crypto;
import identify.pb.IdentifyOuterClass;
import io.libp2p.core.ChannelVisitor;
import io.libp2p.core.ConnectionHandler;
import io.libp2p.core.Host;
import io.libp2p.core.Stream;
import io.libp2p.core.crypto.KeyKt;
import io.libp2p.core.crypto.PrivKey;
import io.libp2p.core.multiformats.Multiaddr;
import io.libp2p.core.multistream.MultistreamProtocol;
import io.libp2p.core.multistream.MultistreamProtocolV1;
import io.libp2p.core.multistream.ProtocolBinding;
import io.libp2p.core.multistream.VisitingMultistreamProtocol;
import io.libp2p.core.mux.StreamMuxer;
import io.libp2p.core.mux.StreamMuxerProtocol;
import io.libp2p.core.security.SecureChannel;
import io.libp2p.core.transport.Transport;
import io.libp2p.etc.BroadcastChannelVisitor;
import io.libp2p.host.HostImpl;
import io.libp2p.host.MemoryAddressBook;
import io.libp2p.network.NetworkImpl;
import io.libp2p.protocol.IdentifyBinding;
import io.libp2p.protocol.IdentifyProtocol;
import io.libp2p.transport.ConnectionUpgrader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Java-friendly host builder in the style of jvm-libp2p's:
 * <pre>
 * Host host = new HostBuilder()
 *     .transport(TcpTransport::new)
 *     .secureChannel(NoiseXXSecureChannel::new)
 *     .muxer(StreamMuxerProtocol::getYamux)
 *     .protocol(new Ping(), new Identify())
 *     .listen("/ip4/127.0.0.1/tcp/0")
 *     .build();
 * </pre>
 * An {@code Identify} binding created without a message gets one built here: agentVersion,
 * protocolVersion, the identity public key, the configured (not bound) listen addresses plus any
 * {@link #announce announced} ones, and the ids of every protocol of the host.
 */
public class HostBuilder {
    private final List<Function<ConnectionUpgrader, Transport>> transports = new ArrayList<>();
    private final List<BiFunction<PrivKey, List<StreamMuxer>, SecureChannel>> secureChannels = new ArrayList<>();
    private final List<BiFunction<PrivKey, List<? extends ProtocolBinding<?>>, Transport>> secureTransports = new ArrayList<>();
    private final List<Supplier<StreamMuxerProtocol>> muxers = new ArrayList<>();
    private final List<ProtocolBinding<?>> protocols = new ArrayList<>();
    private final List<String> listenAddresses = new ArrayList<>();
    private final List<String> announceAddresses = new ArrayList<>();
    private final List<ConnectionHandler> connectionHandlers = new ArrayList<>();
    private final List<ChannelVisitor<Stream>> streamVisitors = new ArrayList<>();
    private PrivKey identity;
    private Crypto.KeyType keyType = Crypto.KeyType.Ed25519;
    private String agentVersion = IdentifyProtocol.DEFAULT_AGENT_VERSION;
    private String protocolVersion = IdentifyProtocol.DEFAULT_PROTOCOL_VERSION;
    private MultistreamProtocol multistreamProtocol = MultistreamProtocolV1.INSTANCE;

    /** What {@link #HostBuilder(DefaultMode)} pre-fills: nothing, or TCP + Noise + Yamux. */
    public enum DefaultMode {
        None,
        Standard
    }

    public HostBuilder() {
        this(DefaultMode.None);
    }

    public HostBuilder(DefaultMode defaultMode) {
        if (defaultMode == DefaultMode.Standard) {
            transports.add(io.libp2p.transport.tcp.TcpTransport::new);
            secureChannels.add(io.libp2p.security.noise.NoiseXXSecureChannel::new);
            muxers.add(StreamMuxerProtocol::getYamux);
        }
    }

    @SafeVarargs
    public final HostBuilder transport(Function<ConnectionUpgrader, Transport>... transports) {
        this.transports.addAll(Arrays.asList(transports));
        return this;
    }

    /**
     * Transports that secure and multiplex by themselves (QUIC): each gets the host key and the host's
     * protocols, and needs neither a secure channel nor a muxer.
     */
    @SafeVarargs
    public final HostBuilder secureTransport(BiFunction<PrivKey, List<? extends ProtocolBinding<?>>, Transport>... secureTransports) {
        this.secureTransports.addAll(Arrays.asList(secureTransports));
        return this;
    }

    @SafeVarargs
    public final HostBuilder secureChannel(BiFunction<PrivKey, List<StreamMuxer>, SecureChannel>... secureChannels) {
        this.secureChannels.addAll(Arrays.asList(secureChannels));
        return this;
    }

    @SafeVarargs
    public final HostBuilder muxer(Supplier<StreamMuxerProtocol>... muxers) {
        this.muxers.addAll(Arrays.asList(muxers));
        return this;
    }

    public final HostBuilder protocol(ProtocolBinding<?>... protocols) {
        this.protocols.addAll(Arrays.asList(protocols));
        return this;
    }

    public HostBuilder listen(String... addresses) {
        for (String a : addresses) {
            new Multiaddr(a); // fail here, not at start(), on a malformed address
            listenAddresses.add(a);
        }
        return this;
    }

    /** Extra addresses to announce in identify (e.g. an address the node believes is reachable). */
    public HostBuilder announce(String... addresses) {
        for (String a : addresses) {
            new Multiaddr(a);
            announceAddresses.add(a);
        }
        return this;
    }

    public HostBuilder identity(PrivKey privKey) {
        this.identity = privKey;
        return this;
    }

    public HostBuilder keyType(Crypto.KeyType keyType) {
        this.keyType = keyType;
        return this;
    }

    public HostBuilder agentVersion(String agentVersion) {
        this.agentVersion = agentVersion;
        return this;
    }

    public HostBuilder protocolVersion(String protocolVersion) {
        this.protocolVersion = protocolVersion;
        return this;
    }

    public HostBuilder connectionHandler(ConnectionHandler handler) {
        connectionHandlers.add(handler);
        return this;
    }

    public HostBuilder streamVisitor(ChannelVisitor<Stream> visitor) {
        streamVisitors.add(visitor);
        return this;
    }

    public HostBuilder multistreamProtocol(MultistreamProtocol multistreamProtocol) {
        this.multistreamProtocol = multistreamProtocol;
        return this;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public Host build() {
        if (transports.isEmpty() && secureTransports.isEmpty()) {
            throw new IllegalStateException("HostBuilder: at least one transport is required");
        }
        // only a transport that the upgrader secures and multiplexes needs a secure channel and a muxer
        if (!transports.isEmpty() && secureChannels.isEmpty()) {
            throw new IllegalStateException("HostBuilder: at least one secure channel is required");
        }
        if (!transports.isEmpty() && muxers.isEmpty()) {
            throw new IllegalStateException("HostBuilder: at least one muxer is required");
        }
        PrivKey key = identity != null ? identity : KeyKt.generateKeyPair(keyType).getFirst();

        List<ProtocolBinding<Object>> liveProtocols = new CopyOnWriteArrayList<>();
        for (ProtocolBinding<?> p : protocols) {
            liveProtocols.add((ProtocolBinding<Object>) p);
        }
        BroadcastChannelVisitor<Stream> visitors = new BroadcastChannelVisitor<>();
        visitors.addAll(streamVisitors);
        MultistreamProtocol streamMultistream = new VisitingMultistreamProtocol(multistreamProtocol, visitors);

        List<StreamMuxer> muxerList = new ArrayList<>();
        for (Supplier<StreamMuxerProtocol> m : muxers) {
            muxerList.add(m.get().createMuxer(streamMultistream, (List) liveProtocols));
        }
        List<SecureChannel> secureList = new ArrayList<>();
        for (BiFunction<PrivKey, List<StreamMuxer>, SecureChannel> s : secureChannels) {
            secureList.add(s.apply(key, List.copyOf(muxerList)));
        }
        List<Transport> transportList = new ArrayList<>();
        if (!transports.isEmpty()) {
            ConnectionUpgrader upgrader = new ConnectionUpgrader(multistreamProtocol, secureList, multistreamProtocol, muxerList);
            for (Function<ConnectionUpgrader, Transport> t : transports) {
                transportList.add(t.apply(upgrader));
            }
        }
        for (BiFunction<PrivKey, List<? extends ProtocolBinding<?>>, Transport> t : secureTransports) {
            transportList.add(t.apply(key, liveProtocols));
        }

        fillIdentify(key, liveProtocols);

        List<ConnectionHandler> handlers = new ArrayList<>();
        for (ProtocolBinding<Object> p : liveProtocols) {
            if ((Object) p instanceof ConnectionHandler ch) {
                handlers.add(ch);
            }
        }
        handlers.addAll(connectionHandlers);
        ConnectionHandler.Broadcast broadcast = ConnectionHandler.createBroadcast(handlers);
        NetworkImpl network = new NetworkImpl(transportList, broadcast);
        List<Multiaddr> listen = listenAddresses.stream().map(Multiaddr::new).toList();
        return new HostImpl(key, network, new MemoryAddressBook(), listen, liveProtocols, broadcast, visitors);
    }

    private void fillIdentify(PrivKey key, List<ProtocolBinding<Object>> bindings) {
        List<String> ids = new ArrayList<>();
        for (ProtocolBinding<Object> b : bindings) {
            ids.addAll(b.getProtocolDescriptor().getAnnounceProtocols());
        }
        for (ProtocolBinding<Object> b : bindings) {
            if ((Object) b instanceof IdentifyBinding ib && ib.getIdentifyProtocol().getIdMessage() == null) {
                IdentifyOuterClass.Identify.Builder msg = IdentifyOuterClass.Identify.newBuilder()
                        .setAgentVersion(agentVersion)
                        .setProtocolVersion(protocolVersion)
                        .setPublicKey(ByteString.copyFrom(key.publicKey().bytes()))
                        .addAllProtocols(ids);
                for (String a : listenAddresses) {
                    msg.addListenAddrs(ByteString.copyFrom(new Multiaddr(a).serialize()));
                }
                for (String a : announceAddresses) {
                    msg.addListenAddrs(ByteString.copyFrom(new Multiaddr(a).serialize()));
                }
                ib.getIdentifyProtocol().setIdMessage(msg.build());
            }
        }
    }
}
