package dev.memkit.store.postgres;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The store is two public providers; JDBC and the pool stay inside it. */
@AnalyzeClasses(
    packages = "dev.memkit.store.postgres",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule only_the_providers_are_public =
      classes()
          .that()
          .resideInAPackage("dev.memkit.store.postgres")
          .and()
          .areTopLevelClasses()
          .and()
          .doNotHaveSimpleName("PostgresStoreProvider")
          .and()
          .doNotHaveSimpleName("JdbcPostgresStoreProvider")
          .should()
          .notBePublic();

  @ArchTest
  static final ArchRule the_store_uses_only_the_core_the_jackson_codec_the_driver_and_the_pool =
      noClasses()
          .that()
          .resideInAPackage("dev.memkit.store.postgres..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "com.fasterxml..",
              "dev.memkit.core.service..",
              "dev.memkit.core.store..",
              "dev.memkit.store.json..",
              "dev.memkit.store.sqlite..");
}
