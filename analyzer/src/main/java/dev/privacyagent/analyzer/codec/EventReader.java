package dev.privacyagent.analyzer.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.privacyagent.analyzer.collect.EventSink;
import dev.privacyagent.analyzer.event.Event;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON Lines event format of docs/events.md.
 *
 * <p>Strict (the default): the first bad line throws an {@link EventFormatException} whose message
 * is {@code file:line: what is wrong}. Lenient: bad lines are skipped, counted and the first few
 * kept in {@link ReadStats#problems()}. In both modes an unknown event type is counted and listed
 * (that line yields no event) and an unknown field is counted and listed (the event is kept):
 * newer writers may add types and fields within one schema version. Oversized strings are cut to
 * their {@link Bounds} and counted. Blank lines are ignored.
 */
public final class EventReader implements Closeable {
  static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  /**
   * For ASCII lines from {@link ChunkParser}: Jackson's duplicate detection (a hash set per object)
   * is a tenth of the parse, so that path checks duplicates itself over the known field slots and
   * hands anything it cannot check cheaply (a repeated name, a nested object) to the strict parser.
   */
  private static final JsonFactory JSON_UNCHECKED = JsonFactory.builder().build();
  /** Thrown on the unchecked path to have the line re-read by the strict parser. */
  private static final LineProblem RETRY_STRICT = new LineProblem("re-read strictly", true);
  private static final int MAX_NAMES = 32;
  private static final int MAX_PROBLEMS = 10;
  private static final int MAX_NAME_CHARS = 64;

  private final Reader reader;
  private final LineSource lines;
  private final String source;
  private final boolean lenient;
  private final EventBounder bounder = new EventBounder();
  private final Object[] raw = new Object[EventSchema.globalCount()];
  private final List<String> unknownOnLine = new ArrayList<>();
  private final boolean[] seen = new boolean[EventSchema.globalCount() + 2];

  private long lineNumber;
  private long events;
  private long skipped;
  private long unknownTypeLines;
  private long unknownFields;
  private final Map<String, Long> unknownTypeNames = new LinkedHashMap<>();
  private final Map<String, Long> unknownFieldNames = new LinkedHashMap<>();
  private final List<String> problems = new ArrayList<>();
  private final int maxNames;
  /** The parser thread's fast path for ASCII lines; null on the sequential reader. */
  private final AsciiEventScanner scanner;

  /**
   * @param source the name used in error messages (a file name, or {@code <stdin>})
   */
  public EventReader(Reader in, String source, boolean lenient) {
    this.reader = in;
    this.lines = new LineSource(in);
    this.source = source;
    this.lenient = lenient;
    this.maxNames = MAX_NAMES;
    this.scanner = null;
  }

  /**
   * A decoder of single lines for {@link ChunkParser}: no input of its own, and unknown names are
   * counted without the cap so that chunks merged in order keep the same names a sequential read keeps.
   */
  EventReader(String source, AsciiEventScanner scanner) {
    this.reader = null;
    this.lines = null;
    this.source = source;
    this.lenient = true;
    this.maxNames = Integer.MAX_VALUE;
    this.scanner = scanner;
  }

  /** UTF-8 input; malformed bytes become U+FFFD rather than stopping the read. */
  public EventReader(InputStream in, String source, boolean lenient) {
    this(new InputStreamReader(in, StandardCharsets.UTF_8), source, lenient);
  }

  public static EventReader open(Path file, boolean lenient) throws IOException {
    return new EventReader(Files.newInputStream(file), file.toString(), lenient);
  }

  /** The next event, or null at the end of input. */
  public Event next() throws IOException {
    while (lines.next()) {
      lineNumber++;
      if (lines.blank()) {
        continue;
      }
      try {
        Event e = parseLine();
        if (e != null) {
          events++;
          return e;
        }
      } catch (LineProblem p) {
        if (!lenient) {
          throw new EventFormatException(source, lineNumber, p.getMessage());
        }
        skipped++;
        if (problems.size() < MAX_PROBLEMS) {
          problems.add(source + ":" + lineNumber + ": " + p.getMessage());
        }
      }
    }
    return null;
  }

  /** Reads everything that is left into {@code sink}; returns the number of events. */
  public long copyTo(EventSink sink) throws IOException {
    long n = 0;
    for (Event e = next(); e != null; e = next()) {
      sink.accept(e);
      n++;
    }
    return n;
  }

  /** Lines read so far (the number of the last line read). */
  public long lineNumber() {
    return lineNumber;
  }

  public String source() {
    return source;
  }

  public ReadStats stats() {
    return new ReadStats(
        lineNumber,
        events,
        skipped,
        unknownTypeLines,
        unknownFields,
        bounder.truncated(),
        unknownTypeNames,
        unknownFieldNames,
        problems);
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }

  /** A problem with the current line; becomes an EventFormatException or a skipped line. */
  static final class LineProblem extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean syntax;

    LineProblem(String message) {
      this(message, false);
    }

    LineProblem(String message, boolean syntax) {
      super(message, null, false, false);
      this.syntax = syntax;
    }

    /** The JSON parser rejected the line: nothing of it was counted yet. */
    boolean syntax() {
      return syntax;
    }
  }

  static LineProblem tooLong() {
    return new LineProblem("line longer than " + Bounds.MAX_LINE_CHARS + " characters");
  }

  /** One line's event (null for an unknown type); the line is not too long and not blank. */
  Event decode(char[] chars, int length) throws LineProblem, IOException {
    return parse(JSON.createParser(chars, 0, length), false);
  }

  /**
   * Like {@link #decode(char[], int)} for a line of ASCII bytes (which are its characters): the
   * scanner's fast path when the line is in its subset, else Jackson's byte parser.
   */
  Event decodeAscii(byte[] bytes, int offset, int length) throws LineProblem, IOException {
    if (scanner != null) {
      Arrays.fill(raw, null);
      unknownOnLine.clear();
      if (scanner.scan(bytes, offset, length, raw, unknownOnLine)) {
        return finish(scanner.version(), scanner.typeName(), scanner.type());
      }
    }
    return parse(JSON_UNCHECKED.createParser(bytes, offset, length), true);
  }

  long unknownTypeLines() {
    return unknownTypeLines;
  }

  long unknownFields() {
    return unknownFields;
  }

  long truncated() {
    return bounder.truncated();
  }

  Map<String, Long> unknownTypeNames() {
    return unknownTypeNames;
  }

  Map<String, Long> unknownFieldNames() {
    return unknownFieldNames;
  }

  /** Adds {@code n} to {@code name} in {@code names} unless the map already holds its cap of names. */
  static void countCapped(Map<String, Long> names, String name, long n) {
    if (names.containsKey(name) || names.size() < MAX_NAMES) {
      names.merge(name, n, Long::sum);
    }
  }

  /** A JSON value no event field can hold, kept only to name it in the error. */
  private record Unsupported(String what) {}

  private Event parseLine() throws LineProblem, IOException {
    if (lines.tooLong()) {
      throw tooLong();
    }
    return decode(lines.chars(), lines.length());
  }

  private Event parse(JsonParser parser, boolean unchecked) throws LineProblem, IOException {
    Arrays.fill(raw, null);
    unknownOnLine.clear();
    if (unchecked) {
      Arrays.fill(seen, false);
    }
    long version = -1;
    String typeName = null;
    try (JsonParser p = parser) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new LineProblem("not a JSON object");
      }
      String name;
      while ((name = p.nextFieldName()) != null) {
        JsonToken tok = p.nextToken();
        if (name.equals("v")) {
          firstTime(unchecked, raw.length);
          if (tok != JsonToken.VALUE_NUMBER_INT) {
            throw new LineProblem("\"v\" must be an integer schema version");
          }
          version = p.getLongValue();
        } else if (name.equals("type")) {
          firstTime(unchecked, raw.length + 1);
          if (tok != JsonToken.VALUE_STRING) {
            throw new LineProblem("\"type\" must be a string");
          }
          typeName = p.getText();
        } else {
          int g = EventSchema.globalIndex(name);
          if (g < 0) {
            if (unchecked && (tok.isStructStart() || unknownOnLine.contains(name))) {
              throw RETRY_STRICT;
            }
            unknownOnLine.add(name);
            p.skipChildren();
          } else {
            firstTime(unchecked, g);
            raw[g] = value(p, tok, name, unchecked);
          }
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        throw new LineProblem("not a JSON object");
      }
      if (p.nextToken() != null) {
        throw new LineProblem("unexpected content after the JSON object");
      }
    } catch (JsonProcessingException e) {
      throw new LineProblem("invalid JSON: " + firstLine(e.getOriginalMessage()), true);
    }
    return finish(version, typeName, null);
  }

  /** What the fields read from a line make: checks the header, then builds the event. */
  private Event finish(long version, String typeName, EventSchema.Type known) throws LineProblem {
    if (version < 0) {
      throw new LineProblem("missing schema version \"v\"");
    }
    if (version != EventSchema.VERSION) {
      throw new LineProblem(
          "unsupported schema version v=" + version + " (this reader knows v=" + EventSchema.VERSION + ")");
    }
    if (typeName == null) {
      throw new LineProblem("missing \"type\"");
    }
    EventSchema.Type type = known != null ? known : EventSchema.byName(typeName);
    if (type == null) {
      unknownTypeLines++;
      count(unknownTypeNames, typeName);
      return null;
    }
    return build(type);
  }

  private Event build(EventSchema.Type type) throws LineProblem {
    for (int g = 0; g < raw.length; g++) {
      if (raw[g] != null && type.localOfGlobal()[g] < 0) {
        unknownOnLine.add(nameOfGlobal(g));
      }
    }
    for (String n : unknownOnLine) {
      unknownFields++;
      count(unknownFieldNames, type.name() + "." + n);
    }
    EventSchema.Field[] fields = type.fields();
    Object[] values = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      EventSchema.Field f = fields[i];
      Object v = raw[f.global()];
      if (v == null) {
        if (f.required()) {
          throw new LineProblem("missing required field \"" + f.name() + "\" for " + type.name());
        }
        values[i] = f.kind() == FieldKind.ENUM ? f.absentConstant() : absent(f.kind());
        continue;
      }
      values[i] = bounder.bound(f.kind(), convert(f, v));
    }
    return type.construct(values);
  }

  private static Object absent(FieldKind kind) {
    return switch (kind) {
      case LONG -> 0L;
      case BOOLEAN -> Boolean.FALSE;
      case ID_LIST, ADDR_LIST -> List.of();
      default -> null;
    };
  }

  private static Object convert(EventSchema.Field f, Object v) throws LineProblem {
    switch (f.kind()) {
      case LONG, OPTIONAL_LONG -> {
        if (v instanceof Long) {
          return v;
        }
        throw wrongType(f, "an integer", v);
      }
      case BOOLEAN -> {
        if (v instanceof Boolean) {
          return v;
        }
        throw wrongType(f, "true or false", v);
      }
      case ENUM -> {
        if (v instanceof String s) {
          Object c = f.constant(s);
          if (c == null) {
            throw new LineProblem(
                "field \"" + f.name() + "\" must be " + oneOf(f.constants()) + ", got \""
                    + Bounds.cut(s, MAX_NAME_CHARS) + "\"");
          }
          return c;
        }
        throw wrongType(f, "a string", v);
      }
      case ID, ADDR, TEXT -> {
        if (v instanceof String) {
          return v;
        }
        throw wrongType(f, "a string", v);
      }
      case ID_LIST, ADDR_LIST -> {
        if (v instanceof List<?> l) {
          for (Object o : l) {
            if (!(o instanceof String)) {
              throw new LineProblem("field \"" + f.name() + "\" must be an array of strings");
            }
          }
          return v;
        }
        throw wrongType(f, "an array of strings", v);
      }
    }
    throw new IllegalStateException(f.kind().name());
  }

  /** "A, B or C" */
  private static String oneOf(Object[] constants) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < constants.length; i++) {
      if (i > 0) {
        b.append(i == constants.length - 1 ? " or " : ", ");
      }
      b.append(((Enum<?>) constants[i]).name());
    }
    return b.toString();
  }

  private static LineProblem wrongType(EventSchema.Field f, String expected, Object got) {
    String kind =
        got instanceof String ? "a string"
            : got instanceof Long ? "an integer"
            : got instanceof Boolean ? "a boolean"
            : got instanceof List ? "an array"
            : ((Unsupported) got).what();
    return new LineProblem("field \"" + f.name() + "\" must be " + expected + ", got " + kind);
  }

  private void firstTime(boolean unchecked, int slot) throws LineProblem {
    if (unchecked) {
      if (seen[slot]) {
        throw RETRY_STRICT;
      }
      seen[slot] = true;
    }
  }

  /** A JSON value as String, Long, Boolean, List of (String or other) or a description. */
  private static Object value(JsonParser p, JsonToken tok, String name, boolean unchecked)
      throws IOException, LineProblem {
    switch (tok) {
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          throw new LineProblem("field \"" + name + "\" is out of the 64-bit integer range");
        }
        return p.getLongValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      case START_ARRAY:
        {
          List<Object> list = new ArrayList<>();
          JsonToken t;
          while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.VALUE_STRING) {
              list.add(p.getText());
            } else {
              if (unchecked && t.isStructStart()) {
                throw RETRY_STRICT;
              }
              p.skipChildren();
              list.add(new Unsupported("a non-string entry")); // rejected by convert()
            }
          }
          return list;
        }
      case START_OBJECT:
        if (unchecked) {
          throw RETRY_STRICT;
        }
        p.skipChildren();
        return new Unsupported("an object");
      default:
        return new Unsupported(tok.isNumeric() ? "a fractional number" : tok.asString());
    }
  }

  private static String nameOfGlobal(int g) {
    for (EventSchema.Type t : EventSchema.types().values()) {
      for (EventSchema.Field f : t.fields()) {
        if (f.global() == g) {
          return f.name();
        }
      }
    }
    return "#" + g;
  }

  private void count(Map<String, Long> names, String name) {
    String key = Bounds.cut(name, MAX_NAME_CHARS);
    if (names.containsKey(key) || names.size() < maxNames) {
      names.merge(key, 1L, Long::sum);
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return Bounds.cut(nl < 0 ? s : s.substring(0, nl), 200);
  }
}
