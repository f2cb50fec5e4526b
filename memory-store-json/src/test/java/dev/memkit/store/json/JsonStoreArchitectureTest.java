package dev.memkit.store.json;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The store's shape: one public entry point, and nothing but the core, Jackson and the JDK below
 * it.
 */
@AnalyzeClasses(
    packages = "dev.memkit.store.json",
    importOptions = ImportOption.DoNotIncludeTests.class)
class JsonStoreArchitectureTest {
  @ArchTest
  static final ArchRule the_provider_is_the_only_public_class =
      classes()
          .that()
          .resideInAPackage("dev.memkit.store.json")
          .and()
          .areTopLevelClasses()
          .and()
          .doNotHaveSimpleName("package-info")
          .and()
          .arePublic()
          .should()
          .haveSimpleName("JsonStoreProvider");

  @ArchTest
  static final ArchRule the_store_depends_on_the_core_its_json_codec_jackson_core_and_the_jdk_only =
      classes()
          .that()
          .resideInAPackage("dev.memkit.store.json..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "dev.memkit.store.json..",
              "dev.memkit.core..",
              "dev.memkit.jackson..",
              "com.fasterxml.jackson.core..",
              "java..");

  @ArchTest
  static final ArchRule the_store_never_calls_the_use_cases =
      noClasses()
          .that()
          .resideInAPackage("dev.memkit.store.json..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.memkit.core.service..")
          .because("a store implements the ports and never calls back into the use cases");
}
