package dev.privacyagent.server.log;

import io.netty.util.internal.logging.AbstractInternalLogger;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;

/**
 * Routes Netty's own log lines to {@link ServerLog}. Left alone, Netty logs through SLF4J, Log4j or
 * java.util.logging, whichever it finds: the host application's logging, with stack traces. Only
 * warnings and errors pass, as one line per kind (the format string), without a trace.
 */
final class NettyLogBridge extends InternalLoggerFactory {
  private static volatile boolean installed;

  static synchronized void install() {
    if (!installed) {
      InternalLoggerFactory.setDefaultFactory(new NettyLogBridge());
      installed = true;
    }
  }

  @Override
  protected InternalLogger newInstance(String name) {
    return new Logger(name);
  }

  private static final class Logger extends AbstractInternalLogger {
    private static final long serialVersionUID = 1L;

    Logger(String name) {
      super(name);
    }

    private void emit(String format, Object... args) {
      Throwable t = null;
      StringBuilder b = new StringBuilder();
      int arg = 0;
      String f = format == null ? "" : format;
      for (int i = 0; i < f.length(); i++) {
        if (f.startsWith("{}", i) && arg < args.length) {
          Object a = args[arg++];
          b.append(a instanceof Throwable th ? ServerLog.describe(th) : String.valueOf(a));
          i++;
        } else {
          b.append(f.charAt(i));
        }
      }
      for (; arg < args.length; arg++) {
        if (args[arg] instanceof Throwable th) {
          t = th;
        }
      }
      if (t != null) {
        b.append(" (").append(ServerLog.describe(t)).append(')');
      }
      String shortName = name().substring(name().lastIndexOf('.') + 1);
      ServerLog.warnOnce("netty:" + name() + ":" + f, "netty " + shortName + ": " + b);
    }

    @Override public boolean isTraceEnabled() { return false; }
    @Override public void trace(String msg) { }
    @Override public void trace(String format, Object arg) { }
    @Override public void trace(String format, Object a, Object b) { }
    @Override public void trace(String format, Object... args) { }
    @Override public void trace(String msg, Throwable t) { }
    @Override public boolean isDebugEnabled() { return false; }
    @Override public void debug(String msg) { }
    @Override public void debug(String format, Object arg) { }
    @Override public void debug(String format, Object a, Object b) { }
    @Override public void debug(String format, Object... args) { }
    @Override public void debug(String msg, Throwable t) { }
    @Override public boolean isInfoEnabled() { return false; }
    @Override public void info(String msg) { }
    @Override public void info(String format, Object arg) { }
    @Override public void info(String format, Object a, Object b) { }
    @Override public void info(String format, Object... args) { }
    @Override public void info(String msg, Throwable t) { }
    @Override public boolean isWarnEnabled() { return true; }
    @Override public void warn(String msg) { emit(msg); }
    @Override public void warn(String format, Object arg) { emit(format, arg); }
    @Override public void warn(String format, Object a, Object b) { emit(format, a, b); }
    @Override public void warn(String format, Object... args) { emit(format, args); }
    @Override public void warn(String msg, Throwable t) { emit(msg, t); }
    @Override public boolean isErrorEnabled() { return true; }
    @Override public void error(String msg) { emit(msg); }
    @Override public void error(String format, Object arg) { emit(format, arg); }
    @Override public void error(String format, Object a, Object b) { emit(format, a, b); }
    @Override public void error(String format, Object... args) { emit(format, args); }
    @Override public void error(String msg, Throwable t) { emit(msg, t); }
  }
}
