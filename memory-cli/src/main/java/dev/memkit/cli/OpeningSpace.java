package dev.memkit.cli;

import dev.memkit.core.Space;
import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.core.model.Actor;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.port.in.AuditUseCase;
import dev.memkit.core.port.in.ContextUseCase;
import dev.memkit.core.port.in.GoalUseCase;
import dev.memkit.core.port.in.MemoryUseCase;
import dev.memkit.core.port.in.StateUseCase;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A namespace's use cases whose store opens in the background: {@code memkit mcp} answers the
 * client's handshake and tool list while the store opens, and the first call waits for it. A store
 * that cannot open fails each call, saying why.
 */
final class OpeningSpace implements Space {
  private final Namespace namespace;
  private final Actor actor;
  private final CompletableFuture<Space> opened;

  OpeningSpace(Namespace namespace, Actor actor, Supplier<Space> open) {
    this.namespace = namespace;
    this.actor = actor;
    this.opened = CompletableFuture.supplyAsync(open);
  }

  /** Waits until the store has opened or failed to, so it can be closed. */
  void settle() {
    opened.handle((space, failure) -> null).join();
  }

  private Space space() {
    try {
      return opened.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new StoreUnavailableException(
          "the store cannot be opened: " + cause.getMessage(), cause);
    }
  }

  @Override
  public Namespace namespace() {
    return namespace;
  }

  @Override
  public Actor actor() {
    return actor;
  }

  @Override
  public StateUseCase state() {
    return space().state();
  }

  @Override
  public MemoryUseCase memories() {
    return space().memories();
  }

  @Override
  public GoalUseCase goals() {
    return space().goals();
  }

  @Override
  public ContextUseCase context() {
    return space().context();
  }

  @Override
  public AuditUseCase audit() {
    return space().audit();
  }
}
