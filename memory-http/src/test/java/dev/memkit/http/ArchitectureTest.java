package dev.memkit.http;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.memkit.core.port.out.Observer;

/**
 * The HTTP adapter reaches stores only through the core: it imports no store and no other adapter.
 */
@AnalyzeClasses(packages = "dev.memkit.http", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule http_depends_on_no_store =
      noClasses()
          .that()
          .resideInAPackage("dev.memkit.http..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.memkit.store..", "dev.memkit.core.store..");

  @ArchTest
  static final ArchRule http_depends_on_no_other_adapter =
      noClasses()
          .that()
          .resideInAPackage("dev.memkit.http..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.memkit.cli..", "dev.memkit.tokens..");

  /**
   * The one outbound port an adapter implements is the {@link Observer} it hands the core for
   * metrics.
   */
  @ArchTest
  static final ArchRule http_uses_the_core_through_its_ports_not_its_services =
      noClasses()
          .that()
          .resideInAPackage("dev.memkit.http..")
          .should()
          .dependOnClassesThat(
              resideInAnyPackage("dev.memkit.core.service..", "dev.memkit.core.port.out..")
                  .and(not(equivalentTo(Observer.class))));
}
