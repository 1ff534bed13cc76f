package dev.privacyagent.analyzer.detect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Shares of agent names in a measured population (for example a crawl of the Ethereum network),
 * used to say how many bits an agentVersion reveals beyond the peers this node happened to see.
 * File format: {@code #} comment lines (the source), a header {@code agent,share_percent}, then
 * one {@code name,percent} per line; an {@code other} row, if present, stands for every name not
 * listed.
 */
public final class ReferencePopulation {
  /** The bundled Ethereum consensus-layer crawl (ProbeLab Nebula, November 2023). */
  public static final String ETHEREUM_CL_2023_11 =
      "/dev/privacyagent/analyzer/reference/ethereum-cl-agents-2023-11.csv";

  private final String name;
  private final List<String> source;
  private final Map<String, Double> shares;

  private ReferencePopulation(String name, List<String> source, Map<String, Double> shares) {
    this.name = name;
    this.source = List.copyOf(source);
    this.shares = Collections.unmodifiableMap(shares);
  }

  public static ReferencePopulation ethereumConsensus2023() {
    InputStream in = ReferencePopulation.class.getResourceAsStream(ETHEREUM_CL_2023_11);
    if (in == null) {
      throw new IllegalStateException("bundled resource missing: " + ETHEREUM_CL_2023_11);
    }
    try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return parse("ethereum-cl-agents-2023-11.csv", r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ReferencePopulation load(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(file.toString(), r);
    }
  }

  /** Parses the CSV; a bad line gives {@code name:line: what is wrong}. */
  public static ReferencePopulation parse(String name, Reader reader) throws IOException {
    BufferedReader in = new BufferedReader(reader);
    List<String> source = new ArrayList<>();
    Map<String, Double> shares = new LinkedHashMap<>();
    boolean header = false;
    double sum = 0;
    String line;
    int no = 0;
    while ((line = in.readLine()) != null) {
      no++;
      String s = line.strip();
      if (s.isEmpty()) {
        continue;
      }
      if (s.startsWith("#")) {
        source.add(s.substring(1).strip());
        continue;
      }
      if (!header) {
        if (!s.equalsIgnoreCase("agent,share_percent")) {
          throw new IllegalArgumentException(name + ":" + no + ": expected header agent,share_percent");
        }
        header = true;
        continue;
      }
      String[] parts = s.split(",", -1);
      if (parts.length != 2 || parts[0].isBlank()) {
        throw new IllegalArgumentException(name + ":" + no + ": expected name,percent");
      }
      double pct;
      try {
        pct = Double.parseDouble(parts[1].strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + ":" + no + ": not a number: " + parts[1]);
      }
      if (!(pct > 0 && pct <= 100)) {
        throw new IllegalArgumentException(name + ":" + no + ": share must be in (0,100]: " + pct);
      }
      String key = parts[0].strip().toLowerCase(Locale.ROOT);
      if (shares.put(key, pct / 100.0) != null) {
        throw new IllegalArgumentException(name + ":" + no + ": duplicate agent " + key);
      }
      sum += pct;
    }
    if (shares.isEmpty()) {
      throw new IllegalArgumentException(name + ": no rows");
    }
    if (Math.abs(sum - 100.0) > 1.0) {
      throw new IllegalArgumentException(name + ": shares sum to " + sum + "%, not 100%");
    }
    return new ReferencePopulation(name, source, shares);
  }

  public String name() {
    return name;
  }

  /** Share per agent name ({@code other} and {@code unknown} included), in file order. */
  public Map<String, Double> shares() {
    return java.util.Collections.unmodifiableMap(shares);
  }

  /** The comment lines of the file: where the numbers come from. */
  public List<String> source() {
    return source;
  }

  /**
   * The agent name of an agentVersion: the part before the first {@code /}, lower case ({@code
   * "teku/v23.10.0/linux-x86_64"} gives {@code teku}).
   */
  public static String agentName(String agentVersion) {
    if (agentVersion == null || agentVersion.isBlank()) {
      return "unknown";
    }
    String s = agentVersion.strip();
    int slash = s.indexOf('/');
    return (slash < 0 ? s : s.substring(0, slash)).toLowerCase(Locale.ROOT);
  }

  /** Share of this agent's name, or of {@code other} when unlisted; null when neither exists. */
  public Double share(String agentVersion) {
    Double s = shares.get(agentName(agentVersion));
    return s != null ? s : shares.get("other");
  }

  /** True when the agent's name has its own row (not folded into {@code other}). */
  public boolean lists(String agentVersion) {
    return shares.containsKey(agentName(agentVersion));
  }
}
