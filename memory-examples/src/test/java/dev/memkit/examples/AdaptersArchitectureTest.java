package dev.memkit.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rules that span modules, checked over every module's classes at once: adapters never depend
 * on each other, the driving adapters (HTTP, command line) never on a store, the MCP module —
 * shared by both — is the core and the MCP SDK only, and the framework adapters (LangChain4j,
 * Spring AI) depend on nothing but the core, the shared agent operations and their framework.
 */
@AnalyzeClasses(packages = "dev.memkit", importOptions = ImportOption.DoNotIncludeTests.class)
class AdaptersArchitectureTest {

  @ArchTest
  static final ArchRule the_http_adapter_depends_on_no_other_adapter =
      noClasses().that().resideInAPackage("dev.memkit.http..")
          .should().dependOnClassesThat().resideInAnyPackage("dev.memkit.store..", "dev.memkit.cli..", "dev.memkit.tokens..",
              "dev.memkit.langchain4j..", "dev.memkit.springai..",
              "dev.memkit.embeddings..");

  @ArchTest
  static final ArchRule the_command_line_depends_on_no_other_adapter =
      noClasses().that().resideInAPackage("dev.memkit.cli..")
          .should().dependOnClassesThat().resideInAnyPackage("dev.memkit.store..", "dev.memkit.http..", "dev.memkit.tokens..",
              "dev.memkit.langchain4j..", "dev.memkit.springai..",
              "dev.memkit.embeddings..");

  @ArchTest
  static final ArchRule the_sqlite_store_depends_on_no_other_adapter =
      noClasses().that().resideInAPackage("dev.memkit.store.sqlite..")
          .should().dependOnClassesThat().resideInAnyPackage("dev.memkit.store.json..", "dev.memkit.http..", "dev.memkit.cli..");

  @ArchTest
  static final ArchRule the_json_store_depends_on_no_other_adapter =
      noClasses().that().resideInAPackage("dev.memkit.store.json..")
          .should().dependOnClassesThat().resideInAnyPackage("dev.memkit.store.sqlite..", "dev.memkit.store.jdbc..",
              "dev.memkit.http..", "dev.memkit.cli..");

  @ArchTest
  static final ArchRule the_shared_jdbc_store_code_depends_on_the_core_and_java_only =
      classes().that().resideInAPackage("dev.memkit.store.jdbc..")
          .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.memkit.core..", "dev.memkit.store.jdbc..");

  @ArchTest
  static final ArchRule the_embedding_model_depends_on_no_other_adapter =
      noClasses().that().resideInAPackage("dev.memkit.embeddings..")
          .should().dependOnClassesThat().resideInAnyPackage("dev.memkit.store..", "dev.memkit.http..", "dev.memkit.cli..",
              "dev.memkit.tokens..", "dev.memkit.jackson..");

  @ArchTest
  static final ArchRule the_postgres_store_depends_on_no_other_adapter =
      noClasses().that().resideInAPackage("dev.memkit.store.postgres..")
          .should().dependOnClassesThat().resideInAnyPackage("dev.memkit.store.sqlite..", "dev.memkit.store.json..",
              "dev.memkit.http..", "dev.memkit.cli..");

  @ArchTest
  static final ArchRule shared_libraries_depend_on_no_adapter =
      noClasses().that().resideInAnyPackage("dev.memkit.jackson..", "dev.memkit.tokens..", "dev.memkit.core..",
              "dev.memkit.agent..", "dev.memkit.importer..", "dev.memkit.mcp..")
          .should().dependOnClassesThat().resideInAnyPackage("dev.memkit.store..", "dev.memkit.http..", "dev.memkit.cli..",
              "dev.memkit.langchain4j..", "dev.memkit.springai..", "dev.memkit.embeddings..");

  @ArchTest
  static final ArchRule the_mcp_module_is_the_core_and_the_mcp_sdk_only =
      noClasses().that().resideInAPackage("dev.memkit.mcp..")
          .should().dependOnClassesThat().resideInAnyPackage("dev.memkit.store..", "dev.memkit.core.store..",
              "dev.memkit.core.service..", "dev.memkit.tokens..", "io.micronaut..", "picocli..", "java.sql..",
              "com.fasterxml.jackson.databind..");

  @ArchTest
  static final ArchRule the_core_and_the_shared_libraries_know_no_mcp =
      noClasses().that().resideInAnyPackage("dev.memkit.core..", "dev.memkit.jackson..", "dev.memkit.tokens..",
              "dev.memkit.store..")
          .should().dependOnClassesThat().resideInAnyPackage("dev.memkit.mcp..", "io.modelcontextprotocol..");

  @ArchTest
  static final ArchRule no_jdbc_or_jackson_type_leaves_its_module =
      noClasses().that().resideInAnyPackage("dev.memkit.http..", "dev.memkit.cli..", "dev.memkit.mcp..", "dev.memkit.core..")
          .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.sqlite..", "org.postgresql..", "com.zaxxer..",
              "ai.onnxruntime..", "dev.langchain4j..", "ai.djl..");

  @ArchTest
  static final ArchRule the_langchain4j_adapter_depends_on_the_core_and_langchain4j_only =
      classes().that().resideInAPackage("dev.memkit.langchain4j..")
          .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.memkit.core..", "dev.memkit.agent..",
              "dev.memkit.langchain4j..", "dev.langchain4j..");

  @ArchTest
  static final ArchRule the_spring_ai_adapter_depends_on_the_core_and_spring_only =
      classes().that().resideInAPackage("dev.memkit.springai..")
          .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.memkit.core..", "dev.memkit.agent..",
              "dev.memkit.springai..", "org.springframework..");

  @ArchTest
  static final ArchRule the_agent_operations_depend_on_the_core_and_its_json_text_only =
      classes().that().resideInAPackage("dev.memkit.agent..")
          .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.memkit.core..", "dev.memkit.jackson..",
              "dev.memkit.agent..");

  @ArchTest
  static final ArchRule the_importers_depend_on_the_core_and_its_json_text_only =
      classes().that().resideInAPackage("dev.memkit.importer..")
          .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.memkit.core..", "dev.memkit.jackson..",
              "dev.memkit.importer..");

  @ArchTest
  static final ArchRule no_core_service_or_store_port_is_used_by_a_framework_adapter =
      noClasses().that().resideInAnyPackage("dev.memkit.langchain4j..", "dev.memkit.springai..", "dev.memkit.agent..",
              "dev.memkit.importer..")
          .should().dependOnClassesThat().resideInAnyPackage("dev.memkit.core.service..", "dev.memkit.core.port.out..",
              "dev.memkit.core.store..");
}
