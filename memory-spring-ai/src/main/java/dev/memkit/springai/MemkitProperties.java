package dev.memkit.springai;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code memkit.*} settings of a Spring Boot application.
 *
 * <ul>
 *   <li>{@code memkit.store}: the store URI, default {@code sqlite:./data/memkit.db} (a store module
 *       for its scheme must be on the classpath);
 *   <li>{@code memkit.namespace}: the namespace the chat memory, tools and retriever use, default
 *       {@code default};
 *   <li>{@code memkit.retriever.max-results}: documents per query, 1..100, default 5.
 * </ul>
 */
@ConfigurationProperties(prefix = "memkit")
public class MemkitProperties {
  private String store = "sqlite:./data/memkit.db";
  private String namespace = "default";
  private final Retriever retriever = new Retriever();

  /** The store URI. */
  public String getStore() {
    return store;
  }

  /** Sets the store URI. */
  public void setStore(String store) {
    this.store = store;
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
