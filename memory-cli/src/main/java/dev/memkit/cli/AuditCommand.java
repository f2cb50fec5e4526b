package dev.memkit.cli;

import dev.memkit.core.json.JsonValue.JsonObject;
import dev.memkit.core.model.TimeRange;
import dev.memkit.core.port.in.ListAudit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code memkit audit}: the namespace's audit log, newest first. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description =
        "Shows the audit log of the namespace, newest first: who changed what, when, with a diff.")
final class AuditCommand extends Action {
  @Option(
      names = "--target",
      paramLabel = "TARGET",
      description =
          "Only entries about TARGET or under it: state:current_phase, memory:12, goal, memory…")
  String target;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "At most N entries, 1..1000 (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--from", paramLabel = "TIME", description = "Only entries from this time on.")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "Only entries before this time.")
  String to;

  @Option(
      names = "--before",
      paramLabel = "SEQUENCE",
      description = "Only entries with a lower sequence (the next page's cursor).")
  Long before;

  @Option(names = "--diff", description = "Print each entry's diff under it.")
  boolean diff;

  @Override
  void run(Printer out) {
    ListAudit query =
        new ListAudit(
            Optional.ofNullable(target),
            TimeRange.of(time(from, "from"), time(to, "to")),
            before == null ? OptionalLong.empty() : OptionalLong.of(before),
            limit);
    Backend.Page page = backend().audit(query);
    if (out.json()) {
      out.json(page.toJson());
      return;
    }
    if (diff) {
      for (JsonObject e : page.items()) {
        out.line(
            "#"
                + Printer.field(e, "sequence")
                + " "
                + Printer.field(e, "at")
                + " "
                + Printer.field(e, "actor")
                + " "
                + Printer.field(e, "action")
                + " "
                + Printer.field(e, "target"));
        String text = e.string("diff").orElse("");
        if (!text.isEmpty()) {
          out.raw(text.endsWith("\n") ? text : text + "\n");
        }
      }
      if (page.items().isEmpty()) {
        out.line("No audit entries.");
      }
    } else {
      List<List<String>> rows = new ArrayList<>();
      for (JsonObject e : page.items()) {
        rows.add(
            List.of(
                Printer.field(e, "sequence"),
                Printer.field(e, "at"),
                Printer.field(e, "actor"),
                Printer.field(e, "action"),
                Printer.field(e, "target")));
      }
      out.table(List.of("SEQ", "AT", "ACTOR", "ACTION", "TARGET"), rows, "No audit entries.");
    }
    if (!(page.nextCursor() instanceof dev.memkit.core.json.JsonValue.JsonNull)) {
      out.line("More: --before " + Printer.bare(page.nextCursor()));
    }
  }
}
