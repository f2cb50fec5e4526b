package dev.memkit.http;

import dev.memkit.core.json.JsonValue;
import dev.memkit.core.model.AuditPage;
import dev.memkit.core.model.BackupInfo;
import dev.memkit.core.model.Namespace;
import dev.memkit.core.model.RecordJson;
import dev.memkit.core.model.TimeRange;
import dev.memkit.core.port.in.ExportNamespaces;
import dev.memkit.core.port.in.ImportDocument;
import dev.memkit.core.port.in.ImportMode;
import dev.memkit.core.port.in.ImportReport;
import dev.memkit.core.port.in.ListAudit;
import dev.memkit.jackson.JsonText;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/** The audit log, backups, export and import, and the namespaces a key may see. */
@Controller("/v1")
@Tag(name = "admin", description = "Audit log, backups, export and import, namespaces")
final class AdminController {
  private final Access access;

  AdminController(Access access) {
    this.access = access;
  }

  @ApiResponse(
      responseCode = "200",
      description = "A page of audit entries",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.AuditPage.class)))
  @Get("/audit")
  @Operation(
      operationId = "listAudit",
      summary = "List audit entries, newest first, by target and time")
  HttpResponse<String> listAudit(
      HttpRequest<?> request,
      @Parameter(
              description =
                  "Only changes to this target or under it, e.g. memory or memory:12 or state:current_phase")
          @Nullable
          @QueryValue
          String target,
      @Parameter(description = "Only from this time on (ISO-8601)") @Nullable @QueryValue
          String from,
      @Parameter(description = "Only before this time (ISO-8601)") @Nullable @QueryValue String to,
      @Parameter(
              description =
                  "Only entries with a sequence below this (the next_cursor of the previous page)")
          @Nullable
          @QueryValue
          Long before,
      @Parameter(description = "Page size, 1..1000 (default 50)") @Nullable @QueryValue
          Integer limit,
      @Parameter(description = OpenApiDescriptions.NAMESPACE) @Nullable @QueryValue
          String namespace) {
    var audit = access.space(request, namespace, Role.READ).audit();
    AuditPage page =
        audit.list(
            new ListAudit(
                Optional.ofNullable(target),
                new TimeRange(RequestValues.time(from, "from"), RequestValues.time(to, "to")),
                before == null ? OptionalLong.empty() : OptionalLong.of(before),
                limit == null ? ListAudit.DEFAULT_LIMIT : limit));
    return JsonResponses.ok(
        JsonResponses.page(
            page.items().stream().map(RecordJson::audit).toList(), page.nextCursor()));
  }

  @Post("/backups")
  @ApiResponse(
      responseCode = "201",
      description = "Created",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.Backup.class)))
  @Operation(operationId = "createBackup", summary = "Take a backup of the whole store (admin)")
  HttpResponse<String> createBackup(HttpRequest<?> request) {
    Caller caller = access.require(request, Role.ADMIN);
    BackupInfo backup = access.memkit().backups(caller.actor()).create();
    return JsonResponses.json(HttpStatus.CREATED, RecordJson.backup(backup));
  }

  @ApiResponse(
      responseCode = "200",
      description = "The backups",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.BackupList.class)))
  @Get("/backups")
  @Operation(
      operationId = "listBackups",
      summary = "List the store's backups, newest first (admin)")
  HttpResponse<String> listBackups(HttpRequest<?> request) {
    Caller caller = access.require(request, Role.ADMIN);
    var backups = access.memkit().backups(caller.actor()).list();
    return JsonResponses.ok(JsonResponses.items(backups.stream().map(RecordJson::backup).toList()));
  }

  @ApiResponse(
      responseCode = "200",
      description = "Restored",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.RestoreResult.class)))
  @Post("/backups/{id}/restore")
  @Operation(
      operationId = "restoreBackup",
      summary = "Restore a backup, after backing up the current data (admin)")
  HttpResponse<String> restoreBackup(
      HttpRequest<?> request,
      @Parameter(description = "The backup's id, as listed") @PathVariable String id) {
    Caller caller = access.require(request, Role.ADMIN);
    if (!caller.allNamespaces()) {
      throw new ProblemException(
          Problem.field(
              HttpStatus.FORBIDDEN,
              "namespace",
              "key '"
                  + caller.keyId()
                  + "' is bound to some namespaces only; restoring a backup rolls back every namespace and needs a key bound to *"));
    }
    BackupInfo safety = access.memkit().backups(caller.actor()).restore(id);
    return JsonResponses.ok(
        JsonValue.objectBuilder()
            .put("restored", id)
            .put("safety_backup", RecordJson.backup(safety))
            .build());
  }

  @ApiResponse(
      responseCode = "200",
      description = "The export document",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.ExportDocument.class)))
  @Get("/export")
  @Operation(
      operationId = "exportData",
      summary = "Export namespaces as one memkit-export JSON document")
  HttpResponse<String> exportData(
      HttpRequest<?> request,
      @Parameter(
              description =
                  "Namespace to export; repeat for several; admin keys may omit it for every namespace")
          @Nullable
          @QueryValue
          List<String> namespace) {
    Caller caller = access.require(request, Role.READ);
    Set<Namespace> wanted = new TreeSet<>();
    if (namespace == null || namespace.isEmpty()) {
      if (!caller.allNamespaces()) {
        for (Namespace ns : access.memkit().namespaces()) {
          if (caller.mayUse(ns)) {
            wanted.add(ns);
          }
        }
        wanted.add(caller.defaultNamespace());
      }
    } else {
      for (String n : namespace) {
        wanted.add(access.namespace(caller, n));
      }
    }
    return JsonResponses.ok(
        access.memkit().transfer(caller.actor()).export(new ExportNamespaces(wanted)));
  }

  @ApiResponse(
      responseCode = "200",
      description = "What was imported",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.ImportResult.class)))
  @Post("/import")
  @Operation(
      operationId = "importData",
      summary = "Import a memkit-export document, merging or replacing (admin)")
  @RequestBody(
      description = "A memkit-export document, as GET /v1/export gives it",
      required = true,
      content = @Content(mediaType = "application/json", schema = @Schema(type = "object")))
  HttpResponse<String> importData(
      HttpRequest<?> request,
      @Body byte[] body,
      @Parameter(
              description =
                  "merge (default: keep what is there) or replace (empty each imported namespace first)")
          @Nullable
          @QueryValue
          String mode) {
    Caller caller = access.require(request, Role.ADMIN);
    ImportMode importMode = ImportMode.parse(mode, "mode");
    JsonValue document = JsonText.parse(body, "body");
    var transfer = access.memkit().transfer(caller.actor());
    for (Namespace ns : transfer.namespacesOf(document)) {
      access.namespace(caller, ns.value());
    }
    ImportReport report = transfer.importDocument(new ImportDocument(document, importMode));
    return JsonResponses.ok(
        JsonValue.objectBuilder()
            .putStrings("namespaces", report.namespaces().stream().map(Namespace::value).toList())
            .put("state", report.stateEntries())
            .put("memories", report.memories())
            .put("goals", report.goals())
            .build());
  }

  @ApiResponse(
      responseCode = "200",
      description = "The namespaces",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Responses.NamespaceList.class)))
  @Get("/namespaces")
  @Operation(operationId = "listNamespaces", summary = "List the namespaces this key may see")
  HttpResponse<String> listNamespaces(HttpRequest<?> request) {
    Caller caller = access.require(request, Role.READ);
    Set<String> names = new TreeSet<>();
    names.add(caller.defaultNamespace().value());
    for (Namespace ns : access.memkit().namespaces()) {
      if (caller.mayUse(ns)) {
        names.add(ns.value());
      }
    }
    return JsonResponses.ok(
        JsonValue.objectBuilder().putStrings("items", List.copyOf(names)).build());
  }
}
