package dev.memkit.mcp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The MCP module is the core's use cases and the MCP SDK, nothing else: no store, no HTTP
 * framework.
 */
@AnalyzeClasses(packages = "dev.memkit.mcp", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule mcp_uses_only_the_core_its_json_and_the_sdk =
      classes()
          .that()
          .resideInAPackage("dev.memkit.mcp..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..",
              "dev.memkit.core..",
              "dev.memkit.jackson..",
              "dev.memkit.mcp..",
              "io.modelcontextprotocol..",
              "reactor..");

  @ArchTest
  static final ArchRule mcp_uses_the_core_through_its_ports_not_its_services_or_stores =
      noClasses()
          .that()
          .resideInAPackage("dev.memkit.mcp..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.memkit.core.service..", "dev.memkit.core.port.out..", "dev.memkit.core.store..");
}
