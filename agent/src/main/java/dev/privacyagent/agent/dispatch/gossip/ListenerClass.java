package dev.privacyagent.agent.dispatch.gossip;

import dev.privacyagent.bootstrap.GossipBridge;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Generates, once per {@code GossipRouterEventListener} interface (per class loader), a small
 * final class that implements it by calling a {@link GossipBridge.Listener}: each known callback
 * becomes one interface call with its arguments as they are, every other abstract method returns
 * its default value, and nothing escapes (a throwable is dropped). A {@link java.lang.reflect.Proxy}
 * costs an argument array, a {@code Method} and a switch on its name per callback; the router
 * calls its listeners for every message.
 *
 * <p>The class is defined next to the interface, in its package and class loader, through a
 * private lookup on it (the application's unnamed module is open), and refers only to the
 * interface, to {@code java.lang} and to the bootstrap {@link GossipBridge.Listener}: it links
 * wherever the interface does. When that fails the caller falls back to the proxy.
 */
final class ListenerClass {
  /** Interface method (name, parameter count) to the {@link GossipBridge.Listener} method. */
  private static final Map<String, String> CALLS = Map.of(
      "notifyUnseenMessage/2", "unseen",
      "notifySeenMessage/3", "seen",
      "notifyUnseenValidMessage/2", "valid",
      "notifyUnseenInvalidMessage/2", "invalid",
      "notifyMeshed/2", "meshed",
      "notifyPruned/2", "pruned",
      "notifyConnected/2", "connected",
      "notifyDisconnected/1", "disconnected");
  private static final String TARGET = Type.getInternalName(GossipBridge.Listener.class);
  private static final AtomicInteger SERIAL = new AtomicInteger();

  private static final ClassValue<MethodHandle> CONSTRUCTORS = new ClassValue<>() {
    @Override
    protected MethodHandle computeValue(Class<?> iface) {
      try {
        MethodHandles.Lookup there = MethodHandles.privateLookupIn(iface, MethodHandles.lookup());
        // unique per agent instance too: a second agent in the same JVM defines its own
        String name = iface.getPackageName().replace('.', '/') + "/PrivacyAgentGossipListener$"
            + Integer.toHexString(System.identityHashCode(ListenerClass.class)) + "$" + SERIAL.incrementAndGet();
        Class<?> generated = there.defineClass(bytes(iface, name));
        return there.findConstructor(generated, MethodType.methodType(void.class, GossipBridge.Listener.class))
            .asType(MethodType.methodType(Object.class, GossipBridge.Listener.class));
      } catch (Throwable t) {
        return null;
      }
    }
  };

  private ListenerClass() {}

  /** A new listener implementing {@code iface} over {@code target}, or null when none can be made. */
  static Object newListener(Class<?> iface, GossipBridge.Listener target) {
    MethodHandle constructor = CONSTRUCTORS.get(iface);
    if (constructor == null) {
      return null;
    }
    try {
      return (Object) constructor.invokeExact(target);
    } catch (Throwable t) {
      return null;
    }
  }

  static byte[] bytes(Class<?> iface, String name) {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(Opcodes.V11, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC,
        name, null, "java/lang/Object", new String[] {Type.getInternalName(iface)});
    cw.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, "target", "L" + TARGET + ";", null, null).visitEnd();
    constructor(cw, name);
    for (Method m : iface.getMethods()) {
      if (!Modifier.isAbstract(m.getModifiers()) || Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      String call = m.getReturnType() == void.class ? CALLS.get(m.getName() + "/" + m.getParameterCount()) : null;
      if (call != null) {
        forward(cw, name, m, call);
      } else {
        stub(cw, m);
      }
    }
    cw.visitEnd();
    return cw.toByteArray();
  }

  private static void constructor(ClassWriter cw, String name) {
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "(L" + TARGET + ";)V", null, null);
    mv.visitCode();
    mv.visitVarInsn(Opcodes.ALOAD, 0);
    mv.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    mv.visitVarInsn(Opcodes.ALOAD, 0);
    mv.visitVarInsn(Opcodes.ALOAD, 1);
    mv.visitFieldInsn(Opcodes.PUTFIELD, name, "target", "L" + TARGET + ";");
    mv.visitInsn(Opcodes.RETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  /** {@code try { target.call(args...); } catch (Throwable t) { } return;} */
  private static void forward(ClassWriter cw, String name, Method m, String call) {
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, m.getName(), Type.getMethodDescriptor(m), null, null);
    mv.visitCode();
    Label start = new Label();
    Label end = new Label();
    Label handler = new Label();
    mv.visitTryCatchBlock(start, end, handler, "java/lang/Throwable");
    mv.visitLabel(start);
    mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, TARGET, call, loadArguments(mv, name, m), true);
    returnSwallowing(mv, end, handler);
  }

  /** {@code end}: return; {@code handler}: drop the throwable, return; then the method's end. */
  private static void returnSwallowing(MethodVisitor mv, Label end, Label handler) {
    mv.visitLabel(end);
    mv.visitInsn(Opcodes.RETURN);
    mv.visitLabel(handler);
    mv.visitFrame(Opcodes.F_SAME1, 0, null, 1, new Object[] {"java/lang/Throwable"});
    mv.visitInsn(Opcodes.POP);
    mv.visitInsn(Opcodes.RETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  /** Pushes {@code target} and the arguments (boxed where primitive); returns the plain call's descriptor. */
  private static String loadArguments(MethodVisitor mv, String name, Method m) {
    mv.visitVarInsn(Opcodes.ALOAD, 0);
    mv.visitFieldInsn(Opcodes.GETFIELD, name, "target", "L" + TARGET + ";");
    StringBuilder desc = new StringBuilder("(");
    int slot = 1;
    for (Class<?> p : m.getParameterTypes()) {
      Type t = Type.getType(p);
      mv.visitVarInsn(t.getOpcode(Opcodes.ILOAD), slot);
      if (p.isPrimitive()) {
        box(mv, p);
      }
      slot += t.getSize();
      desc.append("Ljava/lang/Object;");
    }
    return desc.append(")V").toString();
  }

  private static void box(MethodVisitor mv, Class<?> p) {
    Type boxed = Type.getType(MethodType.methodType(p).wrap().returnType());
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, boxed.getInternalName(), "valueOf",
        "(" + Type.getDescriptor(p) + ")" + boxed.getDescriptor(), false);
  }

  /** Returns the default value: a callback the agent does not report. */
  private static void stub(ClassWriter cw, Method m) {
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, m.getName(), Type.getMethodDescriptor(m), null, null);
    mv.visitCode();
    Type r = Type.getReturnType(m);
    switch (r.getSort()) {
      case Type.VOID -> mv.visitInsn(Opcodes.RETURN);
      case Type.BOOLEAN, Type.CHAR, Type.BYTE, Type.SHORT, Type.INT -> {
        mv.visitInsn(Opcodes.ICONST_0);
        mv.visitInsn(Opcodes.IRETURN);
      }
      case Type.LONG -> {
        mv.visitInsn(Opcodes.LCONST_0);
        mv.visitInsn(Opcodes.LRETURN);
      }
      case Type.FLOAT -> {
        mv.visitInsn(Opcodes.FCONST_0);
        mv.visitInsn(Opcodes.FRETURN);
      }
      case Type.DOUBLE -> {
        mv.visitInsn(Opcodes.DCONST_0);
        mv.visitInsn(Opcodes.DRETURN);
      }
      default -> {
        mv.visitInsn(Opcodes.ACONST_NULL);
        mv.visitInsn(Opcodes.ARETURN);
      }
    }
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }
}
