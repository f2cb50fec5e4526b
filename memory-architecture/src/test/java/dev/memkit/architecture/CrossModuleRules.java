package dev.memkit.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.PackageMatcher;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.memkit.core.port.out.Observer;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The rules that span modules: which module may use which, and which third-party library stays in
 * which module. {@link CrossModuleArchitectureTest} checks them over every module's classes; {@link
 * RulesCanFailArchitectureTest} proves that every package they name exists and that each of them
 * fails on a deliberately wrong class.
 *
 * <p>Rules are written with package patterns only (no class lists), so a new class is checked the
 * moment it exists; a new store package under {@code dev.memkit.store} is a store to every rule
 * that names {@link #STORES}.
 */
final class CrossModuleRules {
  // memkit's modules, by package
  static final String CORE = "dev.memkit.core..";
  static final String CORE_SERVICES = "dev.memkit.core.service..";
  static final String CORE_STORE_PORTS = "dev.memkit.core.port.out..";

  /** The core's stores: the {@code mem:} store and whatever record engine stores may build on. */
  static final String CORE_STORES = "dev.memkit.core.store..";

  static final String CORE_MEM_STORE = "dev.memkit.core.store.memory..";
  static final String JSON_CODEC = "dev.memkit.jackson..";
  static final String MCP = "dev.memkit.mcp..";
  static final String TOKENS = "dev.memkit.tokens..";
  static final String EMBEDDINGS = "dev.memkit.embeddings..";
  static final String STORES = "dev.memkit.store..";
  static final String JSON_STORE = "dev.memkit.store.json..";
  static final String HTTP = "dev.memkit.http..";
  static final String CLI = "dev.memkit.cli..";
  static final String IMPORTER = "dev.memkit.importer..";
  static final String AGENT = "dev.memkit.agent..";
  static final String LANGCHAIN4J = "dev.memkit.langchain4j..";
  static final String SPRING_AI = "dev.memkit.springai..";

  /**
   * The package of the JDBC code the SQL stores share (module {@code memory-store-jdbc}): a store
   * may use it besides its own package.
   */
  static final String SHARED_STORE_PACKAGE = "jdbc";

  // third-party libraries, by package
  static final String JDK = "java..";
  static final String JDBC = "java.sql..";
  static final String SQLITE_DRIVER = "org.sqlite..";
  static final String CONNECTION_POOL = "com.zaxxer.hikari..";
  static final String JACKSON = "com.fasterxml.jackson..";
  static final String JACKSON_DATABIND = "com.fasterxml.jackson.databind..";
  static final String MICRONAUT = "io.micronaut..";
  static final String PICOCLI = "picocli..";
  static final String MCP_SDK = "io.modelcontextprotocol..";
  static final String REACTOR = "reactor..";
  static final String LANGCHAIN4J_LIBRARY = "dev.langchain4j..";
  static final String SPRING = "org.springframework..";
  static final String ONNX_RUNTIME = "ai.onnxruntime..";
  static final String JTOKKIT = "com.knuddels.jtokkit..";

  private CrossModuleRules() {}

  // --- which module may use which ---

  /** The core and the shared libraries sit below every store and adapter. */
  @ArchTest
  static final ArchRule the_core_and_the_shared_libraries_depend_on_no_store_and_no_adapter =
      noClasses()
          .that()
          .resideInAnyPackage(CORE, JSON_CODEC, TOKENS, EMBEDDINGS, MCP, IMPORTER, AGENT)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(STORES, HTTP, CLI, LANGCHAIN4J, SPRING_AI);

  /** The shared libraries use the core and the JSON codec, never each other. */
  @ArchTest
  static final ArchRule the_shared_libraries_do_not_depend_on_each_other =
      classes()
          .that()
          .resideInAnyPackage(JSON_CODEC, TOKENS, EMBEDDINGS, MCP, IMPORTER, AGENT)
          .should(dependOnNoneButTheirOwnOf(TOKENS, EMBEDDINGS, MCP, IMPORTER, AGENT));

  /** MCP is known to the MCP module and to the two adapters that serve it, nothing below them. */
  @ArchTest
  static final ArchRule nothing_below_the_driving_adapters_knows_mcp =
      noClasses()
          .that()
          .resideInAnyPackage(
              CORE, JSON_CODEC, TOKENS, EMBEDDINGS, STORES, IMPORTER, AGENT, LANGCHAIN4J, SPRING_AI)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(MCP, MCP_SDK);

  /**
   * A store implements the outbound ports; it uses no adapter, no shared library but the JSON
   * codec, no service and not the {@code mem:} store (a record engine of the core beside it is
   * allowed).
   */
  @ArchTest
  static final ArchRule stores_depend_on_the_core_ports_and_the_json_codec_only =
      noClasses()
          .that()
          .resideInAPackage(STORES)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              HTTP,
              CLI,
              MCP,
              IMPORTER,
              AGENT,
              LANGCHAIN4J,
              SPRING_AI,
              TOKENS,
              EMBEDDINGS,
              CORE_SERVICES,
              CORE_MEM_STORE);

  /** No store uses another store, except the JDBC code the SQL stores share. */
  @ArchTest
  static final ArchRule a_store_depends_on_no_other_store_but_the_shared_jdbc_code =
      classes().that().resideInAPackage(STORES).should(dependOnNoOtherStore());

  /** Only the SQL stores use the JDBC code they share; the JSON store does not. */
  @ArchTest
  static final ArchRule the_json_store_uses_no_shared_jdbc_code =
      noClasses()
          .that()
          .resideInAPackage(JSON_STORE)
          .should()
          .dependOnClassesThat(inTheSharedJdbcPackage());

  /**
   * The JDBC code the SQL stores share depends on the JDK and the core only. Until the module
   * {@code memory-store-jdbc} is part of the build this rule has no class to check, so it allows an
   * empty set; {@code RulesCanFailArchitectureTest} proves it fails on a wrong class, and checks
   * that every module of the build has its classes here.
   */
  @ArchTest
  static final ArchRule the_shared_jdbc_code_depends_on_the_jdk_and_the_core_only =
      classes()
          .that(inTheSharedJdbcPackage())
          .should()
          .onlyDependOnClassesThat(resideInAnyPackage(JDK, CORE).or(inTheSharedJdbcPackage()))
          .allowEmptyShould(true);

  /** The HTTP service opens stores through the core, by URI, and uses no other adapter. */
  @ArchTest
  static final ArchRule the_http_service_depends_on_no_store_and_no_other_adapter =
      noClasses()
          .that()
          .resideInAPackage(HTTP)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              STORES, CORE_STORES, CLI, TOKENS, EMBEDDINGS, AGENT, LANGCHAIN4J, SPRING_AI);

  /** The command line opens stores through the core, by URI, and uses no other adapter. */
  @ArchTest
  static final ArchRule the_command_line_depends_on_no_store_and_no_other_adapter =
      noClasses()
          .that()
          .resideInAPackage(CLI)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              STORES, CORE_STORES, HTTP, TOKENS, EMBEDDINGS, AGENT, LANGCHAIN4J, SPRING_AI);

  /**
   * Adapters and the libraries over the use cases call the inbound ports, never the services, the
   * store ports or the {@code mem:} store. The HTTP service implements one outbound port, the
   * {@code Observer} it hands the core for metrics.
   */
  @ArchTest
  static final ArchRule adapters_use_the_core_through_its_inbound_ports =
      noClasses()
          .that()
          .resideInAnyPackage(HTTP, CLI, MCP, IMPORTER, AGENT, LANGCHAIN4J, SPRING_AI)
          .should()
          .dependOnClassesThat(
              resideInAnyPackage(CORE_SERVICES, CORE_STORE_PORTS, CORE_STORES)
                  .and(not(equivalentTo(Observer.class))));

  /** The framework adapters are the core's use cases, the agent tools and their framework. */
  @ArchTest
  static final ArchRule
      the_langchain4j_adapter_depends_on_the_core_the_agent_tools_and_langchain4j_only =
          classes()
              .that()
              .resideInAPackage(LANGCHAIN4J)
              .should()
              .onlyDependOnClassesThat()
              .resideInAnyPackage(JDK, CORE, AGENT, LANGCHAIN4J, LANGCHAIN4J_LIBRARY);

  /** The framework adapters are the core's use cases, the agent tools and their framework. */
  @ArchTest
  static final ArchRule the_spring_ai_adapter_depends_on_the_core_the_agent_tools_and_spring_only =
      classes()
          .that()
          .resideInAPackage(SPRING_AI)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(JDK, CORE, AGENT, SPRING_AI, SPRING);

  /** The agent tools and the importers are the core and its JSON text, and nothing else. */
  @ArchTest
  static final ArchRule
      the_agent_tools_and_the_importers_depend_on_the_core_and_the_json_codec_only =
          classes()
              .that()
              .resideInAnyPackage(AGENT, IMPORTER)
              .should()
              .onlyDependOnClassesThat()
              .resideInAnyPackage(JDK, CORE, JSON_CODEC, AGENT, IMPORTER);

  /**
   * The MCP module is the core's use cases, the JSON codec and the MCP SDK (with its Reactor
   * types).
   */
  @ArchTest
  static final ArchRule the_mcp_module_depends_on_the_core_the_json_codec_and_the_mcp_sdk_only =
      classes()
          .that()
          .resideInAPackage(MCP)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(JDK, CORE, JSON_CODEC, MCP, MCP_SDK, REACTOR);

  // --- which library stays in which module ---

  /**
   * JDBC, the SQLite driver and the connection pool stay in the SQL stores; no JDBC type crosses a
   * port.
   */
  @ArchTest
  static final ArchRule jdbc_stays_in_the_sql_stores =
      noClasses()
          .that()
          .resideOutsideOfPackage(STORES)
          .or()
          .resideInAPackage(JSON_STORE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(JDBC, SQLITE_DRIVER, CONNECTION_POOL);

  /**
   * Jackson stays in the JSON codec, the JSON store (its streaming parser only) and the HTTP
   * service (Micronaut's JSON); no Jackson type crosses a port.
   */
  @ArchTest
  static final ArchRule jackson_stays_in_the_json_codec_the_json_store_and_the_http_service =
      noClasses()
          .that()
          .resideOutsideOfPackages(JSON_CODEC, JSON_STORE, HTTP)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(JACKSON);

  /**
   * The JSON store reads and writes its files with Jackson's streaming parser, never with data
   * binding.
   */
  @ArchTest
  static final ArchRule the_json_store_uses_no_jackson_data_binding =
      noClasses()
          .that()
          .resideInAPackage(JSON_STORE)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(JACKSON_DATABIND);

  /** Micronaut stays in the HTTP service. */
  @ArchTest
  static final ArchRule micronaut_stays_in_the_http_service =
      noClasses()
          .that()
          .resideOutsideOfPackage(HTTP)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(MICRONAUT);

  /** picocli stays in the command line. */
  @ArchTest
  static final ArchRule picocli_stays_in_the_command_line =
      noClasses()
          .that()
          .resideOutsideOfPackage(CLI)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(PICOCLI);

  /**
   * The MCP SDK stays in the MCP module; the HTTP service and the command line reach it through
   * that module.
   */
  @ArchTest
  static final ArchRule the_mcp_sdk_stays_in_the_mcp_module =
      noClasses()
          .that()
          .resideOutsideOfPackage(MCP)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(MCP_SDK, REACTOR);

  /**
   * LangChain4j stays in its adapter and in the embedding model, which runs on its ONNX embeddings.
   */
  @ArchTest
  static final ArchRule langchain4j_stays_in_its_adapter_and_the_embedding_model =
      noClasses()
          .that()
          .resideOutsideOfPackages(LANGCHAIN4J, EMBEDDINGS)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(LANGCHAIN4J_LIBRARY);

  /** Spring stays in the Spring AI adapter. */
  @ArchTest
  static final ArchRule spring_stays_in_its_adapter =
      noClasses()
          .that()
          .resideOutsideOfPackage(SPRING_AI)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(SPRING);

  /** The ONNX runtime stays in the embedding model. */
  @ArchTest
  static final ArchRule the_onnx_runtime_stays_in_the_embedding_model =
      noClasses()
          .that()
          .resideOutsideOfPackage(EMBEDDINGS)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(ONNX_RUNTIME);

  /** jtokkit stays in the token counter. */
  @ArchTest
  static final ArchRule jtokkit_stays_in_the_token_counter =
      noClasses()
          .that()
          .resideOutsideOfPackage(TOKENS)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(JTOKKIT);

  /**
   * A condition: no dependency on a class of one of {@code modules} other than the module the class
   * is in.
   */
  private static ArchCondition<JavaClass> dependOnNoneButTheirOwnOf(String... modules) {
    String named = Stream.of(modules).map(m -> "'" + m + "'").collect(Collectors.joining(", "));
    return new ArchCondition<>("depend on no module of [" + named + "] but their own") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
          String target = dependency.getTargetClass().getPackageName();
          for (String module : modules) {
            PackageMatcher matcher = PackageMatcher.of(module);
            if (matcher.matches(target) && !matcher.matches(item.getPackageName())) {
              events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
            }
          }
        }
      }
    };
  }

  /**
   * A class of {@code dev.memkit.store.<name>} depends on no class of another store but the shared
   * one.
   */
  private static ArchCondition<JavaClass> dependOnNoOtherStore() {
    return new ArchCondition<>(
        "depend on no other store's package than its own and the shared JDBC package") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        Optional<String> own = storeOf(item);
        for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
          Optional<String> target = storeOf(dependency.getTargetClass());
          if (target.isPresent()
              && !target.equals(own)
              && !target.get().equals(SHARED_STORE_PACKAGE)) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        }
      }
    };
  }

  /** Classes of the package the SQL stores share, {@code dev.memkit.store.jdbc} and below. */
  private static DescribedPredicate<JavaClass> inTheSharedJdbcPackage() {
    return DescribedPredicate.describe(
        "in the shared JDBC package dev.memkit.store." + SHARED_STORE_PACKAGE,
        type -> storeOf(type).filter(SHARED_STORE_PACKAGE::equals).isPresent());
  }

  /** The store a class belongs to: the package segment after {@code dev.memkit.store}. */
  private static Optional<String> storeOf(JavaClass type) {
    String prefix = "dev.memkit.store.";
    String name = type.getPackageName();
    if (!name.startsWith(prefix)) {
      return Optional.empty();
    }
    String rest = name.substring(prefix.length());
    int dot = rest.indexOf('.');
    return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
  }
}
