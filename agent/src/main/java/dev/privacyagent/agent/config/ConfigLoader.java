package dev.privacyagent.agent.config;

import dev.privacyagent.agent.dispatch.gossip.GossipSettings;
import dev.privacyagent.agent.dispatch.gossip.MessageSampling;
import dev.privacyagent.agent.log.Level;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the configuration. Precedence, highest first: agent arguments ({@code key=value,...}
 * after {@code -javaagent:privacy-agent.jar=} or given to {@code attach}), then the system
 * property {@code -Dprivacyagent.KEY}, then the environment variable {@code PRIVACY_AGENT_KEY},
 * then the default. Agent arguments are the most specific statement of intent, environment the
 * least: a container-wide variable must not override what the operator typed on the command line.
 */
public final class ConfigLoader {

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)?");
  private static final Pattern SHARE = Pattern.compile("(\\d{1,9}(\\.\\d{0,17})?|\\.\\d{1,17})([eE]-?\\d{1,3})?");

  private ConfigLoader() {}

  /** Resolves from this JVM's system properties and environment. */
  public static AgentConfig load(String agentArgs) throws ConfigException {
    Map<String, String> props = new LinkedHashMap<>();
    System.getProperties().forEach((k, v) -> props.put(String.valueOf(k), String.valueOf(v)));
    return load(agentArgs, props, System.getenv());
  }

  public static AgentConfig load(
      String agentArgs, Map<String, String> systemProperties, Map<String, String> environment)
      throws ConfigException {
    List<String> warnings = new ArrayList<>();
    Map<ConfigKey, String> fromArgs = parseArgs(agentArgs, warnings);
    Map<ConfigKey, Resolved> values = new EnumMap<>(ConfigKey.class);
    for (ConfigKey key : ConfigKey.values()) {
      String v;
      String source;
      if (fromArgs.containsKey(key)) {
        v = fromArgs.get(key);
        source = "agent argument '" + key.key() + "'";
      } else if (systemProperties.get(key.systemProperty()) != null) {
        v = systemProperties.get(key.systemProperty());
        source = "system property -D" + key.systemProperty();
      } else if (environment.get(key.environmentVariable()) != null) {
        v = environment.get(key.environmentVariable());
        source = "environment variable " + key.environmentVariable();
      } else {
        v = key.defaultValue();
        source = "default of '" + key.key() + "'";
      }
      values.put(key, new Resolved(v.trim(), source));
    }
    String bind = values.get(ConfigKey.BIND).value();
    if (bind.isEmpty()) {
      throw bad(values.get(ConfigKey.BIND), "an address is required, e.g. 127.0.0.1");
    }
    String eventsRaw = values.get(ConfigKey.EVENTS).value();
    Path events = null;
    if (!eventsRaw.isEmpty()) {
      try {
        events = Path.of(eventsRaw);
      } catch (InvalidPathException e) {
        throw bad(values.get(ConfigKey.EVENTS), "not a file path: " + e.getMessage());
      }
    }
    int port = intIn(values.get(ConfigKey.PORT), -1, 65535);
    String fault = values.get(ConfigKey.FAULT_INJECTION).value().toLowerCase(Locale.ROOT);
    if (!fault.equals("none") && !fault.equals("throw")) {
      throw bad(values.get(ConfigKey.FAULT_INJECTION), "expected none or throw");
    }
    return new AgentConfig(
        bool(values.get(ConfigKey.ENABLED)),
        port,
        bind,
        values.get(ConfigKey.TOKEN).value(),
        events,
        size(values.get(ConfigKey.EVENTS_MAX_SIZE), 4096),
        bool(values.get(ConfigKey.EVENTS_GZIP)),
        duration(values.get(ConfigKey.WINDOW), false),
        size(values.get(ConfigKey.MAX_MEMORY), 1 << 20),
        level(values.get(ConfigKey.LOG)),
        duration(values.get(ConfigKey.SUMMARY_INTERVAL), true),
        bool(values.get(ConfigKey.REPORT)),
        startup(values.get(ConfigKey.STARTUP)),
        intIn(values.get(ConfigKey.QUEUE), 16, 1 << 24),
        fault.equals("throw"),
        new GossipSettings(
            sampling(values.get(ConfigKey.GOSSIP_MESSAGES)),
            duration(values.get(ConfigKey.GOSSIP_INTERVAL), false),
            fault.equals("throw")),
        share(values.get(ConfigKey.ADVERSARY_SHARE)),
        nodeName(values.get(ConfigKey.NODE_NAME)),
        warnings);
  }

  private static boolean startup(Resolved r) throws ConfigException {
    String v = r.value().toLowerCase(Locale.ROOT);
    if (!v.equals("premain") && !v.equals("background")) {
      throw bad(r, "expected premain or background");
    }
    return v.equals("background");
  }

  /** Splits {@code key=value,key=value}; a value may not contain a comma. */
  static Map<ConfigKey, String> parseArgs(String args, List<String> warnings)
      throws ConfigException {
    Map<ConfigKey, String> out = new EnumMap<>(ConfigKey.class);
    if (args == null || args.isBlank()) {
      return out;
    }
    for (String part : args.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(
            "agent argument '" + part.trim() + "' is not key=value (arguments are key=value,...)");
      }
      String name = part.substring(0, eq).trim();
      ConfigKey key = ConfigKey.byKey(name);
      if (key == null) {
        warnings.add("unknown agent argument '" + name + "' ignored; known keys: " + knownKeys());
        continue;
      }
      out.put(key, part.substring(eq + 1));
    }
    return out;
  }

  public static String knownKeys() {
    StringBuilder sb = new StringBuilder();
    for (ConfigKey k : ConfigKey.values()) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(k.key());
    }
    return sb.toString();
  }

  private static MessageSampling sampling(Resolved r) throws ConfigException {
    try {
      return MessageSampling.parse(r.value());
    } catch (IllegalArgumentException e) {
      throw bad(r, e.getMessage());
    }
  }

  /** A node name ends up in metric labels, file names and terminals: a short plain token only. */
  private static String nodeName(Resolved r) throws ConfigException {
    String v = r.value().trim();
    if (v.isEmpty()) {
      return null;
    }
    if (v.length() > 48 || !v.matches("[A-Za-z0-9._-]+")) {
      throw bad(r, "expected up to 48 letters, digits, '.', '_' or '-'");
    }
    return v;
  }

  /** A share of peers: a plain decimal strictly between 0 and 1 (0 or 1 make the measure trivial). */
  private static double share(Resolved r) throws ConfigException {
    if (!SHARE.matcher(r.value()).matches()) {
      throw bad(r, "not a number; expected a share of peers between 0 and 1 (exclusive), e.g. 0.1");
    }
    double v = Double.parseDouble(r.value());
    if (!(v > 0 && v < 1)) {
      throw bad(r, "must be between 0 and 1 (exclusive), e.g. 0.1");
    }
    return v;
  }

  private static boolean bool(Resolved r) throws ConfigException {
    return switch (r.value().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw bad(r, "expected true or false");
    };
  }

  private static int intIn(Resolved r, int min, int max) throws ConfigException {
    try {
      int v = Integer.parseInt(r.value());
      if (v < min || v > max) {
        throw bad(r, "must be between " + min + " and " + max);
      }
      return v;
    } catch (NumberFormatException e) {
      throw bad(r, "not an integer");
    }
  }

  static Duration duration(Resolved r, boolean zeroAllowed) throws ConfigException {
    Matcher m = DURATION.matcher(r.value().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw bad(r, "expected a duration such as 500ms, 30s, 10m, 1h (a bare number is seconds)");
    }
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw bad(r, "number too large");
    }
    String unit = m.group(2) == null ? "s" : m.group(2);
    Duration d =
        switch (unit) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
    if (d.isZero() && !zeroAllowed) {
      throw bad(r, "must be greater than zero");
    }
    return d;
  }

  static long size(Resolved r, long min) throws ConfigException {
    long v;
    try {
      v = ByteSize.parse(r.value());
    } catch (IllegalArgumentException e) {
      throw bad(r, e.getMessage());
    }
    if (v < min) {
      throw bad(r, "must be at least " + min + " bytes");
    }
    return v;
  }

  private static Level level(Resolved r) throws ConfigException {
    Level l = Level.parse(r.value());
    if (l == null) {
      throw bad(r, "expected one of off, error, warn, info, debug");
    }
    return l;
  }

  private static ConfigException bad(Resolved r, String why) {
    return new ConfigException("bad value '" + r.value() + "' from " + r.source() + ": " + why);
  }

  record Resolved(String value, String source) {}
}
