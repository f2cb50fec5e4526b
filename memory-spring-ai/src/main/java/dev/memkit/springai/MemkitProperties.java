package dev.memkit.springai;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code memkit.*} settings of a Spring Boot application.
 *
 * <ul>
 *   <li>{@code memkit.store}: the store URI, default {@code sqlite:./data/memkit.db} (a store
 *       module for its scheme must be on the classpath); also read from {@code MEMKIT_STORE}, where
 *       an empty value means the default;
 *   <li>{@code memkit.namespace}: the namespace the chat memory, tools and retriever use, default
 *       {@code default};
 *   <li>{@code memkit.retriever.max-results}: documents per query, 1..100, default 5.
 * </ul>
 */
@ConfigurationProperties(prefix = "memkit")
public class MemkitProperties {
  private static final String DEFAULT_STORE = "sqlite:./data/memkit.db";

  private String store = DEFAULT_STORE;
  private String namespace = "default";
  private final Retriever retriever = new Retriever();

  /** The store URI. */
  public String getStore() {
    return store;
  }

  /**
   * Sets the store URI; an empty one means the default, as an empty {@code MEMKIT_STORE} does for
   * the server (Spring binds that environment variable to {@code memkit.store}).
   */
  public void setStore(String store) {
    this.store = store == null || store.isBlank() ? DEFAULT_STORE : store;
  }

  /** The namespace the beans use. */
  public String getNamespace() {
    return namespace;
  }

  /** Sets the namespace the beans use. */
  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  /** The retriever's settings. */
  public Retriever getRetriever() {
    return retriever;
  }

  /** The {@code memkit.retriever.*} settings. */
  public static class Retriever {
    private int maxResults = 5;

    /** Documents per query. */
    public int getMaxResults() {
      return maxResults;
    }

    /** Sets the documents per query. */
    public void setMaxResults(int maxResults) {
      this.maxResults = maxResults;
    }
  }
}
