package dev.memkit.core;

import dev.memkit.core.model.Actor;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.port.in.AuditUseCase;
import dev.memkit.core.port.in.ContextUseCase;
import dev.memkit.core.port.in.GoalUseCase;
import dev.memkit.core.port.in.MemoryUseCase;
import dev.memkit.core.port.in.StateUseCase;

/**
 * The use cases of one namespace, acting as one actor: what an agent, an HTTP request or a command
 * works with. Cheap to create; safe to share between threads.
 */
public interface Space {
  /** The namespace every call acts on. */
  Namespace namespace();

  /** Who the audit log says made each change. */
  Actor actor();

  /** Key/value state, with the {@code profile} and {@code working_memory} documents. */
  StateUseCase state();

  /** The memory log, its search and session snapshots. */
  MemoryUseCase memories();

  /** Goals and their progress. */
  GoalUseCase goals();

  /** The context block. */
  ContextUseCase context();

  /** The audit log of this namespace. */
  AuditUseCase audit();
}
