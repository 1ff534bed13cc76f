package dev.privacyagent.agent.instrument.fast;

import dev.privacyagent.agent.instrument.fast.AdviceTemplate.Body;
import dev.privacyagent.agent.instrument.fast.AdviceTemplate.Param;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.jar.asm.TypePath;

/**
 * Weaves one advice into one method as it is copied (the class is read with expanded frames):
 *
 * <ul>
 *   <li>the enter body runs first, inside its own catch-all handler (a failure leaves the default
 *       enter value); its value goes to a new local;
 *   <li>every return of the method becomes a store of the returned value and a jump to one exit
 *       block at the end, which runs the exit body inside its own catch-all handler and then
 *       returns the stored value;
 *   <li>with {@code onThrowable}, the original body is also covered by a catch-all handler that
 *       stores the throwable, runs the same exit block and rethrows it.
 * </ul>
 *
 * The new locals sit right after the parameters; the method's own locals above them move up, and
 * every stack map frame gets the new locals inserted. Parameters are assumed to keep their
 * declared types (javac and kotlinc never store another type into a parameter slot), as Byte
 * Buddy's advice assumes too. No field or method is added, so the class format is unchanged.
 */
final class AdviceWeaver extends MethodVisitor implements AdviceTemplate.Bindings {
  private static final String THROWABLE = "java/lang/Throwable";

  private final Body enter;
  private final Body exit;
  private final Integer kind;
  private final boolean isStatic;
  private final Type[] args;
  private final int[] argSlots;
  private final Type ret;
  /** frame entries of this and the parameters */
  private final List<Object> paramFrame = new ArrayList<>();
  private final int firstFree;
  private final int shift;
  private final int enterSlot;
  private final int retSlot;
  private final int thrownSlot;

  private boolean prologueDone;
  private boolean framePending;
  private final Label enterStart = new Label();
  private final Label enterEnd = new Label();
  private final Label enterHandler = new Label();
  private final Label bodyStart = new Label();
  private final Label bodyEnd = new Label();
  private final Label throwHandler = new Label();
  private final Label exitNormal = new Label();
  private final Label exitCommon = new Label();
  private final Label exitStart = new Label();
  private final Label exitEnd = new Label();
  private final Label exitHandler = new Label();

  AdviceWeaver(MethodVisitor mv, String owner, int access, String name, String desc, AdviceTemplate advice,
      Integer kind) {
    super(Opcodes.ASM9, mv);
    this.enter = advice.enter;
    this.exit = advice.exit;
    this.kind = kind;
    this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
    boolean ctor = name.equals("<init>");
    if (ctor && (enter != null || (exit != null && exit.onThrowable))) {
      throw AdviceTemplate.unsupported(advice.name, "enter or onThrowable advice on a constructor");
    }
    this.args = Type.getArgumentTypes(desc);
    this.ret = Type.getReturnType(desc);
    this.argSlots = new int[args.length];
    int slot = 0;
    if (!isStatic) {
      // at the exit of a constructor, this is initialised; enter advice is refused on constructors
      paramFrame.add(owner);
      slot = 1;
    }
    for (int i = 0; i < args.length; i++) {
      argSlots[i] = slot;
      slot += args[i].getSize();
      paramFrame.add(frameType(args[i]));
    }
    this.firstFree = slot;
    int next = slot;
    enterSlot = enter != null && enter.returnType.getSort() != Type.VOID ? next : -1;
    next += enterSlot >= 0 ? enter.returnType.getSize() : 0;
    retSlot = exit != null && ret.getSort() != Type.VOID ? next : -1;
    next += retSlot >= 0 ? ret.getSize() : 0;
    thrownSlot = exit != null && exit.onThrowable ? next : -1;
    next += thrownSlot >= 0 ? 1 : 0;
    this.shift = next - firstFree;
    checkBindings(advice.name, enter);
    checkBindings(advice.name, exit);
  }

  private void checkBindings(String advice, Body b) {
    if (b == null) {
      return;
    }
    for (Param p : b.params) {
      Type actual =
          switch (p.source()) {
            case THIS -> isStatic ? null : Type.getObjectType("java/lang/Object");
            case ARGUMENT -> p.index() < args.length ? args[p.index()] : null;
            case RETURN -> ret.getSort() == Type.VOID ? null : ret;
            case THROWN -> Type.getObjectType(THROWABLE);
            case ENTER -> enter.returnType;
            case KIND -> kind == null ? null : Type.INT_TYPE;
          };
      if (actual == null || !assignable(actual, p.type())) {
        throw AdviceTemplate.unsupported(advice, "binding " + p + " to " + actual);
      }
    }
  }

  /** Without resolving types: equal, or the advice takes Object (or Object[] for a reference array). */
  private static boolean assignable(Type actual, Type declared) {
    if (declared.equals(actual)) {
      return true;
    }
    boolean ref = actual.getSort() == Type.OBJECT || actual.getSort() == Type.ARRAY;
    if (!ref) {
      return false;
    }
    if (declared.getDescriptor().equals("Ljava/lang/Object;")) {
      return true;
    }
    return declared.getDescriptor().equals("[Ljava/lang/Object;") && actual.getSort() == Type.ARRAY
        && (actual.getElementType().getSort() == Type.OBJECT || actual.getDimensions() > 1);
  }

  private static Object frameType(Type t) {
    return switch (t.getSort()) {
      case Type.BOOLEAN, Type.BYTE, Type.CHAR, Type.SHORT, Type.INT -> Opcodes.INTEGER;
      case Type.FLOAT -> Opcodes.FLOAT;
      case Type.LONG -> Opcodes.LONG;
      case Type.DOUBLE -> Opcodes.DOUBLE;
      case Type.ARRAY -> t.getDescriptor();
      default -> t.getInternalName();
    };
  }

  // ---- bindings for the replayed advice bodies

  @Override
  public void load(MethodVisitor mv, Param p) {
    switch (p.source()) {
      case THIS -> mv.visitVarInsn(Opcodes.ALOAD, 0);
      case ARGUMENT -> mv.visitVarInsn(args[p.index()].getOpcode(Opcodes.ILOAD), argSlots[p.index()]);
      case RETURN -> mv.visitVarInsn(ret.getOpcode(Opcodes.ILOAD), retSlot);
      case THROWN -> {
        if (thrownSlot >= 0) {
          mv.visitVarInsn(Opcodes.ALOAD, thrownSlot);
        } else {
          mv.visitInsn(Opcodes.ACONST_NULL);
        }
      }
      case ENTER -> mv.visitVarInsn(enter.returnType.getOpcode(Opcodes.ILOAD), enterSlot);
      case KIND -> mv.visitLdcInsn(kind);
    }
  }

  private void replay(Body b) {
    for (AdviceTemplate.Insn i : b.insns) {
      i.emit(mv, this);
    }
  }

  // ---- frames

  /** this, the parameters and those of our locals that hold a value at this point. */
  private Object[] ours(boolean withEnter, boolean withRet, boolean withThrown) {
    List<Object> l = new ArrayList<>(paramFrame);
    if (enterSlot >= 0) {
      l.add(withEnter ? frameType(enter.returnType) : Opcodes.TOP);
    }
    if (retSlot >= 0) {
      if (withRet) {
        l.add(frameType(ret));
      } else {
        for (int i = 0; i < ret.getSize(); i++) {
          l.add(Opcodes.TOP);
        }
      }
    }
    if (thrownSlot >= 0) {
      l.add(withThrown ? THROWABLE : Opcodes.TOP);
    }
    return l.toArray();
  }

  private void frame(Object[] locals, Object... stack) {
    mv.visitFrame(Opcodes.F_NEW, locals.length, locals, stack.length, stack);
  }

  private void flushFrame() {
    if (framePending) {
      framePending = false;
      frame(ours(true, false, false));
    }
  }

  @Override
  public void visitFrame(int type, int nLocal, Object[] local, int nStack, Object[] stack) {
    prologue();
    if (type != Opcodes.F_NEW) {
      throw new IllegalStateException("frames must be expanded");
    }
    // the method's own frame at its first instruction replaces ours (it gets our locals below)
    framePending = false;
    if (shift == 0) {
      super.visitFrame(type, nLocal, local, nStack, stack);
      return;
    }
    List<Object> out = new ArrayList<>(nLocal + 4);
    int slot = 0;
    int i = 0;
    while (i < nLocal && slot < firstFree) {
      Object t = local[i++];
      out.add(t);
      slot += t == Opcodes.LONG || t == Opcodes.DOUBLE ? 2 : 1;
    }
    if (slot > firstFree) {
      throw new IllegalStateException("a two-slot local across the parameters' end");
    }
    while (slot < firstFree) {
      out.add(Opcodes.TOP);
      slot++;
    }
    // our locals: the enter value is set before the method's own code runs, the others are not yet
    Object[] mine = ours(true, false, false);
    for (int k = paramFrame.size(); k < mine.length; k++) {
      out.add(mine[k]);
    }
    while (i < nLocal) {
      out.add(local[i++]);
    }
    super.visitFrame(type, out.size(), out.toArray(), nStack, stack);
  }

  // ---- prologue: enter advice, and the start of the handler-covered body

  private void prologue() {
    if (prologueDone) {
      return;
    }
    prologueDone = true;
    // registered after the method's own handlers, which thereby keep precedence inside the body
    if (enter != null) {
      super.visitTryCatchBlock(enterStart, enterEnd, enterHandler, THROWABLE);
    }
    if (thrownSlot >= 0) {
      super.visitTryCatchBlock(bodyStart, bodyEnd, throwHandler, THROWABLE);
    }
    if (exit != null) {
      super.visitTryCatchBlock(exitStart, exitEnd, exitHandler, THROWABLE);
    }
    if (enter != null) {
      mv.visitLabel(enterStart);
      replay(enter);
      if (enterSlot >= 0) {
        mv.visitVarInsn(enter.returnType.getOpcode(Opcodes.ISTORE), enterSlot);
      }
      mv.visitLabel(enterEnd);
      Label after = new Label();
      mv.visitJumpInsn(Opcodes.GOTO, after);
      mv.visitLabel(enterHandler);
      frame(paramFrame.toArray(), THROWABLE);
      mv.visitInsn(Opcodes.POP);
      if (enterSlot >= 0) {
        pushDefault(enter.returnType);
        mv.visitVarInsn(enter.returnType.getOpcode(Opcodes.ISTORE), enterSlot);
      }
      mv.visitLabel(after);
      framePending = true;
    }
    mv.visitLabel(bodyStart);
  }

  private void pushDefault(Type t) {
    switch (t.getSort()) {
      case Type.LONG -> mv.visitInsn(Opcodes.LCONST_0);
      case Type.FLOAT -> mv.visitInsn(Opcodes.FCONST_0);
      case Type.DOUBLE -> mv.visitInsn(Opcodes.DCONST_0);
      case Type.OBJECT, Type.ARRAY -> mv.visitInsn(Opcodes.ACONST_NULL);
      default -> mv.visitInsn(Opcodes.ICONST_0);
    }
  }

  private void beforeInsn() {
    prologue();
    flushFrame();
  }

  private int remap(int var) {
    return var >= firstFree ? var + shift : var;
  }

  // ---- the method's own code

  @Override
  public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
    super.visitTryCatchBlock(start, end, handler, type);
  }

  @Override
  public void visitLabel(Label label) {
    prologue();
    super.visitLabel(label);
  }

  @Override
  public void visitLineNumber(int line, Label start) {
    prologue();
    super.visitLineNumber(line, start);
  }

  @Override
  public void visitInsn(int opcode) {
    beforeInsn();
    if (exit != null && opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
      if (retSlot >= 0) {
        mv.visitVarInsn(ret.getOpcode(Opcodes.ISTORE), retSlot);
      }
      mv.visitJumpInsn(Opcodes.GOTO, exitNormal);
      return;
    }
    super.visitInsn(opcode);
  }

  @Override
  public void visitIntInsn(int opcode, int operand) {
    beforeInsn();
    super.visitIntInsn(opcode, operand);
  }

  @Override
  public void visitVarInsn(int opcode, int var) {
    beforeInsn();
    if (opcode == Opcodes.RET) {
      throw new IllegalStateException("jsr/ret code is not woven");
    }
    super.visitVarInsn(opcode, remap(var));
  }

  @Override
  public void visitTypeInsn(int opcode, String type) {
    beforeInsn();
    super.visitTypeInsn(opcode, type);
  }

  @Override
  public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
    beforeInsn();
    super.visitFieldInsn(opcode, owner, name, descriptor);
  }

  @Override
  public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
    beforeInsn();
    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
  }

  @Override
  public void visitInvokeDynamicInsn(String name, String descriptor, net.bytebuddy.jar.asm.Handle bsm,
      Object... bsmArgs) {
    beforeInsn();
    super.visitInvokeDynamicInsn(name, descriptor, bsm, bsmArgs);
  }

  @Override
  public void visitJumpInsn(int opcode, Label label) {
    beforeInsn();
    if (opcode == Opcodes.JSR) {
      throw new IllegalStateException("jsr/ret code is not woven");
    }
    super.visitJumpInsn(opcode, label);
  }

  @Override
  public void visitLdcInsn(Object value) {
    beforeInsn();
    super.visitLdcInsn(value);
  }

  @Override
  public void visitIincInsn(int var, int increment) {
    beforeInsn();
    super.visitIincInsn(remap(var), increment);
  }

  @Override
  public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
    beforeInsn();
    super.visitTableSwitchInsn(min, max, dflt, labels);
  }

  @Override
  public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
    beforeInsn();
    super.visitLookupSwitchInsn(dflt, keys, labels);
  }

  @Override
  public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
    beforeInsn();
    super.visitMultiANewArrayInsn(descriptor, numDimensions);
  }

  @Override
  public void visitLocalVariable(String name, String descriptor, String signature, Label start, Label end,
      int index) {
    prologue();
    super.visitLocalVariable(name, descriptor, signature, start, end, remap(index));
  }

  @Override
  public net.bytebuddy.jar.asm.AnnotationVisitor visitLocalVariableAnnotation(int typeRef, TypePath typePath,
      Label[] start, Label[] end, int[] index, String descriptor, boolean visible) {
    int[] moved = index.clone();
    for (int i = 0; i < moved.length; i++) {
      moved[i] = remap(moved[i]);
    }
    return super.visitLocalVariableAnnotation(typeRef, typePath, start, end, moved, descriptor, visible);
  }

  // ---- the exit block

  @Override
  public void visitMaxs(int maxStack, int maxLocals) {
    prologue();
    flushFrame();
    if (exit != null) {
      if (thrownSlot >= 0) {
        mv.visitLabel(bodyEnd);
        mv.visitLabel(throwHandler);
        frame(ours(true, false, false), THROWABLE);
        mv.visitVarInsn(Opcodes.ASTORE, thrownSlot);
        if (retSlot >= 0) {
          pushDefault(ret);
          mv.visitVarInsn(ret.getOpcode(Opcodes.ISTORE), retSlot);
        }
        mv.visitJumpInsn(Opcodes.GOTO, exitCommon);
      }
      mv.visitLabel(exitNormal);
      frame(ours(true, true, false));
      if (thrownSlot >= 0) {
        mv.visitInsn(Opcodes.ACONST_NULL);
        mv.visitVarInsn(Opcodes.ASTORE, thrownSlot);
        mv.visitLabel(exitCommon);
        frame(ours(true, true, true));
      }
      Object[] all = ours(true, true, true);
      mv.visitLabel(exitStart);
      replay(exit);
      mv.visitLabel(exitEnd);
      Label done = new Label();
      mv.visitJumpInsn(Opcodes.GOTO, done);
      mv.visitLabel(exitHandler);
      frame(all, THROWABLE);
      mv.visitInsn(Opcodes.POP);
      mv.visitLabel(done);
      frame(all);
      if (thrownSlot >= 0) {
        Label normal = new Label();
        mv.visitVarInsn(Opcodes.ALOAD, thrownSlot);
        mv.visitJumpInsn(Opcodes.IFNULL, normal);
        mv.visitVarInsn(Opcodes.ALOAD, thrownSlot);
        mv.visitInsn(Opcodes.ATHROW);
        mv.visitLabel(normal);
        frame(all);
      }
      if (retSlot >= 0) {
        mv.visitVarInsn(ret.getOpcode(Opcodes.ILOAD), retSlot);
      }
      mv.visitInsn(ret.getOpcode(Opcodes.IRETURN));
    }
    int adviceStack = Math.max(enter == null ? 0 : enter.maxStack, exit == null ? 0 : exit.maxStack);
    super.visitMaxs(Math.max(maxStack, adviceStack + 2), maxLocals + shift);
  }
}
