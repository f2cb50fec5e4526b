package dev.memkit.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rules that span modules, checked over every module's classes at once: adapters never depend
 * on each other, and the driving adapters (HTTP, command line) never on a store.
 */
@AnalyzeClasses(packages = "dev.memkit", importOptions = ImportOption.DoNotIncludeTests.class)
class AdaptersArchitectureTest {

  @ArchTest
  static final ArchRule the_http_adapter_depends_on_no_other_adapter =
      noClasses().that().resideInAPackage("dev.memkit.http..")
          .should().dependOnClassesThat().resideInAnyPackage("dev.memkit.store..", "dev.memkit.cli..", "dev.memkit.tokens..",
              "dev.memkit.embeddings..");

  @ArchTest
  static final ArchRule the_command_line_depends_on_no_other_adapter =
      noClasses().that().resideInAPackage("dev.memkit.cli..")
          .should().dependOnClassesThat().resideInAnyPackage("dev.memkit.store..", "dev.memkit.http..", "dev.memkit.tokens..",
              "dev.memkit.embeddings..");

  @ArchTest
  static final ArchRule the_sqlite_store_depends_on_no_other_adapter =
      noClasses().that().resideInAPackage("dev.memkit.store.sqlite..")
          .should().dependOnClassesThat().resideInAnyPackage("dev.memkit.store.json..", "dev.memkit.http..", "dev.memkit.cli..");

  @ArchTest
  static final ArchRule the_json_store_depends_on_no_other_adapter =
      noClasses().that().resideInAPackage("dev.memkit.store.json..")
          .should().dependOnClassesThat().resideInAnyPackage("dev.memkit.store.sqlite..", "dev.memkit.http..", "dev.memkit.cli..");

  @ArchTest
  static final ArchRule the_embedding_model_depends_on_no_other_adapter =
      noClasses().that().resideInAPackage("dev.memkit.embeddings..")
          .should().dependOnClassesThat().resideInAnyPackage("dev.memkit.store..", "dev.memkit.http..", "dev.memkit.cli..",
              "dev.memkit.tokens..", "dev.memkit.jackson..");

  @ArchTest
  static final ArchRule shared_libraries_depend_on_no_adapter =
      noClasses().that().resideInAnyPackage("dev.memkit.jackson..", "dev.memkit.tokens..", "dev.memkit.core..")
          .should().dependOnClassesThat().resideInAnyPackage("dev.memkit.store..", "dev.memkit.http..", "dev.memkit.cli..",
              "dev.memkit.embeddings..");

  @ArchTest
  static final ArchRule no_jdbc_or_jackson_type_leaves_its_module =
      noClasses().that().resideInAnyPackage("dev.memkit.http..", "dev.memkit.cli..", "dev.memkit.core..")
          .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.sqlite..", "ai.onnxruntime..", "dev.langchain4j..",
              "ai.djl..");
}
