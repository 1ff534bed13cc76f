package dev.privacyagent.agent.dispatch;

import dev.privacyagent.analyzer.codec.Bounds;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Turns jvm-libp2p values (PeerId, Multiaddr, protobuf ByteString) into bounded strings at once, so
 * that no application object outlives the call that handed it to the agent.
 */
public final class Facts {

  /** Multiaddr.deserialize(byte[]) of the jvm-libp2p that the class of the key belongs to. */
  private static final java.util.concurrent.ConcurrentHashMap<Class<?>, Optional<MethodHandle>>
      DESERIALIZE = new java.util.concurrent.ConcurrentHashMap<>(16);

  private static Optional<MethodHandle> deserializer(Class<?> type) {
    Optional<MethodHandle> mh = DESERIALIZE.get(type);
    if (mh == null) {
      mh = lookupDeserializer(type);
      DESERIALIZE.putIfAbsent(type, mh);
    }
    return mh;
  }

  private static Optional<MethodHandle> lookupDeserializer(Class<?> type) {
    try {
      Class<?> ma =
          Class.forName("io.libp2p.core.multiformats.Multiaddr", false, type.getClassLoader());
      MethodHandle mh =
          MethodHandles.publicLookup()
              .findStatic(ma, "deserialize", MethodType.methodType(ma, byte[].class));
      return Optional.of(mh.asType(MethodType.methodType(Object.class, byte[].class)));
    } catch (ReflectiveOperationException | LinkageError e) {
      return Optional.empty();
    }
  }

  private Facts() {}

  private static final PeerIdTexts PEER_ID_TEXTS = new PeerIdTexts();

  public static String peerId(Object peerId) {
    if (peerId == null) {
      return null;
    }
    Object raw = Reflect.callOrNull(peerId, "getBytes");
    byte[] bytes = raw instanceof byte[] b ? b : null;
    String text = bytes == null ? null : PEER_ID_TEXTS.get(bytes);
    if (text == null) {
      Object s = Reflect.callOrNull(peerId, "toBase58");
      text = id(s != null ? s.toString() : peerId.toString());
      if (bytes != null) {
        PEER_ID_TEXTS.put(bytes, text);
      }
    }
    return text;
  }

  public static String addr(Object multiaddr) {
    return multiaddr == null ? null : Bounds.cut(multiaddr.toString(), Bounds.MAX_ADDR_CHARS);
  }

  public static String id(String s) {
    return Bounds.cut(s, Bounds.MAX_ID_CHARS);
  }

  public static String text(String s) {
    return Bounds.cut(s, Bounds.MAX_TEXT_CHARS);
  }

  public static List<String> addrs(Object[] multiaddrs) {
    List<String> out = new ArrayList<>();
    if (multiaddrs != null) {
      for (Object a : multiaddrs) {
        if (out.size() >= Bounds.MAX_LIST_ENTRIES) {
          break;
        }
        if (a != null) {
          out.add(addr(a));
        }
      }
    }
    return out;
  }

  public static List<String> addrList(Object list) {
    List<String> out = new ArrayList<>();
    if (list instanceof Iterable<?> it) {
      for (Object a : it) {
        if (out.size() >= Bounds.MAX_LIST_ENTRIES) {
          break;
        }
        if (a != null) {
          out.add(addr(a));
        }
      }
    }
    return out;
  }

  /**
   * A binary multiaddr from an identify message as text, decoded by the application's own
   * jvm-libp2p; a peer may send anything, so undecodable bytes become {@code 0x<hex>}.
   */
  public static String binaryAddr(Object context, Object byteString) {
    if (byteString == null) {
      return null;
    }
    Object raw = Reflect.callOrNull(byteString, "toByteArray");
    if (!(raw instanceof byte[] bytes) || bytes.length == 0) {
      return null;
    }
    Optional<MethodHandle> mh = deserializer(context.getClass());
    if (mh.isPresent()) {
      try {
        return addr(mh.get().invokeExact(bytes));
      } catch (Throwable ignored) {
        // falls through to hex: the peer sent an address its own library cannot parse
      }
    }
    int n = Math.min(bytes.length, Bounds.MAX_ADDR_CHARS / 2 - 2);
    return addr("0x" + HexFormat.of().formatHex(bytes, 0, n));
  }
}
