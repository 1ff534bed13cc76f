package dev.privacyagent.agent.cli.progress;

import dev.privacyagent.agent.cli.DurationConverter;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.LongSupplier;
import picocli.CommandLine.Option;

/** {@code --progress} and {@code --progress-every}, shared by the long commands (a picocli mixin). */
public final class ProgressOptions {
  @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
      description = "progress on standard error: auto (a bar on a terminal, else a line every --progress-every),"
          + " bar, lines or off (default: ${DEFAULT-VALUE})")
  ProgressMode mode;

  @Option(names = "--progress-every", paramLabel = "D", defaultValue = "5s", converter = DurationConverter.class,
      description = "interval of the plain progress lines (default: ${DEFAULT-VALUE})")
  Duration every;

  /** Starts a meter as these options say; {@code err} must be the unescaped stream (the bar draws '\r'). */
  public ProgressMeter start(String label, ProgressText.Unit unit, LongSupplier done, long total, PrintWriter err) {
    return ProgressMeter.start(label, unit, done, total, mode, err, every);
  }
}
