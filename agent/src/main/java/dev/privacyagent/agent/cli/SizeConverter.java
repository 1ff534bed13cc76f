package dev.privacyagent.agent.cli;

import dev.privacyagent.agent.config.ByteSize;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Sizes as {@code 4096}, {@code 512k}, {@code 64m}, {@code 1g} (binary units), as the agent's keys take them. */
public final class SizeConverter implements ITypeConverter<Long> {
  @Override
  public Long convert(String value) {
    try {
      return ByteSize.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("'" + value + "': " + e.getMessage());
    }
  }
}
