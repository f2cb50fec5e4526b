package dev.memkit.core;

import dev.memkit.core.port.out.Observer;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link Memkit#open(String, MemkitOptions)} opens a store.
 *
 * @param environment the variables settings fall back to ({@code MEMKIT_TOKENIZER}, {@code
 *     MEMKIT_BACKUP_KEEP}…); {@link #defaults()} uses the process's
 * @param clock the clock of {@code created_at}, {@code updated_at} and audit times
 * @param tokenizer the encoding that counts context tokens; when empty, {@code MEMKIT_TOKENIZER} or
 *     else {@code o200k_base}
 * @param observer told about store operations, searches, group commits, backups and recoveries (for
 *     metrics); {@link Observer#NONE} by default
 */
public record MemkitOptions(
    Map<String, String> environment, Clock clock, Optional<String> tokenizer, Observer observer) {
  /** The tokenizer used when none is named. */
  public static final String DEFAULT_TOKENIZER = "o200k_base";

  /** Copies the environment. */
  public MemkitOptions {
    environment = Map.copyOf(environment);
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(tokenizer, "tokenizer");
    Objects.requireNonNull(observer, "observer");
  }

  /** Options that report to no {@link Observer}. */
  public MemkitOptions(Map<String, String> environment, Clock clock, Optional<String> tokenizer) {
    this(environment, clock, tokenizer, Observer.NONE);
  }

  /** The process environment, the UTC system clock, the default tokenizer. */
  public static MemkitOptions defaults() {
    return new MemkitOptions(System.getenv(), Clock.systemUTC(), Optional.empty());
  }

  /** Returns these options with {@code newClock}. */
  public MemkitOptions withClock(Clock newClock) {
    return new MemkitOptions(environment, newClock, tokenizer, observer);
  }

  /** Returns these options with {@code newEnvironment} instead of the process's. */
  public MemkitOptions withEnvironment(Map<String, String> newEnvironment) {
    return new MemkitOptions(newEnvironment, clock, tokenizer, observer);
  }

  /** Returns these options with the tokenizer {@code encoding}. */
  public MemkitOptions withTokenizer(String encoding) {
    return new MemkitOptions(environment, clock, Optional.of(encoding), observer);
  }

  /** Returns these options reporting to {@code newObserver}. */
  public MemkitOptions withObserver(Observer newObserver) {
    return new MemkitOptions(environment, clock, tokenizer, newObserver);
  }

  /**
   * The tokenizer to use: the one named here, else {@code MEMKIT_TOKENIZER}, else {@code
   * o200k_base}.
   */
  public String tokenizerName() {
    return tokenizer
        .or(
            () ->
                Optional.ofNullable(environment.get("MEMKIT_TOKENIZER")).filter(s -> !s.isBlank()))
        .orElse(DEFAULT_TOKENIZER);
  }
}
