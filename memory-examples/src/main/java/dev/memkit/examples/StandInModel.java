package dev.memkit.examples;

import dev.memkit.core.json.JsonValue;
import java.util.stream.Collectors;

/**
 * What the examples' stand-in models decide, whatever the framework: a message starting with {@code
 * Remember:} calls the {@code remember} tool with the rest, any other message calls {@code
 * search_memories} with it. Retrieval may have added what it found after a blank line; only the
 * user's own words count.
 *
 * @param tool the tool to call
 * @param arguments its arguments as JSON text
 */
public record StandInModel(String tool, String arguments) {
  private static final String REMEMBER = "Remember:";

  /** The tool call a stand-in model makes for the user message {@code text}. */
  public static StandInModel decide(String text) {
    String question =
        text.lines().takeWhile(l -> !l.isBlank()).collect(Collectors.joining(" ")).strip();
    boolean remember = question.startsWith(REMEMBER);
    String arguments =
        JsonValue.objectBuilder()
            .put(
                remember ? "text" : "query",
                remember ? question.substring(REMEMBER.length()).strip() : question)
            .build()
            .toJson();
    return new StandInModel(remember ? "remember" : "search_memories", arguments);
  }
}
