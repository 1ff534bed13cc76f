package dev.privacyagent.analyzer.codec;

import dev.privacyagent.analyzer.event.Event;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The field layout of every event type, derived from the event records themselves so that the
 * JSON field names are exactly the record component names and a new event type or field is
 * encoded without touching the codec. Only the bound of each string and which fields are
 * required are decided here.
 */
final class EventSchema {

  /** Schema version written on every line as {@code "v"}. */
  static final int VERSION = 1;

  /** Fields that must be present; every other field may be absent (null, false or empty). */
  private static final Set<String> REQUIRED =
      Set.of(
          "*.seq", "*.timeNanos", "*.wallMillis", "*.node",
          "HostCreated.peerId",
          "ListenStarted.localAddr",
          "ListenStopped.localAddr",
          "DialFailed.addr",
          "ConnectionOpened.connId",
          "ConnectionOpened.remotePeerId",
          "ConnectionOpened.direction",
          "ConnectionClosed.connId",
          "StreamOpened.streamId",
          "StreamOpened.connId",
          "StreamOpened.direction",
          "ProtocolNegotiated.streamId",
          "ProtocolNegotiated.protocolId",
          "StreamClosed.streamId",
          "IdentifyReceived.remotePeerId",
          "IdentifySent.remotePeerId",
          "PingRtt.connId",
          "PingRtt.rttNanos",
          "GossipLocalSubscription.topic",
          "GossipPeerSubscription.peerId",
          "GossipPeerSubscription.topic",
          "GossipPeerStatus.peerId",
          "GossipPeerProtocol.peerId",
          "GossipPeerProtocol.protocolId",
          "GossipMeshChange.peerId",
          "GossipMeshChange.topic",
          "GossipPublish.topic",
          "GossipMessageReceived.topic",
          "GossipMessageReceived.peerId",
          "GossipTopicStats.topic",
          "GossipTopicStats.intervalNanos",
          "GossipPeerStats.peerId",
          "GossipPeerStats.intervalNanos");

  private static final int MAX_FIELD_NAMES = 128;

  private static final Set<String> TEXT_FIELDS = Set.of("message", "reason");
  private static final Set<String> ADDR_LIST_FIELDS = Set.of("addrs", "listenAddrs");

  /**
   * @param constants the values of an {@link FieldKind#ENUM} field, in declaration order; null for
   *     other kinds
   */
  record Field(
      String name, FieldKind kind, boolean required, int global, MethodHandle getter, Object[] constants) {

    /** The constant of an enum field named {@code name}, or null. */
    Object constant(String name) {
      for (Object c : constants) {
        if (((Enum<?>) c).name().equals(name)) {
          return c;
        }
      }
      return null;
    }

    /** The value an absent enum field takes: its UNKNOWN constant when it has one. */
    Object absentConstant() {
      return constant("UNKNOWN");
    }
  }

  record Type(
      String name,
      Class<? extends Event> recordClass,
      Field[] fields,
      int[] stringFields,
      int[] localOfGlobal,
      MethodHandle constructor,
      Function<Object[], Event> direct) {

    Event construct(Object[] values) {
      if (direct != null) {
        return direct.apply(values);
      }
      return viaHandle(values);
    }

    /** Always through the method handle (what {@link DirectConstructors} is checked against). */
    Event viaHandle(Object[] values) {
      try {
        return (Event) constructor.invokeExact(values);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException(t);
      }
    }

    Object get(int field, Event e) {
      try {
        return fields[field].getter.invokeExact(e);
      } catch (RuntimeException | Error ex) {
        throw ex;
      } catch (Throwable t) {
        throw new IllegalStateException(t);
      }
    }
  }

  private static final Map<String, Type> BY_NAME;
  private static final Map<Class<?>, Type> BY_CLASS;
  private static final Map<String, Integer> GLOBAL;

  static {
    Map<String, Integer> global = new HashMap<>();
    Map<String, Type> byName = new LinkedHashMap<>();
    Map<Class<?>, Type> byClass = new HashMap<>();
    for (Class<? extends Event> c : eventRecords()) {
      Type t = describe(c, global);
      byName.put(t.name(), t);
      byClass.put(c, t);
    }
    BY_NAME = Collections.unmodifiableMap(byName);
    BY_CLASS = Map.copyOf(byClass);
    GLOBAL = Map.copyOf(global);
  }

  private EventSchema() {}

  /** Every event record type: the permitted subclasses of Event, through sub-interfaces. */
  static List<Class<? extends Event>> eventRecords() {
    List<Class<? extends Event>> out = new ArrayList<>();
    collect(Event.class, out);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void collect(Class<?> sealed, List<Class<? extends Event>> out) {
    for (Class<?> c : sealed.getPermittedSubclasses()) {
      if (c.isInterface()) {
        collect(c, out);
      } else {
        out.add((Class<? extends Event>) c);
      }
    }
  }

  static Type byName(String name) {
    return BY_NAME.get(name);
  }

  static Type of(Event e) {
    return BY_CLASS.get(e.getClass());
  }

  static Map<String, Type> types() {
    return BY_NAME;
  }

  /** Index of a field name across all types, or -1 when no type has it. */
  static int globalIndex(String fieldName) {
    Integer i = GLOBAL.get(fieldName);
    return i == null ? -1 : i;
  }

  static int globalCount() {
    return GLOBAL.size();
  }

  /** Every field name by its global index. */
  static String[] globalNames() {
    String[] names = new String[GLOBAL.size()];
    GLOBAL.forEach((name, i) -> names[i] = name);
    return names;
  }

  private static Type describe(Class<? extends Event> c, Map<String, Integer> global) {
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    RecordComponent[] rcs = c.getRecordComponents();
    Field[] fields = new Field[rcs.length];
    Class<?>[] params = new Class<?>[rcs.length];
    List<Integer> strings = new ArrayList<>();
    String typeName = c.getSimpleName();
    try {
      for (int i = 0; i < rcs.length; i++) {
        RecordComponent rc = rcs[i];
        params[i] = rc.getType();
        FieldKind kind = kindOf(rc);
        boolean required =
            REQUIRED.contains("*." + rc.getName()) || REQUIRED.contains(typeName + "." + rc.getName());
        int g = global.computeIfAbsent(rc.getName(), k -> global.size());
        MethodHandle getter =
            lookup
                .unreflect(rc.getAccessor())
                .asType(MethodType.methodType(Object.class, Event.class));
        Object[] constants = kind == FieldKind.ENUM ? rc.getType().getEnumConstants() : null;
        fields[i] = new Field(rc.getName(), kind, required, g, getter, constants);
        if (kind.isString() || kind.isList()) {
          strings.add(i);
        }
      }
      MethodHandle ctor = lookup.findConstructor(c, MethodType.methodType(void.class, params));
      ctor =
          ctor.asType(ctor.type().generic())
              .asSpreader(Object[].class, rcs.length)
              .asType(MethodType.methodType(Event.class, Object[].class));
      int[] localOfGlobal = new int[MAX_FIELD_NAMES];
      java.util.Arrays.fill(localOfGlobal, -1);
      for (int i = 0; i < fields.length; i++) {
        if (fields[i].global() >= localOfGlobal.length) {
          throw new IllegalStateException("more than " + MAX_FIELD_NAMES + " distinct event field names");
        }
        localOfGlobal[fields[i].global()] = i;
      }
      return new Type(
          typeName,
          c,
          fields,
          strings.stream().mapToInt(Integer::intValue).toArray(),
          localOfGlobal,
          ctor,
          DirectConstructors.of(c));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static FieldKind kindOf(RecordComponent rc) {
    Class<?> t = rc.getType();
    String n = rc.getName();
    if (t == long.class) {
      return FieldKind.LONG;
    } else if (t == Long.class) {
      return FieldKind.OPTIONAL_LONG;
    } else if (t == boolean.class) {
      return FieldKind.BOOLEAN;
    } else if (t.isEnum()) {
      return FieldKind.ENUM;
    } else if (t == String.class) {
      if (TEXT_FIELDS.contains(n)) {
        return FieldKind.TEXT;
      }
      return n.equals("addr") || n.endsWith("Addr") ? FieldKind.ADDR : FieldKind.ID;
    } else if (t == List.class) {
      return ADDR_LIST_FIELDS.contains(n) ? FieldKind.ADDR_LIST : FieldKind.ID_LIST;
    }
    throw new IllegalStateException("event field of unsupported type: " + rc);
  }
}
