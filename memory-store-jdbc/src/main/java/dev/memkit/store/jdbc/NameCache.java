package dev.memkit.store.jdbc;

import dev.memkit.core.model.Kind;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.Tag;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Namespaces, kinds and tags read back from rows, shared: the same few names recur on every row,
 * and building one checks it against its pattern. The records are immutable, so sharing is safe;
 * each cache is emptied when it grows past a bound.
 */
final class NameCache {
  private static final int BOUND = 4096;
  private static final Map<String, Namespace> NAMESPACES = new ConcurrentHashMap<>();
  private static final Map<String, Kind> KINDS = new ConcurrentHashMap<>();
  private static final Map<String, Tag> TAGS = new ConcurrentHashMap<>();

  private NameCache() {}

  static Namespace namespace(String value) {
    return cached(NAMESPACES, value, Namespace::of);
  }

  static Kind kind(String value) {
    return cached(KINDS, value, Kind::of);
  }

  static Tag tag(String value) {
    return cached(TAGS, value, Tag::of);
  }

  private static <T> T cached(Map<String, T> cache, String value, Function<String, T> make) {
    T found = cache.get(value);
    if (found != null) {
      return found;
    }
    T made = make.apply(value);
    if (cache.size() >= BOUND) {
      cache.clear();
    }
    cache.put(value, made);
    return made;
  }
}
