package dev.memkit.cli;

import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.core.port.in.ContextRequest;
import dev.memkit.core.port.in.ContextSection;
import dev.memkit.core.port.in.SearchMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code memkit context}: prints the context block and nothing else (followed by one line break
 * when the block is not empty), so it can be captured and prepended to a prompt.
 */
@Command(
    name = "context",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the context block an agent prepends to its prompt, exactly, followed by one line break "
          + "(nothing at all when the block is empty).",
      "With --json: {\"prompt_block\",\"tokens\",\"max_tokens\",\"tokenizer\",\"included\",\"omitted\"}."
    })
final class ContextCommand extends Action {
  @Option(
      names = "--max-tokens",
      paramLabel = "N",
      required = true,
      description = "Token budget, 1..128000: the block never exceeds it.")
  int maxTokens;

  @Option(
      names = {"-q", "--query"},
      paramLabel = "TEXT",
      description = "Adds a '# Relevant Memory:' section of the best search hits.")
  String query;

  @Option(
      names = "--sections",
      paramLabel = "SECTION",
      split = ",",
      description = "Sections to include (default: all): state, goals, relevant, recent.")
  List<String> sections = new ArrayList<>();

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      description =
          "How the relevant section searches: hybrid, keyword or semantic (default: hybrid with the embedding model).")
  String mode;

  @Override
  boolean usesMeaning() {
    return query != null && !"keyword".equalsIgnoreCase(mode);
  }

  @Override
  void run(Printer out) {
    Set<ContextSection> wanted = EnumSet.noneOf(ContextSection.class);
    sections.forEach(s -> wanted.add(ContextSection.parse(s)));
    ContextRequest request =
        new ContextRequest(
            maxTokens,
            Optional.ofNullable(query),
            wanted,
            Optional.ofNullable(mode).map(SearchMode::of));
    JsonObject block = backend().context(request);
    if (out.json()) {
      out.json(block);
      return;
    }
    String text = block.string("prompt_block").orElse("");
    if (!text.isEmpty()) {
      out.raw(text + "\n");
    }
  }
}
