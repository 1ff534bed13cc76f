package dev.privacyagent.analyzer.codec;

import java.util.List;
import java.util.Map;

/**
 * What reading one or more event inputs found.
 *
 * @param lines lines read, blank ones included
 * @param events events decoded
 * @param skippedLines bad lines skipped in lenient mode
 * @param unknownTypeLines lines of an event type this reader does not know (reported, not events)
 * @param unknownFields occurrences of fields an event type does not have (the event is kept)
 * @param truncatedStrings strings or lists cut to their {@link Bounds}
 * @param unknownTypeNames unknown type names with their line counts (at most 32 names)
 * @param unknownFieldNames {@code Type.field} names with occurrence counts (at most 32 names)
 * @param problems the first bad lines as {@code file:line: what is wrong} (at most 10)
 */
public record ReadStats(
    long lines,
    long events,
    long skippedLines,
    long unknownTypeLines,
    long unknownFields,
    long truncatedStrings,
    Map<String, Long> unknownTypeNames,
    Map<String, Long> unknownFieldNames,
    List<String> problems) {

  public ReadStats {
    unknownTypeNames = Map.copyOf(unknownTypeNames);
    unknownFieldNames = Map.copyOf(unknownFieldNames);
    problems = List.copyOf(problems);
  }

  public static final ReadStats EMPTY = new ReadStats(0, 0, 0, 0, 0, 0, Map.of(), Map.of(), List.of());

  /** Human-readable notes about anything other than clean input (empty when all was clean). */
  public List<String> notes() {
    List<String> notes = new java.util.ArrayList<>();
    if (skippedLines > 0) {
      notes.add(skippedLines + " bad line(s) skipped (lenient mode)");
    }
    unknownTypeNames.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> notes.add("unknown event type '" + e.getKey() + "' on " + e.getValue() + " line(s), not analysed"));
    unknownFieldNames.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> notes.add("unknown field '" + e.getKey() + "' on " + e.getValue() + " line(s), ignored"));
    if (truncatedStrings > 0) {
      notes.add(truncatedStrings + " oversized string(s) or list(s) truncated");
    }
    return notes;
  }

  /** The sum of two readings (several input files). */
  public ReadStats plus(ReadStats o) {
    return new ReadStats(
        lines + o.lines,
        events + o.events,
        skippedLines + o.skippedLines,
        unknownTypeLines + o.unknownTypeLines,
        unknownFields + o.unknownFields,
        truncatedStrings + o.truncatedStrings,
        merge(unknownTypeNames, o.unknownTypeNames),
        merge(unknownFieldNames, o.unknownFieldNames),
        java.util.stream.Stream.concat(problems.stream(), o.problems.stream()).limit(10).toList());
  }

  private static Map<String, Long> merge(Map<String, Long> a, Map<String, Long> b) {
    Map<String, Long> m = new java.util.HashMap<>(a);
    b.forEach((k, v) -> m.merge(k, v, Long::sum));
    return m;
  }
}
