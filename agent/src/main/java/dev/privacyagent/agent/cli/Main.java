package dev.privacyagent.agent.cli;

import dev.privacyagent.agent.attach.AttachCommand;
import dev.privacyagent.agent.attach.ListCommand;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code java -jar privacy-agent.jar}: the command-line root. It only wires subcommands and
 * turns failures into messages and exit codes; each subcommand is its own class, so adding one
 * is one entry in {@code subcommands}.
 */
@Command(
    name = "privacy-agent",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Privacy analysis of libp2p nodes: live (-javaagent, attach) or offline (analyze, simulate).",
    subcommands = {
      AnalyzeCommand.class,
      SimulateCommand.class,
      AttachCommand.class,
      ListCommand.class,
      HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success (findings do not change the exit code)",
      "1:internal error (a bug: please report it)",
      "2:usage error: unknown or bad option or argument",
      "3:input error: missing or unreadable file, bad event line",
      "4:output error: the report or events could not be written"
    })
public final class Main implements Runnable {

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    // the file descriptors, not System.out/err: a PrintStream swallows write errors, and a report
    // lost to a full disk or a closed pipe must fail the command (exit 4), not vanish
    PrintWriter out = new PrintWriter(
        new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8));
    PrintWriter err = new PrintWriter(
        new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
    CommandLine cmd = commandLine(out, err);
    int code = cmd.execute(args);
    out.flush();
    if (out.checkError() && code == ExitCodes.OK) {
      cmd.getErr().println("error: cannot write to standard output (closed, or the disk is full)");
      code = ExitCodes.OUTPUT;
    }
    cmd.getErr().flush();
    System.exit(code);
  }

  /**
   * The configured command line writing to {@code out} and {@code err} (tests run it in-process).
   * Messages on {@code err} are terminal-safe: see {@link TerminalSafeWriter}.
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cmd = new CommandLine(new Main());
    cmd.setOut(out);
    cmd.setErr(new TerminalSafeWriter.Stream(err));
    cmd.setParameterExceptionHandler(Main::usageError);
    cmd.setExecutionExceptionHandler((ex, command, parseResult) -> {
      if (ex instanceof CliException ce) {
        command.getErr().println("error: " + ce.getMessage());
        command.getErr().flush();
        return ce.exitCode();
      }
      command.getErr().println("internal error: " + ex);
      ex.printStackTrace(command.getErr());
      command.getErr().flush();
      return ExitCodes.INTERNAL;
    });
    return cmd;
  }

  private static int usageError(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("error: " + ex.getMessage());
    UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
    err.flush();
    return ExitCodes.USAGE;
  }

  /** Without a subcommand: print the usage and fail as a usage error. */
  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required (analyze, simulate, attach, list)");
  }

  /** The jar's Implementation-Version when packaged, else the build's. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"privacy-agent " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
  }
}
