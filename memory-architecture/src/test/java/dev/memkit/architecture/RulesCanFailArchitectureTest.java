package dev.memkit.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.PackageMatcher;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.memkit.agent.fixture.AgentToolsUsingLangChain4j;
import dev.memkit.agent.fixture.AgentToolsUsingTheHttpService;
import dev.memkit.cli.fixture.CommandLineUsingMicronaut;
import dev.memkit.cli.fixture.CommandLineUsingTheMcpSdk;
import dev.memkit.cli.fixture.CommandLineUsingThePostgresStore;
import dev.memkit.core.fixture.CoreUsingJdbc;
import dev.memkit.core.fixture.CoreUsingTheSqliteStore;
import dev.memkit.embeddings.fixture.EmbeddingModelUsingTheTokenCounter;
import dev.memkit.http.fixture.HttpServiceCountingWithJtokkit;
import dev.memkit.http.fixture.HttpServiceObservingTheCore;
import dev.memkit.http.fixture.HttpServiceUsingAStorePort;
import dev.memkit.http.fixture.HttpServiceUsingPicocli;
import dev.memkit.http.fixture.HttpServiceUsingTheMemStore;
import dev.memkit.importer.fixture.ImporterReadingWithJackson;
import dev.memkit.jackson.fixture.JsonCodecUsingTheMcpSdk;
import dev.memkit.langchain4j.fixture.LangChain4jToolsUsingTheJsonCodec;
import dev.memkit.langchain4j.fixture.LangChain4jUsingSpring;
import dev.memkit.mcp.fixture.McpUsingAService;
import dev.memkit.mcp.fixture.McpUsingPicocli;
import dev.memkit.springai.fixture.SpringToolsUsingLangChain4j;
import dev.memkit.store.jdbc.fixture.SharedJdbcCode;
import dev.memkit.store.jdbc.fixture.SharedJdbcCodeUsingTheSqliteStore;
import dev.memkit.store.json.fixture.JsonStoreUsingDataBinding;
import dev.memkit.store.json.fixture.JsonStoreUsingJdbc;
import dev.memkit.store.json.fixture.JsonStoreUsingTheMcpModule;
import dev.memkit.store.json.fixture.JsonStoreUsingTheMemStore;
import dev.memkit.store.json.fixture.JsonStoreUsingTheSharedJdbcCode;
import dev.memkit.store.postgres.fixture.PostgresStoreUsingAService;
import dev.memkit.store.sqlite.fixture.SqliteStoreUsingJackson;
import dev.memkit.store.sqlite.fixture.SqliteStoreUsingTheJsonStore;
import dev.memkit.store.sqlite.fixture.SqliteStoreUsingTheSharedJdbcCode;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No rule of {@link CrossModuleRules} can pass vacuously: every package pattern a rule names
 * matches a class of memkit or a class memkit uses, every rule fails on a class that breaks it on
 * purpose, and every module of the build has its classes checked and a wrong class of its own.
 */
class RulesCanFailArchitectureTest {
  /**
   * Modules the rules do not check: the benchmarks and examples use everything, and this module is
   * tests only.
   */
  private static final Set<String> UNCHECKED_MODULES =
      Set.of("memory-bench", "memory-examples", "memory-architecture");

  private static final Pattern QUOTED_PACKAGE = Pattern.compile("'([a-zA-Z0-9_.$]+)'");
  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

  private static final JavaClasses MEMKIT =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.memkit");

  /** Each rule, with the classes that break it on purpose. */
  static Stream<Arguments> wrongClasses() {
    return Stream.of(
        wrong(
            "the_core_and_the_shared_libraries_depend_on_no_store_and_no_adapter",
            CoreUsingTheSqliteStore.class),
        wrong(
            "the_core_and_the_shared_libraries_depend_on_no_store_and_no_adapter",
            AgentToolsUsingTheHttpService.class),
        wrong(
            "the_shared_libraries_do_not_depend_on_each_other",
            EmbeddingModelUsingTheTokenCounter.class),
        wrong(
            "the_shared_libraries_do_not_depend_on_each_other",
            dev.memkit.tokens.fixture.TokenCounterUsingTheImporter.class),
        wrong("nothing_below_the_driving_adapters_knows_mcp", JsonCodecUsingTheMcpSdk.class),
        wrong("nothing_below_the_driving_adapters_knows_mcp", JsonStoreUsingTheMcpModule.class),
        wrong(
            "stores_depend_on_the_core_ports_and_the_json_codec_only",
            PostgresStoreUsingAService.class),
        wrong(
            "stores_depend_on_the_core_ports_and_the_json_codec_only",
            JsonStoreUsingTheMemStore.class),
        wrong(
            "a_store_depends_on_no_other_store_but_the_shared_jdbc_code",
            SqliteStoreUsingTheJsonStore.class),
        wrong(
            "a_store_depends_on_no_other_store_but_the_shared_jdbc_code",
            SharedJdbcCodeUsingTheSqliteStore.class),
        wrong("the_json_store_uses_no_shared_jdbc_code", JsonStoreUsingTheSharedJdbcCode.class),
        wrong(
            "the_shared_jdbc_code_depends_on_the_jdk_and_the_core_only",
            SharedJdbcCodeUsingTheSqliteStore.class),
        wrong(
            "the_http_service_depends_on_no_store_and_no_other_adapter",
            HttpServiceUsingTheMemStore.class),
        wrong(
            "the_command_line_depends_on_no_store_and_no_other_adapter",
            CommandLineUsingThePostgresStore.class),
        wrong("adapters_use_the_core_through_its_inbound_ports", McpUsingAService.class),
        wrong("adapters_use_the_core_through_its_inbound_ports", HttpServiceUsingAStorePort.class),
        wrong(
            "the_langchain4j_adapter_depends_on_the_core_the_agent_tools_and_langchain4j_only",
            LangChain4jToolsUsingTheJsonCodec.class),
        wrong(
            "the_spring_ai_adapter_depends_on_the_core_the_agent_tools_and_spring_only",
            SpringToolsUsingLangChain4j.class),
        wrong(
            "the_agent_tools_and_the_importers_depend_on_the_core_and_the_json_codec_only",
            ImporterReadingWithJackson.class),
        wrong(
            "the_mcp_module_depends_on_the_core_the_json_codec_and_the_mcp_sdk_only",
            McpUsingPicocli.class),
        wrong("jdbc_stays_in_the_sql_stores", JsonStoreUsingJdbc.class),
        wrong("jdbc_stays_in_the_sql_stores", CoreUsingJdbc.class),
        wrong(
            "jackson_stays_in_the_json_codec_the_json_store_and_the_http_service",
            SqliteStoreUsingJackson.class),
        wrong("the_json_store_uses_no_jackson_data_binding", JsonStoreUsingDataBinding.class),
        wrong("micronaut_stays_in_the_http_service", CommandLineUsingMicronaut.class),
        wrong("picocli_stays_in_the_command_line", HttpServiceUsingPicocli.class),
        wrong("the_mcp_sdk_stays_in_the_mcp_module", CommandLineUsingTheMcpSdk.class),
        wrong(
            "langchain4j_stays_in_its_adapter_and_the_embedding_model",
            AgentToolsUsingLangChain4j.class),
        wrong("spring_stays_in_its_adapter", LangChain4jUsingSpring.class),
        wrong(
            "the_onnx_runtime_stays_in_the_embedding_model",
            dev.memkit.tokens.fixture.TokenCounterUsingOnnx.class),
        wrong("jtokkit_stays_in_the_token_counter", HttpServiceCountingWithJtokkit.class));
  }

  @ParameterizedTest(name = "{0} fails on {1}")
  @MethodSource("wrongClasses")
  void each_rule_fails_on_a_class_that_breaks_it(String rule, Class<?> wrong) {
    EvaluationResult result =
        rules().get(rule).evaluate(new ClassFileImporter().importClasses(wrong));

    assertThat(result.hasViolation()).as(rule + " on " + wrong.getSimpleName()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .as("the violation names the wrong class")
        .anyMatch(line -> line.contains(wrong.getName()));
  }

  @Test
  void every_rule_has_a_class_that_breaks_it() {
    Set<String> tried =
        wrongClasses().map(a -> (String) a.get()[0]).collect(Collectors.toCollection(TreeSet::new));

    assertThat(tried).isEqualTo(rules().keySet());
  }

  @Test
  void every_package_a_rule_names_holds_a_class_of_memkit_or_one_it_uses() {
    List<String> named = new ArrayList<>();
    List<String> empty = emptyPatterns(rules(), named);

    assertThat(named).as("the patterns the rules name").hasSizeGreaterThan(50);
    assertThat(empty).as("patterns that match no class of memkit and none it uses").isEmpty();
  }

  @Test
  void a_pattern_that_names_no_package_is_found() {
    ArchRule misnamed =
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
            .that()
            .resideInAPackage(CrossModuleRules.CLI)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.memkit.sqlite..", CrossModuleRules.STORES);

    assertThat(emptyPatterns(Map.of("misnamed", misnamed), new ArrayList<>()))
        .containsExactly("misnamed: dev.memkit.sqlite..");
  }

  @Test
  void every_module_of_the_build_is_checked_and_has_a_class_that_breaks_a_rule()
      throws IOException {
    Set<String> wrongPackages =
        wrongClasses()
            .map(a -> ((Class<?>) a.get()[1]).getPackageName())
            .collect(Collectors.toSet());
    List<String> unchecked = new ArrayList<>();
    List<String> untried = new ArrayList<>();
    List<String> checked = new ArrayList<>();
    for (String module : modulesOfTheBuild()) {
      for (String pkg : mainPackagesOf(module)) {
        checked.add(pkg);
        if (MEMKIT.stream().noneMatch(type -> type.getPackageName().equals(pkg))) {
          unchecked.add(module + " (" + pkg + "): add it to memory-architecture's dependencies");
        }
        if (!wrongPackages.contains(moduleRoot(pkg) + ".fixture")) {
          untried.add(
              module + " (" + pkg + "): add a wrong class in " + moduleRoot(pkg) + ".fixture");
        }
      }
    }

    assertThat(checked).as("the packages of the modules").hasSizeGreaterThan(14);
    assertThat(unchecked).as("packages whose classes the rules do not see").isEmpty();
    assertThat(untried).as("modules without a class that breaks a rule").isEmpty();
  }

  @Test
  void a_sql_store_may_use_the_jdbc_code_the_sql_stores_share() {
    JavaClasses classes =
        new ClassFileImporter().importClasses(SqliteStoreUsingTheSharedJdbcCode.class);

    assertThat(
            CrossModuleRules.a_store_depends_on_no_other_store_but_the_shared_jdbc_code
                .evaluate(classes)
                .hasViolation())
        .isFalse();
    assertThat(
            CrossModuleRules.the_shared_jdbc_code_depends_on_the_jdk_and_the_core_only
                .evaluate(new ClassFileImporter().importClasses(SharedJdbcCode.class))
                .hasViolation())
        .isFalse();
  }

  @Test
  void the_http_service_may_implement_the_metrics_observer() {
    JavaClasses classes = new ClassFileImporter().importClasses(HttpServiceObservingTheCore.class);

    assertThat(
            CrossModuleRules.adapters_use_the_core_through_its_inbound_ports
                .evaluate(classes)
                .hasViolation())
        .isFalse();
  }

  /**
   * The package patterns quoted in the rules' descriptions that match no package of memkit's
   * classes or of the classes they use, as {@code rule: pattern}; every pattern found goes to
   * {@code named}.
   */
  private static List<String> emptyPatterns(Map<String, ArchRule> rules, List<String> named) {
    Set<String> packages = new TreeSet<>();
    for (JavaClass type : MEMKIT) {
      packages.add(type.getPackageName());
      for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
        packages.add(dependency.getTargetClass().getPackageName());
      }
    }
    List<String> empty = new ArrayList<>();
    rules.forEach(
        (name, rule) -> {
          Matcher quoted = QUOTED_PACKAGE.matcher(rule.getDescription());
          while (quoted.find()) {
            String pattern = quoted.group(1);
            named.add(pattern);
            PackageMatcher matcher = PackageMatcher.of(pattern);
            if (packages.stream().noneMatch(matcher::matches)) {
              empty.add(name + ": " + pattern);
            }
          }
        });
    return empty;
  }

  private static Arguments wrong(String rule, Class<?> wrong) {
    return Arguments.of(rule, wrong);
  }

  /** The rules of {@link CrossModuleRules}, by field name. */
  private static Map<String, ArchRule> rules() {
    Map<String, ArchRule> rules = new TreeMap<>();
    for (Field field : CrossModuleRules.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == ArchRule.class) {
        try {
          rules.put(field.getName(), (ArchRule) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return rules;
  }

  /** The modules of the parent pom the rules check. */
  private static List<String> modulesOfTheBuild() throws IOException {
    Matcher modules = MODULE.matcher(Files.readString(Path.of("..", "pom.xml")));
    List<String> names = new ArrayList<>();
    while (modules.find()) {
      if (!UNCHECKED_MODULES.contains(modules.group(1).trim())) {
        names.add(modules.group(1).trim());
      }
    }
    return names;
  }

  /** The packages of a module's main sources. */
  private static Set<String> mainPackagesOf(String module) throws IOException {
    Path sources = Path.of("..", module, "src", "main", "java");
    try (Stream<Path> files = Files.walk(sources)) {
      return files
          .filter(
              f ->
                  f.toString().endsWith(".java")
                      && !f.getFileName().toString().equals("package-info.java"))
          .map(
              f ->
                  sources
                      .relativize(f.getParent())
                      .toString()
                      .replace(f.getFileSystem().getSeparator(), "."))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  /**
   * The package a module's wrong classes go under: {@code dev.memkit.<module>}, or {@code
   * dev.memkit.store.<store>} for a store.
   */
  private static String moduleRoot(String pkg) {
    String[] parts = pkg.split("\\.");
    int depth = parts.length > 3 && parts[2].equals("store") ? 4 : 3;
    return String.join(".", List.of(parts).subList(0, Math.min(depth, parts.length)));
  }
}
