package dev.privacyagent.agent.instrument.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Which methods of a woven type get an advice, decided from the access flags, the name and the
 * descriptor alone: what a class file says, so that no type has to be resolved to decide it.
 * Type names are Java names ({@code int}, {@code java.lang.String}, {@code a.B[]}, nested
 * classes with {@code $}). Immutable; every refinement returns a new spec.
 */
public final class MethodSpec {
  private static final int ABSTRACT = 0x0400;
  private static final int NATIVE = 0x0100;
  private static final int BRIDGE = 0x0040;
  private static final int SYNTHETIC = 0x1000;
  private static final int PUBLIC = 0x0001;
  private static final int STATIC = 0x0008;
  private static final String INIT = "<init>";

  /** null: any method that is not a constructor or static initialiser. */
  private final String name;
  private final int argCount;
  private final List<String> args;
  private final String returns;
  private final int forbidden;
  private final int required;
  private final String declaredBy;

  private MethodSpec(String name, int argCount, List<String> args, String returns, int forbidden, int required,
      String declaredBy) {
    this.name = name;
    this.argCount = argCount;
    this.args = args;
    this.returns = returns;
    this.forbidden = forbidden;
    this.required = required;
    this.declaredBy = declaredBy;
  }

  public static MethodSpec method(String name) {
    return new MethodSpec(name, -1, List.of(), null, 0, 0, null);
  }

  public static MethodSpec constructor() {
    return method(INIT);
  }

  /** Every method that is not a constructor (nor {@code <clinit>}). */
  public static MethodSpec anyMethod() {
    return new MethodSpec(null, -1, List.of(), null, 0, 0, null);
  }

  /** Exactly {@code n} parameters. */
  public MethodSpec argCount(int n) {
    return new MethodSpec(name, n, args, returns, forbidden, required, declaredBy);
  }

  /** Parameter {@code index} is of type {@code type} (by erasure). */
  public MethodSpec arg(int index, String type) {
    List<String> a = new ArrayList<>(args);
    while (a.size() <= index) {
      a.add(null);
    }
    a.set(index, type);
    // null: that parameter is not constrained
    return new MethodSpec(name, argCount, java.util.Collections.unmodifiableList(a), returns, forbidden, required,
        declaredBy);
  }

  /** Exactly these parameter types. */
  public MethodSpec args(String... types) {
    MethodSpec s = argCount(types.length);
    for (int i = 0; i < types.length; i++) {
      s = s.arg(i, types[i]);
    }
    return s;
  }

  /** Returns {@code type} (by erasure; {@code void} for none). */
  public MethodSpec returns(String type) {
    return new MethodSpec(name, argCount, args, type, forbidden, required, declaredBy);
  }

  /** A method body the agent may weave into: not abstract, native, a bridge or compiler-made. */
  public MethodSpec concrete() {
    return new MethodSpec(name, argCount, args, returns, forbidden | ABSTRACT | NATIVE | BRIDGE | SYNTHETIC, required,
        declaredBy);
  }

  public MethodSpec notSynthetic() {
    return new MethodSpec(name, argCount, args, returns, forbidden | SYNTHETIC, required, declaredBy);
  }

  public MethodSpec notStatic() {
    return new MethodSpec(name, argCount, args, returns, forbidden | STATIC, required, declaredBy);
  }

  public MethodSpec publicOnly() {
    return new MethodSpec(name, argCount, args, returns, forbidden, required | PUBLIC, declaredBy);
  }

  /** Only in the class of this binary name (a hook whose types list several classes). */
  public MethodSpec declaredBy(String type) {
    return new MethodSpec(name, argCount, args, returns, forbidden, required, type);
  }

  /**
   * @param owner the declaring class's binary name ({@code a.b.C$D})
   * @param access the method's access flags as in the class file
   * @param methodName the method's name ({@code <init>} for a constructor)
   * @param descriptor the method's descriptor ({@code (Ljava/lang/String;)V})
   */
  public boolean matches(String owner, int access, String methodName, String descriptor) {
    if (name == null ? methodName.startsWith("<") : !name.equals(methodName)) {
      return false;
    }
    if ((access & forbidden) != 0 || (access & required) != required) {
      return false;
    }
    if (declaredBy != null && !declaredBy.equals(owner)) {
      return false;
    }
    if (argCount < 0 && args.isEmpty() && returns == null) {
      return true;
    }
    List<String> params = Descriptors.parameterNames(descriptor);
    if (argCount >= 0 && params.size() != argCount) {
      return false;
    }
    for (int i = 0; i < args.size(); i++) {
      String want = args.get(i);
      if (want != null && (i >= params.size() || !want.equals(params.get(i)))) {
        return false;
      }
    }
    return returns == null || returns.equals(Descriptors.returnName(descriptor));
  }

  @Override
  public String toString() {
    return (name == null ? "any method" : name) + (argCount >= 0 ? "/" + argCount : "") + args
        + (returns == null ? "" : " -> " + returns);
  }
}
