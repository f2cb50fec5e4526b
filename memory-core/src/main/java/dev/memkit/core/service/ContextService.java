package dev.memkit.core.service;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.ContextBlock;
import dev.memkit.core.model.Goal;
import dev.memkit.core.model.GoalStatus;
import dev.memkit.core.model.Limits;
import dev.memkit.core.model.Memory;
import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.SearchHit;
import dev.memkit.core.model.StateEntry;
import dev.memkit.core.port.in.ContextRequest;
import dev.memkit.core.port.in.ContextSection;
import dev.memkit.core.port.in.ContextUseCase;
import dev.memkit.core.port.in.SearchMemories;
import dev.memkit.core.port.in.SearchMode;
import dev.memkit.core.port.out.StoreTransaction;
import dev.memkit.core.port.out.TokenCounter;
import dev.memkit.core.search.SearchQuery;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Builds context blocks in the seed's format:
 *
 * <pre>
 * # State:
 * - key: value
 *
 * # Goals:
 * - [status] (id) title
 *
 * # Relevant Memory:
 * - text (tag1,tag2)
 *
 * # Recent Memory:
 * - text (tag1,tag2)
 * </pre>
 *
 * Sections are filled in the order of {@link ContextSection}: every state entry that fits (key
 * order), then active goals (oldest first), then the query's best hits, then the newest memories
 * not shown yet. A line that does not fit is left out whole and the next one tried (a section gives
 * up after 16 misses in a row). A section with no line is left out with its heading. Text and
 * titles are written on one line (line breaks become spaces); string state values are written bare,
 * other values as compact JSON.
 */
public final class ContextService implements ContextUseCase {
  /** How many search hits the relevant section considers. */
  static final int RELEVANT_CANDIDATES = 20;

  /** How many of the newest memories the recent section considers. */
  static final int RECENT_CANDIDATES = 1_000;

  /** How many memories the recent section reads at a time. */
  static final int RECENT_PAGE = 50;

  /** After this many lines in a row that do not fit, a section stops looking for one that does. */
  static final int MISSES_BEFORE_GIVING_UP = 16;

  private static final Pattern LINE_BREAKS = Pattern.compile("\\s*[\\r\\n\\u2028\\u2029]+\\s*");

  private final ServiceContext context;
  private final Supplier<TokenCounter> counter;
  private final MemoryService memories;

  /** Serves context blocks of {@code context}'s namespace, counted with {@code counter}. */
  public ContextService(ServiceContext context, Supplier<TokenCounter> counter) {
    this(context, counter, null);
  }

  /**
   * Builds context blocks whose relevant section comes from {@code memories}' search (so it can be
   * hybrid or semantic), counting tokens with {@code counter}.
   */
  public ContextService(
      ServiceContext context, Supplier<TokenCounter> counter, MemoryService memories) {
    this.context = context;
    this.counter = counter;
    this.memories = memories;
  }

  @Override
  public ContextBlock export(ContextRequest request) {
    Limits.required(request, "request");
    TokenCounter tokens = counter.get();
    Set<ContextSection> wanted = request.sections();
    // a search that uses meaning runs before the read (it embeds the query and reads on its own);
    // a keyword search runs inside it, as part of the same consistent view
    Optional<List<SearchHit>> meaningful = Optional.empty();
    if (memories != null
        && wanted.contains(ContextSection.RELEVANT)
        && request.query().isPresent()
        && memories.modeFor(request.mode()) != SearchMode.KEYWORD) {
      meaningful =
          Optional.of(
              memories.search(
                  new SearchMemories(
                      request.query().get(),
                      MemoryFilter.ALL,
                      RELEVANT_CANDIDATES,
                      request.mode())));
    }
    Optional<List<SearchHit>> preSearched = meaningful;
    return context
        .store()
        .read(
            tx -> {
              Map<ContextSection, Iterable<String>> candidates =
                  new EnumMap<>(ContextSection.class);
              if (wanted.contains(ContextSection.STATE)) {
                List<String> state = new ArrayList<>();
                for (StateEntry e : tx.state().list(context.namespace(), "")) {
                  state.add("- " + e.key().value() + ": " + render(e.value()));
                }
                candidates.put(ContextSection.STATE, state);
              }
              if (wanted.contains(ContextSection.GOALS)) {
                Set<GoalStatus> active = new HashSet<>();
                for (GoalStatus s : GoalStatus.values()) {
                  if (s.isActive()) {
                    active.add(s);
                  }
                }
                List<String> goals = new ArrayList<>();
                for (Goal g : tx.goals().list(context.namespace(), active)) {
                  goals.add(
                      "- ["
                          + g.status().wireName()
                          + "] ("
                          + g.id().value()
                          + ") "
                          + oneLine(g.title()));
                }
                candidates.put(ContextSection.GOALS, goals);
              }
              Set<MemoryId> shown = new HashSet<>();
              if (wanted.contains(ContextSection.RELEVANT) && request.query().isPresent()) {
                SearchQuery query = SearchQuery.parse(request.query().get());
                List<String> relevant = new ArrayList<>();
                List<SearchHit> hits =
                    preSearched.orElseGet(
                        () ->
                            query.isEmpty()
                                ? List.of()
                                : tx.memories()
                                    .search(
                                        context.namespace(),
                                        query,
                                        MemoryFilter.ALL,
                                        RELEVANT_CANDIDATES));
                for (SearchHit hit : hits) {
                  shown.add(hit.memory().id());
                  relevant.add(line(hit.memory()));
                }
                candidates.put(ContextSection.RELEVANT, relevant);
              }
              if (wanted.contains(ContextSection.RECENT)) {
                candidates.put(ContextSection.RECENT, () -> new RecentLines(tx, shown));
              }
              return fit(candidates, request.maxTokens(), tokens);
            });
  }

  /** The newest memories not shown yet, as lines, read a page at a time only as far as needed. */
  private final class RecentLines implements Iterator<String> {
    private final StoreTransaction tx;
    private final Set<MemoryId> shown;
    private final ArrayDeque<Memory> page = new ArrayDeque<>();
    private Optional<MemoryId> before = Optional.empty();
    private int read;
    private boolean exhausted;

    RecentLines(StoreTransaction tx, Set<MemoryId> shown) {
      this.tx = tx;
      this.shown = shown;
    }

    @Override
    public boolean hasNext() {
      while (page.isEmpty() && !exhausted) {
        int want = Math.min(RECENT_PAGE, RECENT_CANDIDATES - read);
        List<Memory> next =
            want <= 0
                ? List.of()
                : tx.memories().list(context.namespace(), MemoryFilter.ALL, before, want);
        read += next.size();
        exhausted = next.size() < want || want <= 0;
        if (!next.isEmpty()) {
          before = Optional.of(next.get(next.size() - 1).id());
        }
        next.stream().filter(m -> !shown.contains(m.id())).forEach(page::add);
      }
      return !page.isEmpty();
    }

    @Override
    public String next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return line(page.poll());
    }
  }

  /**
   * Chooses lines greedily in priority order, estimating the block as the sum of its parts' counts,
   * then counts the assembled block exactly and drops lowest-priority lines while it is over
   * budget: the exact count, not the estimate, is what is guaranteed. A section stops looking once
   * {@link #MISSES_BEFORE_GIVING_UP} lines in a row did not fit.
   */
  static ContextBlock fit(
      Map<ContextSection, ? extends Iterable<String>> candidates,
      int maxTokens,
      TokenCounter tokens) {
    Map<ContextSection, List<String>> chosen = new EnumMap<>(ContextSection.class);
    int total = 0;
    int omitted = 0;
    for (ContextSection section : ContextSection.values()) {
      Iterable<String> lines = candidates.get(section);
      if (lines == null) {
        continue;
      }
      List<String> kept = new ArrayList<>();
      int headingCost = tokens.count(section.heading()) + 2;
      int misses = 0;
      for (String line : lines) {
        if (maxTokens - total < 2 || misses >= MISSES_BEFORE_GIVING_UP) {
          break;
        }
        int cost = tokens.count(line) + 1 + (kept.isEmpty() ? headingCost : 0);
        if (total + cost <= maxTokens) {
          kept.add(line);
          total += cost;
          misses = 0;
        } else {
          omitted++;
          misses++;
        }
      }
      if (!kept.isEmpty()) {
        chosen.put(section, kept);
      }
    }
    String text = assemble(chosen);
    int count = tokens.count(text);
    while (count > maxTokens) {
      ContextSection last = null;
      for (ContextSection section : chosen.keySet()) {
        last = section;
      }
      List<String> lines = chosen.get(last);
      lines.remove(lines.size() - 1);
      omitted++;
      if (lines.isEmpty()) {
        chosen.remove(last);
      }
      text = assemble(chosen);
      count = tokens.count(text);
    }
    int included = chosen.values().stream().mapToInt(List::size).sum();
    return new ContextBlock(text, count, maxTokens, tokens.encoding(), included, omitted);
  }

  private static String assemble(Map<ContextSection, List<String>> chosen) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<ContextSection, List<String>> section : chosen.entrySet()) {
      if (out.length() > 0) {
        out.append("\n\n");
      }
      out.append(section.getKey().heading());
      for (String line : section.getValue()) {
        out.append('\n').append(line);
      }
    }
    return out.toString();
  }

  static String line(Memory m) {
    String text = "- " + oneLine(m.text());
    return m.tags().isEmpty() ? text : text + " (" + m.tagsJoined() + ")";
  }

  static String render(JsonValue value) {
    return value instanceof JsonValue.JsonString s ? oneLine(s.value()) : value.toJson();
  }

  static String oneLine(String text) {
    return LINE_BREAKS.matcher(text).replaceAll(" ");
  }
}
