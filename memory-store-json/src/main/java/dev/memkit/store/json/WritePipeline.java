package dev.memkit.store.json;

import dev.memkit.core.error.MemoryException;
import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.AuditEntry;
import dev.memkit.core.model.Goal;
import dev.memkit.core.model.GoalId;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.RecordJson;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.store.engine.CommitLog;
import dev.memkit.core.store.engine.RecordEngine;
import dev.memkit.core.store.engine.RecordSet;
import dev.memkit.core.store.engine.UndoLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The write pipeline: turns a unit of work's changes into one journal record, numbers it, queues it
 * for the {@link JournalWriter} under the engine's write lock (so queue order is commit order),
 * and, once the lock is released, waits for it to be durable. When the journal cannot be written,
 * undoes the units that did not reach it, newest first.
 */
final class WritePipeline implements CommitLog {
  private final Path dir;
  private final JournalWriter writer;
  private final RecordEngine engine;
  private final AuditTrail audit;
  private final Runnable afterWrite;

  /** The number of the last record queued; guarded by the engine's write lock. */
  private long lastSeq;

  /**
   * @param lastSeq the number of the last record in the journal
   * @param afterWrite run by each writer once its record is durable (to start a compaction)
   */
  WritePipeline(
      Path dir,
      JournalWriter writer,
      RecordEngine engine,
      AuditTrail audit,
      long lastSeq,
      Runnable afterWrite) {
    this.dir = dir;
    this.writer = writer;
    this.engine = engine;
    this.audit = audit;
    this.lastSeq = lastSeq;
    this.afterWrite = afterWrite;
  }

  /** The number of the last record queued; call it under the engine's lock. */
  long lastSeq() {
    return lastSeq;
  }

  /** Refuses the write when the journal cannot take records. */
  @Override
  public Entry begin() {
    refuseWhenBroken();
    return new JournalEntry();
  }

  private void refuseWhenBroken() {
    String broken = writer.broken();
    if (broken != null) {
      throw new StoreUnavailableException("store in " + dir + " cannot write: " + broken);
    }
  }

  /** One unit's changes as journal changes, and its audit lines. */
  private final class JournalEntry implements Entry {
    private final List<String> changes = new ArrayList<>();
    private final List<byte[]> auditLines = new ArrayList<>();

    @Override
    public void statePut(StateEntry entry) {
      changes.add(Journal.put("state.put", RecordJson.state(entry).toJson()));
    }

    @Override
    public void stateDeleted(Namespace namespace, StateKey key) {
      changes.add(
          Journal.delete("state.delete", namespace.value(), "key", JsonValue.of(key.value())));
    }

    @Override
    public void memoryPut(Memory memory) {
      changes.add(Journal.put("memory.put", RecordJson.memory(memory).toJson()));
    }

    @Override
    public void memoryDeleted(Namespace namespace, MemoryId id) {
      changes.add(
          Journal.delete("memory.delete", namespace.value(), "id", JsonValue.of(id.value())));
    }

    @Override
    public void goalPut(Goal goal) {
      changes.add(Journal.put("goal.put", RecordJson.goal(goal).toJson()));
    }

    @Override
    public void goalDeleted(Namespace namespace, GoalId id) {
      changes.add(Journal.delete("goal.delete", namespace.value(), "id", JsonValue.of(id.value())));
    }

    @Override
    public void auditAppended(AuditEntry entry) {
      byte[] json = audit.last().json();
      auditLines.add(json);
      changes.add(Journal.put("audit.append", new String(json, StandardCharsets.UTF_8)));
    }

    @Override
    public Runnable commit(UndoLog undo, boolean changed) {
      if (!changed) {
        return null;
      }
      RecordSet records = engine.records();
      long seq = lastSeq + 1;
      byte[] line = Journal.encode(seq, records.lastMemoryId(), records.lastGoalId(), changes);
      JournalWriter.Unit unit = new JournalWriter.Unit(seq, line, auditLines, undo);
      lastSeq = seq;
      writer.submit(unit);
      return () -> {
        await(unit.done);
        afterWrite.run();
      };
    }
  }

  /**
   * Replaces the records with {@code restored} (a backup read back) and queues a {@code restore}
   * record naming {@code backupId}; returns once it is durable. Undone like any write if it is not.
   */
  void restore(String backupId, RecordSet restored) {
    JournalWriter.Unit unit =
        engine.exclusively(
            () -> {
              engine.ensureOpen();
              refuseWhenBroken();
              RecordSet previous = engine.records();
              long seq = lastSeq + 1;
              restored.keepIdsAbove(previous.lastMemoryId(), previous.lastGoalId());
              String change =
                  JsonValue.objectBuilder()
                      .put("op", "restore")
                      .put("backup", backupId)
                      .build()
                      .toJson();
              byte[] line =
                  Journal.encode(
                      seq, restored.lastMemoryId(), restored.lastGoalId(), List.of(change));
              JournalWriter.Unit queued =
                  new JournalWriter.Unit(
                      seq, line, List.of(), UndoLog.of(() -> engine.replace(previous)));
              engine.replace(restored);
              lastSeq = seq;
              writer.submit(queued);
              return queued;
            });
    await(unit.done);
  }

  /**
   * Called by the writer when records could not be written: undoes them and every record queued
   * after them.
   */
  List<JournalWriter.Unit> rollback(
      List<JournalWriter.Unit> failed, Supplier<List<JournalWriter.Unit>> drain) {
    return engine.exclusively(
        () -> {
          List<JournalWriter.Unit> all = new ArrayList<>(failed);
          all.addAll(drain.get());
          for (int i = all.size() - 1; i >= 0; i--) {
            all.get(i).undo();
          }
          lastSeq = all.get(0).seq - 1;
          return all;
        });
  }

  /** Waits for {@code done}, turning its failure into the store's exception. */
  static void await(CompletableFuture<Void> done) {
    try {
      done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      // The record is queued and will be written; the caller only stops waiting for it.
      throw new StoreUnavailableException("interrupted while waiting for the journal", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof MemoryException m) {
        throw m;
      }
      throw new StoreUnavailableException("journal write failed: " + cause, cause);
    }
  }
}
