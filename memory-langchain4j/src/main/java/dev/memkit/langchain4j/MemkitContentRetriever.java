package dev.memkit.langchain4j;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.memkit.agent.AgentTools;
import dev.memkit.core.Space;
import dev.memkit.core.model.Limits;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.SearchHit;
import dev.memkit.core.port.in.SearchMemories;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A LangChain4j {@link ContentRetriever} over memkit's memory search: each query's best hits as
 * contents, best first, for retrieval-augmented generation ({@code
 * AiServices.builder(...).contentRetriever(MemkitContentRetriever.of(space))}).
 *
 * <p>Each content's text is the memory's text; its segment metadata holds {@code memory_id}, {@code
 * kind}, {@code tags} (comma-separated) and {@code created_at}; its content metadata the search
 * score. Any text is a query: punctuation and search syntax never fail.
 */
public final class MemkitContentRetriever implements ContentRetriever {
  private final Space space;
  private final int maxResults;

  private MemkitContentRetriever(Space space, int maxResults) {
    this.space = Objects.requireNonNull(space, "space");
    this.maxResults = Limits.page(maxResults, "max_results", Limits.PAGE_MAX);
  }

  /** The best {@link AgentTools#DEFAULT_SEARCH_LIMIT} memories of {@code space} per query. */
  public static MemkitContentRetriever of(Space space) {
    return new MemkitContentRetriever(space, AgentTools.DEFAULT_SEARCH_LIMIT);
  }

  /** Returns this retriever giving at most {@code newMaxResults} (1..100) contents per query. */
  public MemkitContentRetriever withMaxResults(int newMaxResults) {
    return new MemkitContentRetriever(space, newMaxResults);
  }

  @Override
  public List<Content> retrieve(Query query) {
    return space.memories().search(SearchMemories.of(query.text()).withLimit(maxResults)).stream()
        .map(MemkitContentRetriever::content)
        .toList();
  }

  private static Content content(SearchHit hit) {
    Memory memory = hit.memory();
    Metadata metadata =
        new Metadata()
            .put("memory_id", memory.id().value())
            .put("kind", memory.kind().value())
            .put("tags", memory.tagsJoined())
            .put("created_at", memory.createdAt().toString());
    return Content.from(
        TextSegment.from(memory.text(), metadata), Map.of(ContentMetadata.SCORE, hit.score()));
  }
}
