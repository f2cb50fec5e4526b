package dev.memkit.core.port.in;

/** How an import treats the data already in a namespace. */
public enum ImportMode {
  /** Keep what is there; imported records replace those with the same key or id. */
  MERGE,
  /** Remove every state entry, memory and goal of each imported namespace first. */
  REPLACE
}
