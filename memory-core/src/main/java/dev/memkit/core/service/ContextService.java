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
import dev.memkit.core.port.out.TokenCounter;
import dev.memkit.core.search.SearchQuery;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Builds context blocks in the seed's format:
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
 * Sections are filled in the order of {@link ContextSection}: every state entry that fits (key
 * order), then active goals (oldest first), then the query's best hits, then the newest memories
 * not shown yet. A line that does not fit is left out whole and the next one tried. A section with
 * no line is left out with its heading. Text and titles are written on one line (line breaks
 * become spaces); string state values are written bare, other values as compact JSON.
 */
public final class ContextService implements ContextUseCase {
  /** How many search hits the relevant section considers. */
  static final int RELEVANT_CANDIDATES = 20;
  /** How many of the newest memories the recent section considers. */
  static final int RECENT_CANDIDATES = 1_000;
  private static final Pattern LINE_BREAKS = Pattern.compile("\\s*[\\r\\n\\u2028\\u2029]+\\s*");

  private final Scope scope;
  private final Supplier<TokenCounter> counter;

  /** Serves context blocks of {@code scope}'s namespace, counted with {@code counter}. */
  public ContextService(Scope scope, Supplier<TokenCounter> counter) {
    this.scope = scope;
    this.counter = counter;
  }

  private record Candidates(List<String> state, List<String> goals, List<String> relevant, List<String> recent) {
  }

  @Override
  public ContextBlock export(ContextRequest request) {
    Limits.required(request, "request");
    TokenCounter tokens = counter.get();
    Set<ContextSection> wanted = request.sections();
    Candidates c = scope.store().read(tx -> {
      List<String> state = new ArrayList<>();
      if (wanted.contains(ContextSection.STATE)) {
        for (StateEntry e : tx.state().list(scope.namespace(), "")) {
          state.add("- " + e.key().value() + ": " + render(e.value()));
        }
      }
      List<String> goals = new ArrayList<>();
      if (wanted.contains(ContextSection.GOALS)) {
        Set<GoalStatus> active = new HashSet<>();
        for (GoalStatus s : GoalStatus.values()) {
          if (s.isActive()) {
            active.add(s);
          }
        }
        for (Goal g : tx.goals().list(scope.namespace(), active)) {
          goals.add("- [" + g.status().wireName() + "] (" + g.id().value() + ") " + oneLine(g.title()));
        }
      }
      Set<MemoryId> shown = new HashSet<>();
      List<String> relevant = new ArrayList<>();
      if (wanted.contains(ContextSection.RELEVANT) && request.query().isPresent()) {
        SearchQuery query = SearchQuery.parse(request.query().get());
        if (!query.isEmpty()) {
          for (SearchHit hit : tx.memories().search(scope.namespace(), query, MemoryFilter.ALL, RELEVANT_CANDIDATES)) {
            shown.add(hit.memory().id());
            relevant.add(line(hit.memory()));
          }
        }
      }
      List<String> recent = new ArrayList<>();
      if (wanted.contains(ContextSection.RECENT)) {
        for (Memory m : tx.memories().list(scope.namespace(), MemoryFilter.ALL, Optional.empty(), RECENT_CANDIDATES)) {
          if (!shown.contains(m.id())) {
            recent.add(line(m));
          }
        }
      }
      return new Candidates(state, goals, relevant, recent);
    });

    Map<ContextSection, List<String>> candidates = new EnumMap<>(ContextSection.class);
    candidates.put(ContextSection.STATE, c.state());
    candidates.put(ContextSection.GOALS, c.goals());
    candidates.put(ContextSection.RELEVANT, c.relevant());
    candidates.put(ContextSection.RECENT, c.recent());
    return fit(candidates, request.maxTokens(), tokens);
  }

  /**
   * Chooses lines greedily in priority order, estimating the block as the sum of its parts'
   * counts, then counts the assembled block exactly and drops lowest-priority lines while it is
   * over budget: the exact count, not the estimate, is what is guaranteed.
   */
  static ContextBlock fit(Map<ContextSection, List<String>> candidates, int maxTokens, TokenCounter tokens) {
    Map<ContextSection, List<String>> chosen = new EnumMap<>(ContextSection.class);
    int total = 0;
    int offered = 0;
    for (ContextSection section : ContextSection.values()) {
      List<String> lines = candidates.getOrDefault(section, List.of());
      offered += lines.size();
      List<String> kept = new ArrayList<>();
      int headingCost = tokens.count(section.heading()) + 2;
      for (String line : lines) {
        if (maxTokens - total < 2) {
          break;
        }
        int cost = tokens.count(line) + 1 + (kept.isEmpty() ? headingCost : 0);
        if (total + cost <= maxTokens) {
          kept.add(line);
          total += cost;
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
      if (lines.isEmpty()) {
        chosen.remove(last);
      }
      text = assemble(chosen);
      count = tokens.count(text);
    }
    int included = chosen.values().stream().mapToInt(List::size).sum();
    return new ContextBlock(text, count, maxTokens, tokens.encoding(), included, offered - included);
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
