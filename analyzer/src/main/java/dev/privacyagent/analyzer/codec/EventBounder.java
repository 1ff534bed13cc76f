package dev.privacyagent.analyzer.codec;

import dev.privacyagent.analyzer.event.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts every string and list of an event to its {@link Bounds} and counts what it cut. Not
 * thread-safe: each reader and the collector's drain thread own one. An event that already fits is
 * returned as is, without allocating.
 */
public final class EventBounder {
  private long truncated;

  /** Number of strings and lists cut so far (one per value, not per event). */
  public long truncated() {
    return truncated;
  }

  /** {@code e} itself when every value fits its bound, else a copy with cut values. */
  public Event apply(Event e) {
    EventSchema.Type t = EventSchema.of(e);
    if (t == null || !needsCut(t, e)) {
      return e;
    }
    EventSchema.Field[] fields = t.fields();
    Object[] values = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      values[i] = bound(fields[i].kind(), t.get(i, e));
    }
    return t.construct(values);
  }

  /** Cut one decoded value to the bound of its kind; counts what it cuts. */
  Object bound(FieldKind kind, Object value) {
    if (value instanceof String s && s.length() > kind.maxChars && kind.isString()) {
      truncated++;
      return Bounds.cut(s, kind.maxChars);
    }
    if (value instanceof List<?> list && kind.isList()) {
      List<Object> out = null;
      int n = list.size();
      if (n > Bounds.MAX_LIST_ENTRIES) {
        truncated++;
        n = Bounds.MAX_LIST_ENTRIES;
        out = new ArrayList<>(n);
      }
      for (int i = 0; i < n; i++) {
        Object v = list.get(i);
        Object cut = v;
        if (v instanceof String s && s.length() > kind.maxChars) {
          truncated++;
          cut = Bounds.cut(s, kind.maxChars);
        }
        if (out == null && cut != v) {
          out = new ArrayList<>(n);
          for (int j = 0; j < i; j++) {
            out.add(list.get(j));
          }
        }
        if (out != null) {
          out.add(cut);
        }
      }
      return out == null ? value : out;
    }
    return value;
  }

  private static boolean needsCut(EventSchema.Type t, Event e) {
    for (int i : t.stringFields()) {
      FieldKind kind = t.fields()[i].kind();
      Object v = t.get(i, e);
      if (v instanceof String s) {
        if (s.length() > kind.maxChars) {
          return true;
        }
      } else if (v instanceof List<?> list) {
        if (list.size() > Bounds.MAX_LIST_ENTRIES) {
          return true;
        }
        for (Object o : list) {
          if (o instanceof String s && s.length() > kind.maxChars) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
