package dev.memkit.springai;

import dev.memkit.agent.AgentTools;
import dev.memkit.core.Space;
import dev.memkit.core.model.Limits;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.SearchHit;
import dev.memkit.core.port.in.SearchMemories;
import java.util.List;
import java.util.Objects;
import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.retrieval.search.DocumentRetriever;

/**
 * A Spring AI {@link DocumentRetriever} over memkit's memory search: each query's best hits as
 * documents, best first, for {@code RetrievalAugmentationAdvisor}. A document's id is {@code
 * memory:<id>}, its text the memory's, its score the search score, and its metadata {@code
 * memory_id}, {@code kind}, {@code tags} (comma-separated) and {@code created_at}. Any text is a
 * query: punctuation and search syntax never fail.
 */
public final class MemkitDocumentRetriever implements DocumentRetriever {
  private final Space space;
  private final int maxResults;

  /** The best {@code maxResults} (1..100) memories of {@code space} per query. */
  public MemkitDocumentRetriever(Space space, int maxResults) {
    this.space = Objects.requireNonNull(space, "space");
    this.maxResults = Limits.page(maxResults, "max_results", Limits.PAGE_MAX);
  }

  /** The best {@link AgentTools#DEFAULT_SEARCH_LIMIT} memories of {@code space} per query. */
  public MemkitDocumentRetriever(Space space) {
    this(space, AgentTools.DEFAULT_SEARCH_LIMIT);
  }

  @Override
  public List<Document> retrieve(Query query) {
    Objects.requireNonNull(query, "query");
    return space.memories().search(SearchMemories.of(query.text()).withLimit(maxResults)).stream()
        .map(MemkitDocumentRetriever::document)
        .toList();
  }

  private static Document document(SearchHit hit) {
    Memory memory = hit.memory();
    return Document.builder()
        .id("memory:" + memory.id().value())
        .text(memory.text())
        .score(hit.score())
        .metadata("memory_id", memory.id().value())
        .metadata("kind", memory.kind().value())
        .metadata("tags", memory.tagsJoined())
        .metadata("created_at", memory.createdAt().toString())
        .build();
  }
}
