package dev.memkit.http;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The HTTP adapter reaches stores only through the core: it imports no store and no other adapter. */
@AnalyzeClasses(packages = "dev.memkit.http", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule http_depends_on_no_store =
      noClasses().that().resideInAPackage("dev.memkit.http..")
          .should().dependOnClassesThat().resideInAnyPackage("dev.memkit.store..", "dev.memkit.core.store..");

  @ArchTest
  static final ArchRule http_depends_on_no_other_adapter =
      noClasses().that().resideInAPackage("dev.memkit.http..")
          .should().dependOnClassesThat().resideInAnyPackage("dev.memkit.cli..", "dev.memkit.tokens..");

  @ArchTest
  static final ArchRule http_uses_the_core_through_its_ports_not_its_services =
      noClasses().that().resideInAPackage("dev.memkit.http..")
          .should().dependOnClassesThat().resideInAnyPackage("dev.memkit.core.service..", "dev.memkit.core.port.out..");
}
