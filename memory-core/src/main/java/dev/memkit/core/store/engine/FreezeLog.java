package dev.memkit.core.store.engine;

import dev.memkit.core.model.Namespace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * While a gradual copy of a {@link RecordSet} runs: the value each record had when the copy began,
 * kept at the first change to it after that moment (null: it did not exist). The copy reads the
 * records in chunks while writers go on, takes every record no write touched as it finds it, and
 * the first value of every touched one from here. Changed only under the engine's write lock.
 */
final class FreezeLog {
  /** The three kinds of record a namespace holds. */
  enum Kind {
    STATE,
    MEMORY,
    GOAL
  }

  private record Key(Namespace namespace, Kind kind, Object key) {}

  /** Marks a record that did not exist when the copy began. */
  private static final Object ABSENT = new Object();

  private final Map<Key, Object> before = new HashMap<>();

  /**
   * Records that {@code key} is about to change from {@code old} (null: absent), unless it changed
   * before.
   */
  void changing(Namespace namespace, Kind kind, Object key, Object old) {
    before.putIfAbsent(new Key(namespace, kind, key), old == null ? ABSENT : old);
  }

  /** Whether a write touched the record since the copy began. */
  boolean touched(Namespace namespace, Kind kind, Object key) {
    return before.containsKey(new Key(namespace, kind, key));
  }

  /**
   * The records of one kind in one namespace as they were when the copy began: {@code copied} (in
   * key order, read while writers went on) without the touched ones, plus the first values of the
   * touched ones that existed then, in key order.
   */
  <K extends Comparable<K>, V> List<V> asBegun(
      Namespace namespace, Kind kind, List<V> copied, Function<V, K> keyOf) {
    SortedMap<K, V> first = new TreeMap<>();
    before.forEach(
        (k, v) -> {
          if (k.namespace().equals(namespace) && k.kind() == kind && v != ABSENT) {
            @SuppressWarnings("unchecked")
            K key = (K) k.key();
            @SuppressWarnings("unchecked")
            V value = (V) v;
            first.put(key, value);
          }
        });
    if (first.isEmpty() && !anyTouched(namespace, kind)) {
      return copied;
    }
    List<V> out = new ArrayList<>(copied.size() + first.size());
    var pending = first.entrySet().iterator();
    Map.Entry<K, V> next = pending.hasNext() ? pending.next() : null;
    Comparator<K> order = Comparator.naturalOrder();
    for (V v : copied) {
      K key = keyOf.apply(v);
      while (next != null && order.compare(next.getKey(), key) < 0) {
        out.add(next.getValue());
        next = pending.hasNext() ? pending.next() : null;
      }
      if (!touched(namespace, kind, key)) {
        out.add(v);
      }
    }
    while (next != null) {
      out.add(next.getValue());
      next = pending.hasNext() ? pending.next() : null;
    }
    return out;
  }

  private boolean anyTouched(Namespace namespace, Kind kind) {
    for (Key k : before.keySet()) {
      if (k.namespace().equals(namespace) && k.kind() == kind) {
        return true;
      }
    }
    return false;
  }
}
