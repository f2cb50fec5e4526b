package dev.memkit.core.port.out;

/** A unit of work run inside {@link Store#read} or {@link Store#write}. */
@FunctionalInterface
public interface StoreWork<T> {
  /** Does the work with the records of {@code tx} and returns its result. */
  T run(StoreTransaction tx);
}
