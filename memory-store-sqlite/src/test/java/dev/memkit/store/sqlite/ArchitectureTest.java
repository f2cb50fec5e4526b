package dev.memkit.store.sqlite;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The store is one public provider; JDBC stays inside it. */
@AnalyzeClasses(
    packages = "dev.memkit.store.sqlite",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule only_the_provider_is_public =
      classes()
          .that()
          .resideInAPackage("dev.memkit.store.sqlite")
          .and()
          .areTopLevelClasses()
          .and()
          .doNotHaveSimpleName("SqliteStoreProvider")
          .should()
          .notBePublic();

  @ArchTest
  static final ArchRule the_store_uses_only_the_core_jackson_codec_and_the_driver =
      noClasses()
          .that()
          .resideInAPackage("dev.memkit.store.sqlite..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "com.fasterxml..",
              "dev.memkit.core.service..",
              "dev.memkit.core.store..",
              "dev.memkit.store.json..");
}
