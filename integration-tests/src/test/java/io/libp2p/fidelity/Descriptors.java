package io.libp2p.fidelity;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;

/** JVM method descriptors of reflected members. */
final class Descriptors {
    private Descriptors() {
    }

    static String of(Method m) {
        return params(m.getParameterTypes()) + type(m.getReturnType());
    }

    static String of(Constructor<?> c) {
        return params(c.getParameterTypes()) + "V";
    }

    private static String params(Class<?>[] types) {
        StringBuilder sb = new StringBuilder("(");
        for (Class<?> t : types) {
            sb.append(type(t));
        }
        return sb.append(')').toString();
    }

    static String type(Class<?> t) {
        if (t.isArray()) {
            return t.getName().replace('.', '/');
        }
        if (t == void.class) {
            return "V";
        }
        if (t.isPrimitive()) {
            return switch (t.getName()) {
                case "boolean" -> "Z";
                case "byte" -> "B";
                case "char" -> "C";
                case "short" -> "S";
                case "int" -> "I";
                case "long" -> "J";
                case "float" -> "F";
                case "double" -> "D";
                default -> throw new IllegalArgumentException(t.getName());
            };
        }
        return "L" + t.getName().replace('.', '/') + ";";
    }
}
