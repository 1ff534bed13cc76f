package dev.privacyagent.agent.instrument.spec;

import java.util.ArrayList;
import java.util.List;

/** Java type names from JVM method descriptors ({@code (I[Ljava/lang/String;)V}). */
public final class Descriptors {
  private Descriptors() {}

  public static List<String> parameterNames(String descriptor) {
    List<String> out = new ArrayList<>(4);
    int i = 1;
    while (descriptor.charAt(i) != ')') {
      int end = typeEnd(descriptor, i);
      out.add(javaName(descriptor, i, end));
      i = end;
    }
    return out;
  }

  public static String returnName(String descriptor) {
    int i = descriptor.indexOf(')') + 1;
    return javaName(descriptor, i, descriptor.length());
  }

  /** Index after the field descriptor starting at {@code i}. */
  static int typeEnd(String d, int i) {
    while (d.charAt(i) == '[') {
      i++;
    }
    return d.charAt(i) == 'L' ? d.indexOf(';', i) + 1 : i + 1;
  }

  private static String javaName(String d, int start, int end) {
    int dims = 0;
    int i = start;
    while (d.charAt(i) == '[') {
      dims++;
      i++;
    }
    String base =
        switch (d.charAt(i)) {
          case 'Z' -> "boolean";
          case 'B' -> "byte";
          case 'C' -> "char";
          case 'S' -> "short";
          case 'I' -> "int";
          case 'J' -> "long";
          case 'F' -> "float";
          case 'D' -> "double";
          case 'V' -> "void";
          case 'L' -> d.substring(i + 1, end - 1).replace('/', '.');
          default -> throw new IllegalArgumentException("bad descriptor " + d);
        };
    return dims == 0 ? base : base + "[]".repeat(dims);
  }
}
