package dev.memkit.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;

/**
 * Checks {@link CrossModuleRules} over the main classes of every module at once. A rule whose
 * subject matches no class fails too (ArchUnit's default), so a rule cannot pass on an empty set.
 */
@AnalyzeClasses(packages = "dev.memkit", importOptions = ImportOption.DoNotIncludeTests.class)
class CrossModuleArchitectureTest {
  @ArchTest static final ArchTests cross_module_rules = ArchTests.in(CrossModuleRules.class);
}
