package dev.memkit.cli;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.core.model.Kind;
import dev.memkit.core.model.Limits;
import dev.memkit.core.model.MemoryFilter;
import dev.memkit.core.model.MemoryId;
import dev.memkit.core.model.MemoryKey;
import dev.memkit.core.model.Tag;
import dev.memkit.core.model.TimeRange;
import dev.memkit.core.port.in.AddMemory;
import dev.memkit.core.port.in.ListMemories;
import dev.memkit.core.port.in.SearchMemories;
import dev.memkit.core.port.in.SearchMode;
import dev.memkit.core.port.in.UpdateMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code memkit memory …}: the memory log and its search. */
@Command(
    name = "memory",
    mixinStandardHelpOptions = true,
    description = "The memory log of the namespace: add, get, update, delete, list, search.",
    subcommands = {
      MemoryCommand.Add.class,
      MemoryCommand.Get.class,
      MemoryCommand.Update.class,
      MemoryCommand.Delete.class,
      MemoryCommand.ListMemoriesCommand.class,
      MemoryCommand.Search.class
    })
final class MemoryCommand {
  /** The columns memories are listed with. */
  static final List<String> DETAILS =
      List.of(
          "id",
          "text",
          "tags",
          "kind",
          "metadata",
          "occurred_at",
          "key",
          "created_at",
          "updated_at");

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description =
          "Remembers TEXT. With --key, adding again with the same key returns the first memory instead of a copy.")
  static final class Add extends Action {
    @Parameters(
        index = "0",
        paramLabel = "TEXT",
        description = "1..32768 characters; - reads it from standard input.")
    String text;

    @Option(
        names = {"-t", "--tag"},
        paramLabel = "TAG",
        description = "A tag (repeatable): [\\p{L}\\p{N}_.:/-]{1,64}.")
    List<String> tags = new ArrayList<>();

    @Option(
        names = "--kind",
        paramLabel = "KIND",
        description = "note (default), event, fact, decision, long_term… [a-z][a-z0-9_-]{0,31}.")
    String kind;

    @Option(names = "--key", paramLabel = "KEY", description = "Client idempotency key.")
    String key;

    @Option(
        names = "--metadata",
        paramLabel = "JSON",
        description = "A JSON object of at most 16 KiB.")
    String metadata;

    @Option(
        names = "--occurred-at",
        paramLabel = "TIME",
        description = "When it happened: 2026-11-21T07:00:00Z or 2026-11-21.")
    String occurredAt;

    @Override
    void run(Printer out) {
      AddMemory command = AddMemory.of(textOrStdin(text, "text")).withTags(tagList(tags));
      if (kind != null) {
        command = command.withKind(Kind.of(kind));
      }
      if (metadata != null) {
        command = command.withMetadata(jsonObject(metadata, "metadata"));
      }
      if (occurredAt != null) {
        command = command.withOccurredAt(time(occurredAt, "occurred_at"));
      }
      if (key != null) {
        command = command.withKey(MemoryKey.of(key));
      }
      Backend.Added added = backend().memoryAdd(command);
      if (out.json()) {
        out.json(added.memory());
      } else if (added.created()) {
        out.line("Added memory " + Printer.field(added.memory(), "id"));
      } else {
        out.line(
            "Memory "
                + Printer.field(added.memory(), "id")
                + " already has key '"
                + key
                + "'; nothing added");
      }
    }
  }

  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description = "Shows memory ID. Exit 1 when absent.")
  static final class Get extends Action {
    @Parameters(index = "0", paramLabel = "ID")
    long id;

    @Override
    void run(Printer out) {
      printMemory(out, backend().memoryGet(MemoryId.of(id)));
    }
  }

  @Command(
      name = "update",
      mixinStandardHelpOptions = true,
      description =
          "Changes memory ID: each option given replaces that field; at least one is needed.")
  static final class Update extends Action {
    @Parameters(index = "0", paramLabel = "ID")
    long id;

    @Option(
        names = "--text",
        paramLabel = "TEXT",
        description = "New text; - reads it from standard input.")
    String text;

    @Option(
        names = {"-t", "--tag"},
        paramLabel = "TAG",
        description = "New tags (repeatable; replace all tags).")
    List<String> tags;

    @Option(names = "--clear-tags", description = "Remove every tag.")
    boolean clearTags;

    @Option(names = "--kind", paramLabel = "KIND")
    String kind;

    @Option(
        names = "--metadata",
        paramLabel = "JSON",
        description = "New metadata (a JSON object; replaces the old).")
    String metadata;

    @Option(names = "--occurred-at", paramLabel = "TIME")
    String occurredAt;

    @Override
    void run(Printer out) {
      MemoryId memoryId = MemoryId.of(id);
      if (clearTags && tags != null) {
        throw new UsageException("--tag and --clear-tags cannot be used together");
      }
      Optional<List<Tag>> newTags =
          clearTags
              ? Optional.of(List.of())
              : Optional.ofNullable(tags).map(MemoryCommand::tagList);
      UpdateMemory changes =
          new UpdateMemory(
              Optional.ofNullable(text).map(t -> textOrStdin(t, "text")),
              newTags,
              Optional.ofNullable(kind).map(Kind::of),
              Optional.ofNullable(metadata).map(m -> jsonObject(m, "metadata")),
              Optional.ofNullable(time(occurredAt, "occurred_at")));
      JsonObject memory = backend().memoryUpdate(memoryId, changes);
      if (out.json()) {
        out.json(memory);
      } else {
        out.line("Updated memory " + Printer.field(memory, "id"));
      }
    }
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Deletes memory ID. Exit 1 when absent.")
  static final class Delete extends Action {
    @Parameters(index = "0", paramLabel = "ID")
    long id;

    @Override
    void run(Printer out) {
      MemoryId memoryId = MemoryId.of(id);
      backend().memoryDelete(memoryId);
      if (out.json()) {
        out.json(JsonValue.objectBuilder().put("deleted", id).build());
      } else {
        out.line("Deleted memory " + id);
      }
    }
  }

  /** Filters shared by list and search. */
  abstract static class Filtered extends Action {
    @Option(
        names = {"-t", "--tag"},
        paramLabel = "TAG",
        description = "Only memories with this tag (repeatable: all of them).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--kind", paramLabel = "KIND", description = "Only memories of this kind.")
    String kind;

    @Option(
        names = "--from",
        paramLabel = "TIME",
        description = "Only memories from this time on (occurred_at, else created_at).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Only memories before this time.")
    String to;

    MemoryFilter filter() {
      return new MemoryFilter(
          tagList(tags),
          Optional.ofNullable(kind).map(Kind::of),
          TimeRange.of(time(from, "from"), time(to, "to")));
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists memories, newest first, a page at a time.")
  static final class ListMemoriesCommand extends Filtered {
    @Option(
        names = "--limit",
        paramLabel = "N",
        description = "Page size, 1..100 (default: ${DEFAULT-VALUE}).",
        defaultValue = "20")
    int limit;

    @Option(
        names = "--cursor",
        paramLabel = "CURSOR",
        description = "Continue after a previous page (its next_cursor).")
    String cursor;

    @Override
    void run(Printer out) {
      Backend.Page page =
          backend().memoryList(new ListMemories(filter(), Optional.ofNullable(cursor), limit));
      printPage(out, page, "No memories.");
    }
  }

  @Command(
      name = "search",
      mixinStandardHelpOptions = true,
      description = "Searches memories in natural language (any text is a query), best first.")
  static final class Search extends Filtered {
    @Parameters(index = "0", paramLabel = "QUERY")
    String query;

    @Option(
        names = "--limit",
        paramLabel = "N",
        description = "At most N hits, 1..100 (default: ${DEFAULT-VALUE}).",
        defaultValue = "10")
    int limit;

    @Option(
        names = "--mode",
        paramLabel = "MODE",
        description =
            "hybrid, keyword or semantic (default: hybrid with the embedding model, else keyword).")
    String mode;

    @Override
    boolean usesMeaning() {
      return !"keyword".equalsIgnoreCase(mode);
    }

    @Override
    void run(Printer out) {
      List<JsonObject> hits =
          backend()
              .memorySearch(
                  new SearchMemories(
                      query, filter(), limit, Optional.ofNullable(mode).map(SearchMode::of)));
      if (out.json()) {
        out.json(JsonValue.objectBuilder().put("items", JsonValue.array(hits)).build());
        return;
      }
      List<List<String>> rows = new ArrayList<>();
      for (JsonObject h : hits) {
        rows.add(
            List.of(
                Printer.field(h, "id"),
                Printer.field(h, "score"),
                Printer.tags(h),
                Printer.cell(Printer.field(h, "text"), Printer.CELL_MAX)));
      }
      out.table(List.of("ID", "SCORE", "TAGS", "TEXT"), rows, "No matches.");
    }
  }

  static List<Tag> tagList(List<String> names) {
    Limits.required(names, "tags");
    return names.stream().map(Tag::of).toList();
  }

  static void printMemory(Printer out, JsonObject memory) {
    if (out.json()) {
      out.json(memory);
    } else {
      out.details(memory, DETAILS);
    }
  }

  static void printPage(Printer out, Backend.Page page, String empty) {
    if (out.json()) {
      out.json(page.toJson());
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (JsonObject m : page.items()) {
      rows.add(
          List.of(
              Printer.field(m, "id"),
              Printer.minute(m, "created_at"),
              Printer.field(m, "kind"),
              Printer.tags(m),
              Printer.cell(Printer.field(m, "text"), Printer.CELL_MAX)));
    }
    out.table(List.of("ID", "CREATED", "KIND", "TAGS", "TEXT"), rows, empty);
    if (!(page.nextCursor() instanceof JsonValue.JsonNull)) {
      out.line("More: --cursor " + Printer.bare(page.nextCursor()));
    }
  }

  MemoryCommand() {}
}
