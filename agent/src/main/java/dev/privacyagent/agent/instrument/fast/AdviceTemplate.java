package dev.privacyagent.agent.instrument.fast;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * One advice class read from its class file: its {@code @OnMethodEnter} and {@code @OnMethodExit}
 * methods, what each parameter is bound to, and the body to copy into the woven method. The
 * start-up weaver supports what the hooks use and nothing more: straight-line bodies (loads of
 * the advice's parameters, constants, calls, no branches or locals of their own), exceptions
 * suppressed ({@code suppress = Throwable.class}), an exit either on normal returns only or also
 * on a throwable ({@code onThrowable = Throwable.class}). Anything else is refused here, at
 * start-up, and the agent then weaves with Byte Buddy instead.
 */
final class AdviceTemplate {
  private static final String ENTER = Type.getDescriptor(Advice.OnMethodEnter.class);
  private static final String EXIT = Type.getDescriptor(Advice.OnMethodExit.class);
  private static final String THIS = Type.getDescriptor(Advice.This.class);
  private static final String ARGUMENT = Type.getDescriptor(Advice.Argument.class);
  private static final String RETURN = Type.getDescriptor(Advice.Return.class);
  private static final String THROWN = Type.getDescriptor(Advice.Thrown.class);
  private static final String ENTER_VALUE = Type.getDescriptor(Advice.Enter.class);
  private static final String THROWABLE = "Ljava/lang/Throwable;";

  /** What an advice parameter stands for in the woven method. */
  enum Source { THIS, ARGUMENT, RETURN, THROWN, ENTER, KIND }

  record Param(Source source, int index, Type type) {}

  /** One advice method: its bindings, its body and the stack it needs. */
  static final class Body {
    final boolean exit;
    final Type returnType;
    final List<Param> params = new ArrayList<>();
    final List<Insn> insns = new ArrayList<>();
    boolean onThrowable;
    boolean suppress;
    int maxStack;
    /** advice local slot -> parameter index */
    int[] slotToParam;

    Body(boolean exit, Type returnType) {
      this.exit = exit;
      this.returnType = returnType;
    }
  }

  /** An instruction of an advice body, replayed into the woven method. */
  interface Insn {
    void emit(MethodVisitor mv, Bindings b);
  }

  /** Supplies the woven method's values for the advice's parameters. */
  interface Bindings {
    void load(MethodVisitor mv, Param p);
  }

  final String name;
  Body enter;
  Body exit;

  private AdviceTemplate(String name) {
    this.name = name;
  }

  /** The hooks' {@code Kind} annotation (package-private in the instrument package). */
  static final String KIND = "Ldev/privacyagent/agent/instrument/Kind;";

  /**
   * Reads {@code advice}'s class file from its own loader (the agent's jar).
   *
   * @param kindDesc descriptor of the annotation marking the parameter bound to the site's kind
   */
  static AdviceTemplate of(Class<?> advice, String kindDesc) {
    String res = advice.getName().replace('.', '/') + ".class";
    byte[] bytes;
    try (InputStream in = advice.getClassLoader().getResourceAsStream(res)) {
      if (in == null) {
        throw new IllegalStateException("no class file for " + advice.getName());
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + res, e);
    }
    return parse(advice.getName(), bytes, kindDesc);
  }

  static AdviceTemplate parse(String name, byte[] bytes, String kindDesc) {
    AdviceTemplate t = new AdviceTemplate(name);
    new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String mName, String desc, String sig, String[] ex) {
        return (access & Opcodes.ACC_STATIC) != 0 && !mName.startsWith("<") ? new Reader(t, desc, kindDesc) : null;
      }
    }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    if (t.enter == null && t.exit == null) {
      throw unsupported(name, "no @OnMethodEnter or @OnMethodExit method");
    }
    for (Body b : new Body[] {t.enter, t.exit}) {
      if (b == null) {
        continue;
      }
      if (!b.suppress) {
        throw unsupported(name, "advice that does not suppress Throwable");
      }
      if (b.exit && b.returnType.getSort() != Type.VOID) {
        throw unsupported(name, "exit advice returning a value");
      }
      for (Param p : b.params) {
        if (p == null) {
          throw unsupported(name, "an advice parameter without a supported binding");
        }
        if (p.source() == Source.ENTER && (t.enter == null || !t.enter.returnType.equals(p.type()))) {
          throw unsupported(name, "@Enter of another type than the enter advice returns");
        }
        if (!b.exit && (p.source() == Source.RETURN || p.source() == Source.THROWN || p.source() == Source.ENTER)) {
          throw unsupported(name, "enter advice reading exit values");
        }
      }
    }
    return t;
  }

  static IllegalStateException unsupported(String advice, String what) {
    return new IllegalStateException(advice + ": " + what + " is not supported by the start-up weaver");
  }

  /** Records one advice method; refuses anything the weaver cannot replay verbatim. */
  private static final class Reader extends MethodVisitor {
    private final AdviceTemplate t;
    private final String desc;
    private final String kindDesc;
    private final Type[] args;
    private final Param[] params;
    private Body body;
    private boolean ended;

    Reader(AdviceTemplate t, String desc, String kindDesc) {
      super(Opcodes.ASM9);
      this.t = t;
      this.desc = desc;
      this.kindDesc = kindDesc;
      this.args = Type.getArgumentTypes(desc);
      this.params = new Param[args.length];
    }

    @Override
    public AnnotationVisitor visitAnnotation(String d, boolean visible) {
      boolean enter = d.equals(ENTER);
      if (!enter && !d.equals(EXIT)) {
        return null;
      }
      body = new Body(!enter, Type.getReturnType(desc));
      if (enter) {
        t.enter = body;
      } else {
        t.exit = body;
      }
      Body b = body;
      return new AnnotationVisitor(Opcodes.ASM9) {
        @Override
        public void visit(String n, Object value) {
          boolean throwable = value instanceof Type ty && ty.getDescriptor().equals(THROWABLE);
          if (n.equals("suppress") && throwable) {
            b.suppress = true;
          } else if (n.equals("onThrowable") && b.exit && throwable) {
            b.onThrowable = true;
          } else {
            throw unsupported(t.name, "advice attribute " + n + "=" + value);
          }
        }

        @Override
        public void visitEnum(String n, String d2, String value) {
          throw unsupported(t.name, "advice attribute " + n);
        }

        @Override
        public AnnotationVisitor visitArray(String n) {
          throw unsupported(t.name, "advice attribute " + n);
        }
      };
    }

    @Override
    public AnnotationVisitor visitParameterAnnotation(int p, String d, boolean visible) {
      Type type = args[p];
      if (d.equals(THIS)) {
        params[p] = new Param(Source.THIS, 0, type);
      } else if (d.equals(RETURN)) {
        params[p] = new Param(Source.RETURN, 0, type);
      } else if (d.equals(THROWN)) {
        params[p] = new Param(Source.THROWN, 0, type);
      } else if (d.equals(ENTER_VALUE)) {
        params[p] = new Param(Source.ENTER, 0, type);
      } else if (d.equals(kindDesc)) {
        params[p] = new Param(Source.KIND, 0, type);
      } else if (d.equals(ARGUMENT)) {
        params[p] = new Param(Source.ARGUMENT, 0, type);
        return new AnnotationVisitor(Opcodes.ASM9) {
          @Override
          public void visit(String n, Object value) {
            if (n.equals("value")) {
              params[p] = new Param(Source.ARGUMENT, (Integer) value, type);
            } else if (!n.equals("readOnly") || !Boolean.TRUE.equals(value)) {
              throw unsupported(t.name, "@Argument attribute " + n);
            }
          }

          @Override
          public void visitEnum(String n, String d2, String value) {
            throw unsupported(t.name, "@Argument attribute " + n);
          }
        };
      }
      return null;
    }

    @Override
    public void visitCode() {
      if (body == null) {
        return;
      }
      body.params.addAll(java.util.Arrays.asList(params));
      int[] map = new int[Type.getArgumentsAndReturnSizes(desc) >> 2];
      java.util.Arrays.fill(map, -1);
      int slot = 0;
      for (int i = 0; i < args.length; i++) {
        map[slot] = i;
        slot += args[i].getSize();
      }
      body.slotToParam = map;
    }

    private void add(Insn i) {
      if (body == null) {
        return;
      }
      if (ended) {
        throw unsupported(t.name, "code after the advice's return");
      }
      body.insns.add(i);
    }

    private void refuse(String what) {
      if (body != null) {
        throw unsupported(t.name, what + " in an advice body");
      }
    }

    @Override
    public void visitInsn(int opcode) {
      if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
        if (body != null) {
          ended = true;
        }
        return;
      }
      if (opcode == Opcodes.ATHROW || opcode == Opcodes.MONITORENTER || opcode == Opcodes.MONITOREXIT) {
        refuse("opcode " + opcode);
      }
      add((mv, b) -> mv.visitInsn(opcode));
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
      add((mv, b) -> mv.visitIntInsn(opcode, operand));
    }

    @Override
    public void visitVarInsn(int opcode, int var) {
      if (opcode < Opcodes.ILOAD || opcode > Opcodes.ALOAD || body == null || var >= body.slotToParam.length
          || body.slotToParam[var] < 0) {
        refuse("a local variable of its own");
        return;
      }
      Param p = params[body.slotToParam[var]];
      if (p == null) {
        refuse("an unbound parameter");
        return;
      }
      add((mv, b) -> b.load(mv, p));
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
      add((mv, b) -> mv.visitTypeInsn(opcode, type));
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String n, String d) {
      add((mv, b) -> mv.visitFieldInsn(opcode, owner, n, d));
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String n, String d, boolean itf) {
      add((mv, b) -> mv.visitMethodInsn(opcode, owner, n, d, itf));
    }

    @Override
    public void visitLdcInsn(Object value) {
      add((mv, b) -> mv.visitLdcInsn(value));
    }

    @Override
    public void visitInvokeDynamicInsn(String n, String d, Handle h, Object... args) {
      refuse("invokedynamic");
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
      refuse("a branch");
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
      refuse("a switch");
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
      refuse("a switch");
    }

    @Override
    public void visitIincInsn(int var, int increment) {
      refuse("iinc");
    }

    @Override
    public void visitMultiANewArrayInsn(String d, int dims) {
      add((mv, b) -> mv.visitMultiANewArrayInsn(d, dims));
    }

    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
      refuse("a try block");
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
      if (body != null) {
        body.maxStack = maxStack;
        if (!ended) {
          throw unsupported(t.name, "an advice body without a final return");
        }
      }
    }
  }
}
