package dev.privacyagent.sample;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** One JSON object per line on stdout: the sample's ground truth for end-to-end tests. */
public final class Json {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    public static Json event(String name) {
        Json j = new Json();
        j.fields.put("event", name);
        return j;
    }

    public Json put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    public void print() {
        String line = toString();
        synchronized (System.out) {
            System.out.println(line);
            System.out.flush();
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        write(sb, fields);
        return sb.toString();
    }

    /** Already-encoded JSON (a js peer's own output line), embedded as is. */
    record Raw(String json) {
    }

    private static void write(StringBuilder sb, Object v) {
        if (v instanceof Raw r) {
            sb.append(r.json());
        } else if (v == null) {
            sb.append("null");
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(sb, String.valueOf(e.getKey()));
                sb.append(':');
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof Collection<?> c) {
            sb.append('[');
            boolean first = true;
            for (Object o : c) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                write(sb, o);
            }
            sb.append(']');
        } else {
            string(sb, v.toString());
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
