package dev.memkit.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The server's logging, set up in code (found by logback through {@link java.util.ServiceLoader})
 * rather than read from an XML file, which takes logback several hundred milliseconds of the start
 * to parse. Standard output, written in batches by a thread of its own so request threads never
 * wait on the console ({@link ConsoleLog}); nothing is dropped and what waits is written out when
 * the server stops; Micronaut and Netty at {@code WARN}, the embedding model's tokenizer library
 * ({@code ai.djl}) at {@code ERROR}, the rest at {@code INFO}.
 *
 * <p>{@code -Dlogback.configurationFile=FILE} replaces all of it with the configuration in FILE.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
  /** The line format: UTC time, level, logger, message. */
  static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level %logger{0} - %msg%n";

  /** Called by {@link java.util.ServiceLoader}. */
  public LogSetup() {
    // configured in configure()
  }

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleLog console = new ConsoleLog();
    console.setContext(context);
    console.setName("STDOUT");
    console.setEncoder(encoder);
    console.start();
    for (String quiet : new String[] {"io.micronaut", "io.netty"}) {
      context.getLogger(quiet).setLevel(Level.WARN);
    }
    // the embedding model's tokenizer library looks for a GPU and reports unpacking at INFO
    context.getLogger("ai.djl").setLevel(Level.ERROR);
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(console);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
