package io.libp2p.security.tls;

import io.libp2p.core.multistream.NegotiatedProtocol;
import io.libp2p.core.mux.StreamMuxer;
import java.util.ArrayList;
import java.util.List;

/**
 * The early muxer agreement of libp2p TLS: the client offers its muxer ids by ALPN, followed by
 * {@value #LIBP2P} (meaning "no early muxer, negotiate one afterwards"); the server picks the first
 * offered id it also has, else {@value #LIBP2P}. The muxer agreed this way is the session's early
 * muxer, and no multistream-select round for the muxer follows.
 */
final class AlpnMuxers {
    static final String LIBP2P = "libp2p";

    private final List<StreamMuxer> muxers;
    private final List<String> ids;

    AlpnMuxers(List<? extends StreamMuxer> muxers) {
        this.muxers = List.copyOf(muxers);
        List<String> out = new ArrayList<>();
        for (StreamMuxer m : this.muxers) {
            for (String id : m.getProtocolDescriptor().getAnnounceProtocols()) {
                if (!out.contains(id)) {
                    out.add(id);
                }
            }
        }
        this.ids = List.copyOf(out);
    }

    /** What a client offers: the muxer ids, then "libp2p". */
    String[] offer() {
        List<String> out = new ArrayList<>(ids);
        out.add(LIBP2P);
        return out.toArray(new String[0]);
    }

    /** The server's choice among {@code offered} (client order); "" for no ALPN when nothing fits. */
    String select(List<String> offered) {
        boolean plain = false;
        for (String p : offered) {
            if (ids.contains(p)) {
                return p;
            }
            plain |= LIBP2P.equals(p);
        }
        return plain ? LIBP2P : "";
    }

    /** The early muxer for the negotiated ALPN id, or null when none was agreed. */
    NegotiatedProtocol<StreamMuxer.Session, StreamMuxer> earlyMuxer(String alpn) {
        if (alpn == null || alpn.isEmpty() || LIBP2P.equals(alpn)) {
            return null;
        }
        for (StreamMuxer m : muxers) {
            if (m.getProtocolDescriptor().getAnnounceProtocols().contains(alpn)) {
                return new NegotiatedProtocol<>(m, alpn);
            }
        }
        return null;
    }
}
