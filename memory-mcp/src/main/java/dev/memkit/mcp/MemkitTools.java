package dev.memkit.mcp;

import dev.memkit.core.model.RecordJson;
import java.util.List;

/**
 * Every tool memkit serves over MCP, defined once: both transports (standard input and output, and
 * the HTTP service's {@code /mcp}) serve these. Each tool is built by the class of its family
 * ({@link ContextTools}, {@link MemoryTools}, {@link StateTools}, {@link GoalTools}, {@link
 * ConnectorTools}, sharing {@link ToolParts}); this class lists them and names each one. Arguments
 * are read with the core's checks; results are the records' one JSON form ({@link RecordJson}), the
 * same the HTTP API and the command line's {@code --json} give.
 */
final class MemkitTools {
  /** The context budget when a call names none. */
  static final int DEFAULT_CONTEXT_TOKENS = 2000;

  /** The URI of one memory, as resources and the {@code fetch} tool name it. */
  static final String MEMORY_URI = "memkit://memories/";

  private MemkitTools() {}

  /** Every tool, the standard selection first. */
  static List<MemkitTool> all() {
    return List.of(
        contextGet(),
        memoryAdd(),
        memorySearch(),
        memoryRecent(),
        stateGet(),
        stateSet(),
        goalAdd(),
        goalList(),
        goalProgress(),
        snapshotSave(),
        memoryGet(),
        memoryUpdate(),
        memoryDelete(),
        stateMerge(),
        stateList(),
        stateDelete(),
        profileGet(),
        profilePatch(),
        workingMemoryGet(),
        workingMemoryPatch(),
        goalUpdate(),
        snapshotLatest(),
        search(),
        fetch());
  }

  // ------------------------------------------------------------------ ContextTools

  static MemkitTool contextGet() {
    return ContextTools.contextGet();
  }

  static MemkitTool profileGet() {
    return ContextTools.profileGet();
  }

  static MemkitTool profilePatch() {
    return ContextTools.profilePatch();
  }

  static MemkitTool workingMemoryGet() {
    return ContextTools.workingMemoryGet();
  }

  static MemkitTool workingMemoryPatch() {
    return ContextTools.workingMemoryPatch();
  }

  static MemkitTool snapshotSave() {
    return ContextTools.snapshotSave();
  }

  static MemkitTool snapshotLatest() {
    return ContextTools.snapshotLatest();
  }

  // ------------------------------------------------------------------ MemoryTools

  static MemkitTool memoryAdd() {
    return MemoryTools.memoryAdd();
  }

  static MemkitTool memorySearch() {
    return MemoryTools.memorySearch();
  }

  static MemkitTool memoryRecent() {
    return MemoryTools.memoryRecent();
  }

  static MemkitTool memoryGet() {
    return MemoryTools.memoryGet();
  }

  static MemkitTool memoryUpdate() {
    return MemoryTools.memoryUpdate();
  }

  static MemkitTool memoryDelete() {
    return MemoryTools.memoryDelete();
  }

  // ------------------------------------------------------------------ StateTools

  static MemkitTool stateGet() {
    return StateTools.stateGet();
  }

  static MemkitTool stateSet() {
    return StateTools.stateSet();
  }

  static MemkitTool stateMerge() {
    return StateTools.stateMerge();
  }

  static MemkitTool stateList() {
    return StateTools.stateList();
  }

  static MemkitTool stateDelete() {
    return StateTools.stateDelete();
  }

  // ------------------------------------------------------------------ GoalTools

  static MemkitTool goalAdd() {
    return GoalTools.goalAdd();
  }

  static MemkitTool goalList() {
    return GoalTools.goalList();
  }

  static MemkitTool goalProgress() {
    return GoalTools.goalProgress();
  }

  static MemkitTool goalUpdate() {
    return GoalTools.goalUpdate();
  }

  // ------------------------------------------------------------------ ConnectorTools

  static MemkitTool search() {
    return ConnectorTools.search();
  }

  static MemkitTool fetch() {
    return ConnectorTools.fetch();
  }
}
