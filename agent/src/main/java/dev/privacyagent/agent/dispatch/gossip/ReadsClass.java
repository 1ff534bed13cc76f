package dev.privacyagent.agent.dispatch.gossip;

import dev.privacyagent.bootstrap.GossipBridge;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Generates, once per router class, a {@link GossipBridge.Reads} over the RPC type of its
 * {@code send(PeerHandler, Rpc$RPC)} and the message type of its
 * {@code submitPublishMessage(PeerHandler, PubsubMessage)}: every forwarded message passes
 * {@code send} (5-6 times per first copy), and every delivery the listener reports and every own
 * publish reads its message; a direct call costs a fraction of a method handle found at run time. Defined next to the message type
 * as {@link ListenerClass} defines the listener; null when the router has no such methods or the
 * types lack the getters (the agent then reads by reflection).
 */
final class ReadsClass {
  private static final String READS = Type.getInternalName(GossipBridge.Reads.class);
  private static final AtomicInteger SERIAL = new AtomicInteger();

  private static final ClassValue<GossipBridge.Reads> BY_ROUTER = new ClassValue<>() {
    @Override
    protected GossipBridge.Reads computeValue(Class<?> router) {
      try {
        return make(router);
      } catch (Throwable t) {
        return null;
      }
    }
  };

  /**
   * The reads of the last router class that had them (a JVM runs one jvm-libp2p): each read checks
   * its argument's type, so a router of another copy of the library falls back to reflection.
   * Weak: the instance is a class of the application's loader, which {@link #BY_ROUTER} keeps alive
   * exactly as long as the router's class, so the agent never pins an application's loader.
   */
  private static volatile java.lang.ref.WeakReference<GossipBridge.Reads> current =
      new java.lang.ref.WeakReference<>(null);

  private ReadsClass() {}

  static GossipBridge.Reads of(Class<?> routerClass) {
    return BY_ROUTER.get(routerClass);
  }

  /** Makes {@code router}'s reads {@link #current}, where they can be made. */
  static void install(Object router) {
    GossipBridge.Reads r = router == null ? null : of(router.getClass());
    if (r != null) {
      current = new java.lang.ref.WeakReference<>(r);
    }
  }

  /** The installed reads, or null. */
  static GossipBridge.Reads current() {
    return current.get();
  }

  /** Forgets the installed reads (tests). */
  static void uninstall() {
    current = new java.lang.ref.WeakReference<>(null);
  }

  private static GossipBridge.Reads make(Class<?> router) throws Throwable {
    Class<?> rpc = null;
    Class<?> message = null;
    for (Class<?> c = router; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Method m : c.getDeclaredMethods()) {
        if (m.getParameterCount() != 2) {
          continue;
        }
        Class<?> second = m.getParameterTypes()[1];
        if (rpc == null && m.getName().equals("send") && second.getName().endsWith("Rpc$RPC")) {
          rpc = second;
        } else if (message == null && m.getName().equals("submitPublishMessage")) {
          message = second;
        }
      }
    }
    MessageReads reads = message == null ? null : MessageReads.of(message);
    if (rpc == null || reads == null || !Modifier.isPublic(rpc.getModifiers())) {
      return null;
    }
    Method hasControl = rpc.getMethod("hasControl");
    Method subscriptions = rpc.getMethod("getSubscriptionsCount");
    if (hasControl.getReturnType() != boolean.class || subscriptions.getReturnType() != int.class) {
      return null;
    }
    MethodHandles.Lookup there = MethodHandles.privateLookupIn(message, MethodHandles.lookup());
    String name = message.getPackageName().replace('.', '/') + "/PrivacyAgentGossipReads$"
        + Integer.toHexString(System.identityHashCode(ReadsClass.class)) + "$" + SERIAL.incrementAndGet();
    Class<?> generated = there.defineClass(bytes(name, rpc, hasControl, subscriptions, message, reads));
    return (GossipBridge.Reads) there.findConstructor(generated, MethodType.methodType(void.class)).invoke();
  }

  static byte[] bytes(
      String name, Class<?> rpc, Method hasControl, Method subscriptions, Class<?> message, MessageReads r) {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(Opcodes.V11, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC,
        name, null, "java/lang/Object", new String[] {READS});
    MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
    init.visitCode();
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    init.visitInsn(Opcodes.RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();

    rpcRead(cw, "control", rpc, hasControl);
    rpcRead(cw, "subscriptions", rpc, subscriptions);

    String messageName = Type.getInternalName(message);
    MethodVisitor is = cw.visitMethod(Opcodes.ACC_PUBLIC, "isMessage", "(Ljava/lang/Object;)Z", null, null);
    is.visitCode();
    is.visitVarInsn(Opcodes.ALOAD, 1);
    is.visitTypeInsn(Opcodes.INSTANCEOF, messageName);
    is.visitInsn(Opcodes.IRETURN);
    is.visitMaxs(0, 0);
    is.visitEnd();

    getter(cw, "topics", "(Ljava/lang/Object;)Ljava/lang/Object;", message, r.topics(), Opcodes.ARETURN);
    getter(cw, "size", "(Ljava/lang/Object;)I", message, r.size(), Opcodes.IRETURN);

    MethodVisitor id = cw.visitMethod(Opcodes.ACC_PUBLIC, "id", "(Ljava/lang/Object;)[B", null, null);
    id.visitCode();
    Label none = new Label();
    id.visitVarInsn(Opcodes.ALOAD, 1);
    id.visitTypeInsn(Opcodes.CHECKCAST, messageName);
    invoke(id, message, r.id());
    id.visitInsn(Opcodes.DUP);
    id.visitJumpInsn(Opcodes.IFNULL, none);
    invoke(id, r.id().getReturnType(), r.array());
    id.visitInsn(Opcodes.ARETURN);
    id.visitLabel(none);
    id.visitFrame(Opcodes.F_SAME1, 0, null, 1, new Object[] {Type.getInternalName(r.id().getReturnType())});
    id.visitInsn(Opcodes.POP);
    id.visitInsn(Opcodes.ACONST_NULL);
    id.visitInsn(Opcodes.ARETURN);
    id.visitMaxs(0, 0);
    id.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  /**
   * The message getters of a {@code PubsubMessage} type ({@code getTopics()}, {@code getSize()},
   * {@code getMessageId().getArray()}), public and with those return types; null when the type
   * lacks one of them (the agent then reads by reflection).
   */
  record MessageReads(Method topics, Method size, Method id, Method array) {
    static MessageReads of(Class<?> message) {
      try {
        Method topics = message.getMethod("getTopics");
        Method size = message.getMethod("getSize");
        Method id = message.getMethod("getMessageId");
        Method array = id.getReturnType().getMethod("getArray");
        boolean shapes = !topics.getReturnType().isPrimitive() && size.getReturnType() == int.class
            && !id.getReturnType().isPrimitive() && array.getReturnType() == byte[].class;
        return shapes && visible(message) && visible(id.getReturnType())
            ? new MessageReads(topics, size, id, array) : null;
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null;
      }
    }

    private static boolean visible(Class<?> c) {
      return Modifier.isPublic(c.getModifiers()) && !c.isArray();
    }
  }

  /** Calls {@code getter} through {@code owner}, the type the value has here (always accessible). */
  private static void invoke(MethodVisitor mv, Class<?> owner, Method getter) {
    boolean iface = owner.isInterface();
    mv.visitMethodInsn(iface ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL, Type.getInternalName(owner),
        getter.getName(), Type.getMethodDescriptor(getter), iface);
  }

  /** {@code int name(Object rpc)}: {@code getter}'s int (or boolean) of an RPC, -1 for another type. */
  private static void rpcRead(ClassWriter cw, String name, Class<?> rpc, Method getter) {
    String rpcName = Type.getInternalName(rpc);
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, name, "(Ljava/lang/Object;)I", null, null);
    mv.visitCode();
    Label other = new Label();
    mv.visitVarInsn(Opcodes.ALOAD, 1);
    mv.visitTypeInsn(Opcodes.INSTANCEOF, rpcName);
    mv.visitJumpInsn(Opcodes.IFEQ, other);
    mv.visitVarInsn(Opcodes.ALOAD, 1);
    mv.visitTypeInsn(Opcodes.CHECKCAST, rpcName);
    invoke(mv, rpc, getter);
    mv.visitInsn(Opcodes.IRETURN);
    mv.visitLabel(other);
    mv.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
    mv.visitInsn(Opcodes.ICONST_M1);
    mv.visitInsn(Opcodes.IRETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  private static void getter(ClassWriter cw, String name, String desc, Class<?> message, Method m, int ret) {
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, name, desc, null, null);
    mv.visitCode();
    mv.visitVarInsn(Opcodes.ALOAD, 1);
    mv.visitTypeInsn(Opcodes.CHECKCAST, Type.getInternalName(message));
    invoke(mv, message, m);
    mv.visitInsn(ret);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }
}
