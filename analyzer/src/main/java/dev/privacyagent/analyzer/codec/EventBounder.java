package dev.privacyagent.analyzer.codec;

import dev.privacyagent.analyzer.event.ConnectionClosed;
import dev.privacyagent.analyzer.event.ConnectionOpened;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.event.GossipMessageReceived;
import dev.privacyagent.analyzer.event.GossipPeerStats;
import dev.privacyagent.analyzer.event.GossipTopicStats;
import dev.privacyagent.analyzer.event.IdentifyReceived;
import dev.privacyagent.analyzer.event.IdentifySent;
import dev.privacyagent.analyzer.event.PingRtt;
import dev.privacyagent.analyzer.event.ProtocolNegotiated;
import dev.privacyagent.analyzer.event.StreamClosed;
import dev.privacyagent.analyzer.event.StreamOpened;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts every string and list of an event to its {@link Bounds} and counts what it cut. Not
 * thread-safe: each reader and the collector's drain thread own one. An event that already fits is
 * returned as is, without allocating.
 */
public final class EventBounder {
  private long truncated;

  /** Number of strings and lists cut so far (one per value, not per event). */
  public long truncated() {
    return truncated;
  }

  /** {@code e} itself when every value fits its bound, else a copy with cut values. */
  public Event apply(Event e) {
    if (!needsCut(e)) {
      return e;
    }
    EventSchema.Type t = EventSchema.of(e);
    EventSchema.Field[] fields = t.fields();
    Object[] values = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      values[i] = bound(fields[i].kind(), t.get(i, e));
    }
    return t.construct(values);
  }

  /** Cut one decoded value to the bound of its kind; counts what it cuts. */
  Object bound(FieldKind kind, Object value) {
    if (value instanceof String s && s.length() > kind.maxChars && kind.isString()) {
      truncated++;
      return Bounds.cut(s, kind.maxChars);
    }
    if (value instanceof List<?> list && kind.isList()) {
      List<Object> out = null;
      int n = list.size();
      if (n > Bounds.MAX_LIST_ENTRIES) {
        truncated++;
        n = Bounds.MAX_LIST_ENTRIES;
        out = new ArrayList<>(n);
      }
      for (int i = 0; i < n; i++) {
        Object v = list.get(i);
        Object cut = v;
        if (v instanceof String s && s.length() > kind.maxChars) {
          truncated++;
          cut = Bounds.cut(s, kind.maxChars);
        }
        if (out == null && cut != v) {
          out = new ArrayList<>(n);
          for (int j = 0; j < i; j++) {
            out.add(list.get(j));
          }
        }
        if (out != null) {
          out.add(cut);
        }
      }
      return out == null ? value : out;
    }
    return value;
  }

  private static final int ID = Bounds.MAX_ID_CHARS;
  private static final int ADDR = Bounds.MAX_ADDR_CHARS;
  private static final int TEXT = Bounds.MAX_TEXT_CHARS;

  /**
   * Direct accessor checks for the known types: this runs on every event the collector folds,
   * and generic method-handle calls cost several times more than the fold itself.
   */
  private static boolean needsCut(Event e) {
    if (e instanceof StreamOpened x) {
      return over(x.node(), ID) || over(x.streamId(), ID) || over(x.connId(), ID);
    } else if (e instanceof ProtocolNegotiated x) {
      return over(x.node(), ID) || over(x.streamId(), ID) || over(x.protocolId(), ID);
    } else if (e instanceof StreamClosed x) {
      return over(x.node(), ID) || over(x.streamId(), ID);
    } else if (e instanceof PingRtt x) {
      return over(x.node(), ID) || over(x.connId(), ID) || over(x.remotePeerId(), ID);
    } else if (e instanceof ConnectionOpened x) {
      return over(x.node(), ID) || over(x.connId(), ID) || over(x.localPeerId(), ID)
          || over(x.remotePeerId(), ID) || over(x.localAddr(), ADDR) || over(x.remoteAddr(), ADDR)
          || over(x.transport(), ID) || over(x.security(), ID) || over(x.muxer(), ID);
    } else if (e instanceof ConnectionClosed x) {
      return over(x.node(), ID) || over(x.connId(), ID) || over(x.reason(), TEXT);
    } else if (e instanceof IdentifyReceived x) {
      return over(x.node(), ID) || over(x.connId(), ID) || over(x.remotePeerId(), ID)
          || over(x.agentVersion(), ID) || over(x.protocolVersion(), ID) || over(x.observedAddr(), ADDR)
          || over(x.listenAddrs(), ADDR) || over(x.protocols(), ID);
    } else if (e instanceof IdentifySent x) {
      return over(x.node(), ID) || over(x.connId(), ID) || over(x.remotePeerId(), ID)
          || over(x.agentVersion(), ID) || over(x.protocolVersion(), ID) || over(x.observedAddr(), ADDR)
          || over(x.listenAddrs(), ADDR) || over(x.protocols(), ID);
    } else if (e instanceof GossipMessageReceived x) {
      return over(x.node(), ID) || over(x.topic(), ID) || over(x.messageId(), ID) || over(x.peerId(), ID);
    } else if (e instanceof GossipTopicStats x) {
      return over(x.node(), ID) || over(x.topic(), ID);
    } else if (e instanceof GossipPeerStats x) {
      return over(x.node(), ID) || over(x.peerId(), ID) || over(x.firstDeliveryTopics(), ID);
    }
    EventSchema.Type t = EventSchema.of(e);
    return t != null && needsCutGeneric(t, e);
  }

  private static boolean over(String s, int max) {
    return s != null && s.length() > max;
  }

  private static boolean over(List<String> list, int max) {
    if (list.size() > Bounds.MAX_LIST_ENTRIES) {
      return true;
    }
    for (int i = 0; i < list.size(); i++) {
      if (over(list.get(i), max)) {
        return true;
      }
    }
    return false;
  }

  private static boolean needsCutGeneric(EventSchema.Type t, Event e) {
    for (int i : t.stringFields()) {
      FieldKind kind = t.fields()[i].kind();
      Object v = t.get(i, e);
      if (v instanceof String s) {
        if (s.length() > kind.maxChars) {
          return true;
        }
      } else if (v instanceof List<?> list) {
        if (list.size() > Bounds.MAX_LIST_ENTRIES) {
          return true;
        }
        for (Object o : list) {
          if (o instanceof String s && s.length() > kind.maxChars) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
