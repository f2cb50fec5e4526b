package dev.memkit.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The command line's place in the hexagon, checked in the build. */
@AnalyzeClasses(packages = "dev.memkit.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule the_command_line_imports_no_store_and_no_other_adapter =
      noClasses()
          .that()
          .resideInAPackage("dev.memkit.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.memkit.store..",
              "dev.memkit.core.store..",
              "dev.memkit.http..",
              "dev.memkit.tokens..",
              "org.sqlite..",
              "java.sql..",
              "com.knuddels..",
              "io.micronaut..");

  @ArchTest
  static final ArchRule the_command_line_uses_the_core_through_its_use_cases_only =
      noClasses()
          .that()
          .resideInAPackage("dev.memkit.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.memkit.core.service..", "dev.memkit.core.port.out..");

  @ArchTest
  static final ArchRule only_the_entry_point_exits_the_jvm =
      noClasses()
          .that()
          .resideInAPackage("dev.memkit.cli..")
          .and()
          .doNotHaveSimpleName("MemkitCli")
          .should()
          .callMethod(System.class, "exit", int.class);

  @ArchTest
  static final ArchRule the_entry_point_is_the_only_public_class =
      classes()
          .that()
          .resideInAPackage("dev.memkit.cli..")
          .and()
          .arePublic()
          .and()
          .areTopLevelClasses()
          .should()
          .haveSimpleName("MemkitCli");
}
