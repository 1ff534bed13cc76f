package dev.privacyagent.sample;

import java.time.Duration;
import picocli.CommandLine;

/** Parses 250ms, 2s, 1.5s, 3m, 1h or a bare number of seconds. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    static Duration parse(String value) {
        String v = value.trim().toLowerCase();
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            double n;
            long unitMs;
            if (v.endsWith("s")) {
                n = Double.parseDouble(v.substring(0, v.length() - 1));
                unitMs = 1000;
            } else if (v.endsWith("m")) {
                n = Double.parseDouble(v.substring(0, v.length() - 1));
                unitMs = 60_000;
            } else if (v.endsWith("h")) {
                n = Double.parseDouble(v.substring(0, v.length() - 1));
                unitMs = 3_600_000;
            } else {
                n = Double.parseDouble(v);
                unitMs = 1000;
            }
            if (n < 0 || Double.isNaN(n) || Double.isInfinite(n)) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(Math.round(n * unitMs));
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException(
                    "invalid duration '" + value + "' (use e.g. 500ms, 2s, 1.5s, 3m)");
        }
    }
}
