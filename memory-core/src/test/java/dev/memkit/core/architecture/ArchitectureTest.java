package dev.memkit.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The hexagon of memory-core, as rules the build enforces. */
@AnalyzeClasses(packages = "dev.memkit.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule core_depends_on_nothing_but_the_jdk =
      classes()
          .that()
          .resideInAPackage("dev.memkit.core..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("dev.memkit.core..", "java..");

  @ArchTest
  static final ArchRule core_uses_no_logging_reflection_or_sql =
      noClasses()
          .that()
          .resideInAPackage("dev.memkit.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("java.sql..", "java.util.logging..", "java.lang.reflect..");

  @ArchTest
  static final ArchRule layers_depend_inwards_only =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("Entry")
          .definedBy("dev.memkit.core")
          .layer("Services")
          .definedBy("dev.memkit.core.service..")
          .layer("InPorts")
          .definedBy("dev.memkit.core.port.in..")
          .layer("OutPorts")
          .definedBy("dev.memkit.core.port.out..")
          .layer("Model")
          .definedBy(
              "dev.memkit.core.model..",
              "dev.memkit.core.json..",
              "dev.memkit.core.error..",
              "dev.memkit.core.search..")
          .layer("InMemoryStore")
          .definedBy("dev.memkit.core.store..")
          .whereLayer("Entry")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("Services")
          .mayOnlyBeAccessedByLayers("Entry")
          .whereLayer("InPorts")
          .mayOnlyBeAccessedByLayers("Entry", "Services")
          .whereLayer("OutPorts")
          .mayOnlyBeAccessedByLayers("Entry", "Services", "InMemoryStore")
          .whereLayer("InMemoryStore")
          .mayNotBeAccessedByAnyLayer();

  @ArchTest
  static final ArchRule the_json_model_knows_nothing_of_the_domain =
      noClasses()
          .that()
          .resideInAPackage("dev.memkit.core.json..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.memkit.core.model..", "dev.memkit.core.service..", "dev.memkit.core.port..");

  @ArchTest
  static final ArchRule packages_are_free_of_cycles =
      slices().matching("dev.memkit.core.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule the_in_memory_store_hides_behind_its_provider =
      classes()
          .that()
          .resideInAPackage("dev.memkit.core.store.memory")
          .and()
          .arePublic()
          .should()
          .haveSimpleName("InMemoryStoreProvider");
}
