package dev.memkit.core.store.engine;

import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.out.StateRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A unit of work's state entries. */
final class StateView implements StateRecords {
  private final RecordTransaction tx;

  StateView(RecordTransaction tx) {
    this.tx = tx;
  }

  @Override
  public Optional<StateEntry> find(Namespace namespace, StateKey key) {
    NamespaceRecords s = tx.records().in(namespace);
    return s == null ? Optional.empty() : Optional.ofNullable(s.state.get(key.value()));
  }

  @Override
  public List<StateEntry> list(Namespace namespace, String prefix) {
    NamespaceRecords s = tx.records().in(namespace);
    if (s == null) {
      return List.of();
    }
    List<StateEntry> out = new ArrayList<>();
    for (Map.Entry<String, StateEntry> e : s.state.tailMap(prefix, true).entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        break;
      }
      out.add(e.getValue());
    }
    return out;
  }

  @Override
  public void put(StateEntry entry) {
    tx.requireWritable();
    RecordSet d = tx.records();
    StateEntry old = d.putState(entry);
    tx.changed(
        () -> {
          d.removeState(entry.namespace(), entry.key());
          if (old != null) {
            d.putState(old);
          }
        });
    tx.changes().statePut(entry);
  }

  @Override
  public boolean delete(Namespace namespace, StateKey key) {
    tx.requireWritable();
    RecordSet d = tx.records();
    StateEntry old = d.removeState(namespace, key);
    if (old == null) {
      return false;
    }
    tx.changed(() -> d.putState(old));
    tx.changes().stateDeleted(namespace, key);
    return true;
  }

  @Override
  public void deleteAll(Namespace namespace) {
    for (StateEntry e : list(namespace, "")) {
      delete(namespace, e.key());
    }
  }
}
