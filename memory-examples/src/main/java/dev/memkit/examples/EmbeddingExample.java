package dev.memkit.examples;

import dev.memkit.core.Memkit;
import dev.memkit.core.Space;
import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.Goal;
import dev.memkit.core.model.GoalStatus;
import dev.memkit.core.model.SearchHit;
import dev.memkit.core.model.StateKey;
import dev.memkit.core.port.in.AddGoal;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.ContextRequest;
import dev.memkit.core.port.in.RecordProgress;
import dev.memkit.core.port.in.SearchMemories;
import java.util.List;

/** The embedding example of the README, line for line between the markers. */
public final class EmbeddingExample {
  private EmbeddingExample() {}

  /**
   * Opens {@code ./data/agent.db}, remembers a little, and prints a search hit and the context
   * block.
   */
  public static void main(String[] args) {
    // spotless:off (the README quotes these lines as they are)
    // readme:start
    try (Memkit memkit = Memkit.open("sqlite:./data/agent.db")) {
      Space space = memkit.space("default");
      space.state().set(StateKey.of("current_phase"), JsonValue.of("testing"));
      space.memories().add(AddMemory.of("Deployed v1.2").withTags("deploy", "v1.2"));
      Goal goal = space.goals().add(AddGoal.of("Launch MVP"));
      space.goals().progress(RecordProgress.of(goal.id(), GoalStatus.IN_PROGRESS, "Wired authentication"));
      List<SearchHit> hits = space.memories().search(SearchMemories.of("When did we deploy v1.2?"));
      System.out.println(hits.get(0).memory().text());
      System.out.println(space.context().export(ContextRequest.maxTokens(1500)).text());
    }
    // readme:end
    // spotless:on
  }
}
