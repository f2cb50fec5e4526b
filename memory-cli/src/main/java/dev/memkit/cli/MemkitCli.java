package dev.memkit.cli;

import dev.memkit.core.Memkit;
import dev.memkit.core.MemkitOptions;
import dev.memkit.core.model.Namespace;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code memkit}, the command line of memkit: reads and writes a local store chosen by URI, or a
 * remote server through its {@code /v1} API.
 *
 * <pre>{@code
 * memkit state set current_phase testing
 * memkit memory add "Deployed v1.2" --tag deploy --tag v1.2
 * memkit context --max-tokens 1500
 * }</pre>
 *
 * <p>Global options (accepted before or after the command): {@code --store URI} (default {@code
 * MEMKIT_STORE}, else {@code sqlite:./data/memkit.db}), {@code --url URL} and {@code --api-key KEY}
 * (default {@code MEMKIT_URL}, {@code MEMKIT_API_KEY}) for a server, {@code --namespace NS}, {@code
 * --json}. Exit codes: 0 ok, 1 not found, 2 usage, 3 invalid input, 4 conflict, 5 store or server
 * error, 6 not authorised.
 *
 * <p>{@link #main(String[])} is the only place that exits the JVM; {@link #commandLine()} gives a
 * configured picocli {@link CommandLine} whose {@code execute} returns the exit code instead.
 */
@Command(
    name = "memkit",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description =
        "Persistent memory and state for LLM agents: state, memories, goals and context blocks, "
            + "in a local store or on a memkit server.")
public final class MemkitCli {
  /** The store used when neither {@code --store} nor {@code MEMKIT_STORE} names one. */
  public static final String DEFAULT_STORE = "sqlite:./data/memkit.db";

  /** The commands, by name, in the order help lists them. */
  private static final List<String> COMMANDS =
      List.of(
          "state",
          "memory",
          "snapshot",
          "profile",
          "working",
          "goal",
          "context",
          "audit",
          "backup",
          "export",
          "import",
          "mcp",
          "reindex",
          "serve",
          "version",
          "completion",
          "help");

  /**
   * A new command object named {@code name}. Commands are built on demand: a run builds only the
   * command it names, since building the whole tree of commands is much of the start-up time.
   */
  private static Object command(String name) {
    return switch (name) {
      case "state" -> new StateCommand();
      case "memory" -> new MemoryCommand();
      case "snapshot" -> new SnapshotCommand();
      case "profile" -> new ProfileCommand();
      case "working" -> new WorkingCommand();
      case "goal" -> new GoalCommand();
      case "context" -> new ContextCommand();
      case "audit" -> new AuditCommand();
      case "backup" -> new BackupCommand();
      case "export" -> new ExportCommand();
      case "import" -> new ImportCommand();
      case "mcp" -> new McpCommand();
      case "reindex" -> new ReindexCommand();
      case "serve" -> new ServeCommand();
      case "version" -> new VersionCommand();
      case "completion" -> new CompletionCommand();
      case "help" -> new CommandLine.HelpCommand();
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** Global options that take a value in the next argument. */
  private static final Set<String> OPTIONS_WITH_VALUE =
      Set.of("--store", "--url", "--api-key", "-n", "--namespace");

  @Option(
      names = "--store",
      paramLabel = "URI",
      scope = ScopeType.INHERIT,
      description =
          "Local store: sqlite:PATH, json:DIR or mem:.%nDefault: $MEMKIT_STORE, else%n"
              + DEFAULT_STORE)
  String store;

  @Option(
      names = "--url",
      paramLabel = "URL",
      scope = ScopeType.INHERIT,
      description =
          "Talk to a memkit server at URL through its /v1 API instead of a local store. Default: $MEMKIT_URL.")
  String url;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      scope = ScopeType.INHERIT,
      description = "API key for --url, sent as a bearer token. Default: $MEMKIT_API_KEY.")
  String apiKey;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      scope = ScopeType.INHERIT,
      description =
          "Namespace to act on. Default: $MEMKIT_NAMESPACE, else 'default' "
              + "(remotely: the API key's own namespace).")
  String namespace;

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Print one JSON document (the records' JSON form) instead of text.")
  boolean json;

  private final Map<String, String> environment;
  private final InputStream stdin;
  private final Function<String, Memkit> opener; // null: Memkit.open
  private final boolean ownsStore;
  private Backend backend;

  /** A command line reading the process's environment and standard input. */
  public MemkitCli() {
    this(System.getenv(), System.in);
  }

  /**
   * A command line with its own environment (for the {@code MEMKIT_*} defaults) and standard input
   * (for {@code -} arguments); stores are opened with {@link Memkit#open(String, MemkitOptions)}.
   */
  public MemkitCli(Map<String, String> environment, InputStream stdin) {
    this(environment, stdin, null, true);
  }

  /**
   * A command line whose local stores are opened by {@code opener} (given the URI); when {@code
   * ownsStore} is false they are left open after each command, so one in-memory store can serve
   * several commands.
   */
  MemkitCli(
      Map<String, String> environment,
      InputStream stdin,
      Function<String, Memkit> opener,
      boolean ownsStore) {
    this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    this.stdin = Objects.requireNonNull(stdin, "stdin");
    this.opener = opener;
    this.ownsStore = ownsStore;
  }

  /** Runs {@code memkit} with {@code args} and exits with its exit code. */
  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(
            new BufferedWriter(
                new OutputStreamWriter(
                    new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8)));
    PrintWriter err =
        new PrintWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8),
            true);
    CommandLine cmd = new MemkitCli().commandLine(commandNamed(args));
    cmd.setOut(out);
    cmd.setErr(err);
    int code = cmd.execute(args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * This command line as a configured picocli {@link CommandLine}: {@code execute(args)} runs a
   * command, prints errors as one line on its error writer and returns the exit code.
   */
  public CommandLine commandLine() {
    return commandLine(Optional.empty());
  }

  /**
   * The command line with only the command {@code name} when present (the others are then unknown),
   * else with every command.
   */
  CommandLine commandLine(Optional<String> name) {
    CommandLine cmd = new CommandLine(this);
    if (name.isPresent()
        && COMMANDS.contains(name.get())
        && !name.get().equals("help")
        && !name.get().equals("completion")) {
      cmd.addSubcommand(name.get(), command(name.get()));
    } else {
      for (String n : COMMANDS) {
        cmd.addSubcommand(n, command(n));
      }
    }
    cmd.setExitCodeExceptionMapper(ExitCodes.mapper());
    cmd.setExecutionExceptionHandler(
        (failure, failed, parseResult) -> {
          failed.getErr().println("memkit: " + ExitCodes.message(failure));
          failed.getErr().flush();
          return ExitCodes.of(failure);
        });
    cmd.setParameterExceptionHandler(
        (failure, args) -> {
          CommandLine failed = failure.getCommandLine();
          String hint = "";
          if (failure instanceof CommandLine.UnmatchedArgumentException unmatched
              && !unmatched.getSuggestions().isEmpty()) {
            hint =
                "; did you mean "
                    + String.join(
                        " or ",
                        unmatched
                            .getSuggestions()
                            .subList(0, Math.min(3, unmatched.getSuggestions().size())))
                    + "?";
          }
          failed
              .getErr()
              .println(
                  "memkit: "
                      + ExitCodes.oneLine(String.valueOf(failure.getMessage()))
                      + hint
                      + " (see '"
                      + failed.getCommandSpec().qualifiedName()
                      + " --help')");
          failed.getErr().flush();
          return ExitCodes.USAGE;
        });
    cmd.setExecutionStrategy(
        parseResult -> {
          try {
            return new CommandLine.RunLast().execute(parseResult);
          } finally {
            parseResult.commandSpec().commandLine().getOut().flush();
            closeBackend();
          }
        });
    describe(cmd);
    return cmd;
  }

  /**
   * The command {@code args} run, if they name one: the first argument that is neither an option
   * nor the value of a global option.
   */
  static Optional<String> commandNamed(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (OPTIONS_WITH_VALUE.contains(arg)) {
        i++;
      } else if (!arg.startsWith("-")) {
        return COMMANDS.contains(arg) ? Optional.of(arg) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Adds the exit codes and environment variables to the help of every command. */
  private static void describe(CommandLine cmd) {
    CommandSpec spec = cmd.getCommandSpec();
    Map<String, String> codes = new LinkedHashMap<>();
    for (String line : ExitCodes.HELP) {
      int colon = line.indexOf(':');
      codes.put(line.substring(0, colon), line.substring(colon + 1));
    }
    spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
    if (spec.parent() == null) {
      spec.usageMessage()
          .footerHeading("%nEnvironment:%n")
          .footer(
              "  MEMKIT_STORE      default of --store",
              "  MEMKIT_URL        default of --url (used unless --store is given)",
              "  MEMKIT_API_KEY    default of --api-key",
              "  MEMKIT_NAMESPACE  default of --namespace",
              "  MEMKIT_TOKENIZER  context token counter: o200k_base (default), cl100k_base",
              "  MEMKIT_MCP_TOOLS  the tools 'memkit mcp' serves (default: the standard ones)",
              "  MEMKIT_EMBEDDER   embedding model for hybrid search: all-minilm-l6-v2-q (default), none",
              "See docs/cli.md for every command with examples.");
    }
    for (CommandLine sub : cmd.getSubcommands().values()) {
      describe(sub);
    }
  }

  /** Whether {@code --json} was given. */
  boolean json() {
    return json;
  }

  /** The standard input {@code -} arguments read. */
  InputStream stdin() {
    return stdin;
  }

  /** The backend of this invocation: local or remote, created at first use. */
  Backend backend() {
    return backend(false);
  }

  /**
   * The backend of this invocation; a local store loads the embedding model only when {@code
   * meaning}.
   */
  Backend backend(boolean meaning) {
    if (backend == null) {
      backend = createBackend(meaning);
    }
    return backend;
  }

  private Backend createBackend(boolean meaning) {
    String ns = namespace != null ? namespace : env("MEMKIT_NAMESPACE");
    if (ns != null) {
      Namespace.of(ns);
    }
    if (store != null && url != null) {
      throw new UsageException(
          "--store and --url cannot be used together: --store is a local store, --url a server");
    }
    String remote = store != null ? null : url != null ? url : env("MEMKIT_URL");
    if (remote != null) {
      return new RemoteBackend(
          remote,
          Optional.ofNullable(apiKey != null ? apiKey : env("MEMKIT_API_KEY")),
          Optional.ofNullable(ns));
    }
    String uri =
        store != null ? store : env("MEMKIT_STORE") != null ? env("MEMKIT_STORE") : DEFAULT_STORE;
    Namespace namespace = Namespace.of(ns != null ? ns : Namespace.DEFAULT.value());
    Map<String, String> env = environment;
    if (!meaning) {
      env = new java.util.HashMap<>(environment);
      env.put("MEMKIT_EMBEDDER", "none");
    }
    return new LocalBackend(new StoreOpener(opener, uri, env), namespace, ownsStore);
  }

  /**
   * Opens the store at first use (a named class rather than a lambda: one bootstrap less at start).
   */
  private static final class StoreOpener implements Supplier<Memkit> {
    private final Function<String, Memkit> opener;
    private final String uri;
    private final Map<String, String> environment;

    StoreOpener(Function<String, Memkit> opener, String uri, Map<String, String> environment) {
      this.opener = opener;
      this.uri = uri;
      this.environment = environment;
    }

    @Override
    public Memkit get() {
      return opener != null
          ? opener.apply(uri)
          : Memkit.open(uri, MemkitOptions.defaults().withEnvironment(environment));
    }
  }

  /** The environment variable {@code name}, or null when unset or blank. */
  String env(String name) {
    String value = environment.get(name);
    return value == null || value.isBlank() ? null : value;
  }

  private void closeBackend() {
    if (backend != null) {
      try {
        backend.close();
      } finally {
        backend = null;
      }
    }
  }
}
