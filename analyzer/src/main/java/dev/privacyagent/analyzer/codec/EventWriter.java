package dev.privacyagent.analyzer.codec;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.privacyagent.analyzer.collect.EventSink;
import dev.privacyagent.analyzer.event.Event;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes events as JSON Lines, one object per line, in the format of docs/events.md. Oversized
 * strings are cut to their {@link Bounds} on the way out, so a file never holds more than a
 * reader accepts. Not thread-safe. Closing flushes but leaves the target stream open: the caller
 * owns it (it may be stdout).
 */
public final class EventWriter implements EventSink, Flushable, Closeable {
  private static final JsonFactory JSON = new JsonFactory();

  private final JsonGenerator out;
  private final EventBounder bounder = new EventBounder();
  private long written;

  public EventWriter(OutputStream target) throws IOException {
    this(JSON.createGenerator(target, JsonEncoding.UTF8));
  }

  public EventWriter(Writer target) throws IOException {
    this(JSON.createGenerator(target));
  }

  private EventWriter(JsonGenerator generator) {
    this.out = generator;
    out.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    out.setRootValueSeparator(null);
  }

  /** Writes one event as one line. */
  public void write(Event event) throws IOException {
    Event e = bounder.apply(event);
    EventSchema.Type t = EventSchema.of(e);
    out.writeStartObject();
    out.writeNumberField("v", EventSchema.VERSION);
    out.writeStringField("type", t.name());
    EventSchema.Field[] fields = t.fields();
    for (int i = 0; i < fields.length; i++) {
      EventSchema.Field f = fields[i];
      Object v = t.get(i, e);
      if (v == null) {
        continue; // absent means null: keeps lines short and the reader treats both alike
      }
      switch (f.kind()) {
        case LONG, OPTIONAL_LONG -> out.writeNumberField(f.name(), (Long) v);
        case BOOLEAN -> {
          if ((Boolean) v) {
            out.writeBooleanField(f.name(), true);
          }
        }
        case ENUM -> out.writeStringField(f.name(), ((Enum<?>) v).name());
        case ID, ADDR, TEXT -> out.writeStringField(f.name(), (String) v);
        case ID_LIST, ADDR_LIST -> {
          out.writeArrayFieldStart(f.name());
          for (Object s : (List<?>) v) {
            out.writeString((String) s);
          }
          out.writeEndArray();
        }
      }
    }
    out.writeEndObject();
    out.writeRaw('\n');
    written++;
  }

  /** {@link #write} for use as an {@link EventSink}; an I/O failure becomes unchecked. */
  @Override
  public void accept(Event event) {
    try {
      write(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long written() {
    return written;
  }

  /** Strings and lists cut on the way out. */
  public long truncated() {
    return bounder.truncated();
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
