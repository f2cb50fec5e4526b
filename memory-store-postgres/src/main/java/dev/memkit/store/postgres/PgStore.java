package dev.memkit.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.memkit.core.error.StoreUnavailableException;
import dev.memkit.core.model.StoreHealth;
import dev.memkit.core.port.out.Backups;
import dev.memkit.core.port.out.Observer;
import dev.memkit.core.port.out.Store;
import dev.memkit.core.port.out.StoreLocation;
import dev.memkit.core.port.out.StoreWork;
import dev.memkit.store.jdbc.ConcurrentChange;
import dev.memkit.store.jdbc.JdbcTransaction;
import dev.memkit.store.jdbc.Lifecycle;
import dev.memkit.store.jdbc.SqlConnection;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The PostgreSQL store: a pool of connections shared by every thread of the process; any number of
 * processes may use the same schema at once. A write is one transaction at {@code READ COMMITTED}
 * whose single-record reads lock their rows; a read is one {@code REPEATABLE READ, READ ONLY}
 * transaction, a consistent view. A unit of work that meets a transient failure (serialization
 * failure, deadlock, lost connection, server restarting, a key taken by a concurrent writer) is
 * rolled back and run again, at most {@code retries} times, then fails as "store unavailable". A
 * commit whose connection is lost is never repeated: its outcome is unknown, so it is reported as
 * unavailable rather than risk doing it twice.
 */
final class PgStore implements Store {
  private static final System.Logger LOG = System.getLogger(PgStore.class.getPackageName());

  /** How a unit of work's transaction is opened. */
  enum Mode {
    /** {@code REPEATABLE READ, READ ONLY}: one consistent view. */
    READ,
    /** {@code READ COMMITTED}, rows locked as they are read. */
    WRITE,
    /** {@code REPEATABLE READ}, writable: a consistent view that also writes (backups). */
    SNAPSHOT_WRITE
  }

  private final PgSettings settings;
  private final HikariDataSource pool;
  private final PgBackups backups;

  /**
   * The unit of work this store runs on the current thread, if any: a nested read or write joins
   * it.
   */
  private final ThreadLocal<JdbcTransaction> current = new ThreadLocal<>();

  private final Lifecycle lifecycle;

  private PgStore(PgSettings settings, HikariDataSource pool, Observer observer) {
    this.settings = settings;
    this.pool = pool;
    this.backups = new PgBackups(this, settings, observer);
    this.lifecycle = new Lifecycle(settings.description());
  }

  /** Opens the store at {@code location}, reporting to its observer. */
  static PgStore open(StoreLocation location) {
    return open(PgSettings.of(location), location.observer());
  }

  /**
   * Opens the pool and brings the schema up to date; the store tells {@code observer} of its
   * backups.
   */
  static PgStore open(PgSettings settings, Observer observer) {
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config(settings));
    } catch (HikariPool.PoolInitializationException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SQLException sql) {
        throw PgFailure.wrap(sql, "open it", settings.description());
      }
      throw new StoreUnavailableException(
          "cannot open " + settings.description() + ": " + e.getMessage(), e);
    }
    try (Connection c = pool.getConnection()) {
      Migrations.apply(c, settings);
    } catch (SQLException e) {
      pool.close();
      throw PgFailure.wrap(e, "bring its schema up to date", settings.description());
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return new PgStore(settings, pool, observer);
  }

  private static HikariConfig config(PgSettings s) {
    HikariConfig c = new HikariConfig();
    c.setPoolName("memkit " + s.description());
    c.setJdbcUrl(s.jdbcUrl());
    c.setUsername(s.user());
    s.password().ifPresent(c::setPassword);
    c.setAutoCommit(false);
    c.setMaximumPoolSize(s.poolSize());
    c.setMinimumIdle(s.minIdle());
    c.setConnectionTimeout(s.connectTimeoutMillis());
    c.setValidationTimeout(Math.max(250, Math.min(5_000, s.connectTimeoutMillis())));
    c.setIdleTimeout(s.idleTimeoutMillis());
    c.setMaxLifetime(s.maxLifetimeMillis());
    int connectSeconds = Math.max(1, s.connectTimeoutMillis() / 1000);
    c.addDataSourceProperty("connectTimeout", String.valueOf(connectSeconds));
    c.addDataSourceProperty("loginTimeout", String.valueOf(connectSeconds));
    c.addDataSourceProperty("tcpKeepAlive", "true");
    if (s.statementTimeoutMillis() > 0) {
      // a socket that stays silent well past the longest statement is a dead server
      c.addDataSourceProperty(
          "socketTimeout", String.valueOf(s.statementTimeoutMillis() / 1000 + 30));
    }
    c.addDataSourceProperty(
        "options",
        "-c search_path=" + s.schema() + " -c statement_timeout=" + s.statementTimeoutMillis());
    c.addDataSourceProperty(
        "ApplicationName", s.driverProperties().getOrDefault("application_name", "memkit"));
    s.driverProperties()
        .forEach(
            (name, value) -> {
              switch (name) {
                case "application_name" -> {}
                case "target_session_attrs" ->
                    c.addDataSourceProperty(
                        "targetServerType",
                        switch (value) {
                          case "read-write", "primary" -> "primary";
                          case "read-only", "standby" -> "secondary";
                          case "prefer-standby" -> "preferSecondary";
                          default -> "any";
                        });
                default -> c.addDataSourceProperty(name, value);
              }
            });
    return c;
  }

  @Override
  public <T> T read(StoreWork<T> work) {
    JdbcTransaction running = current.get();
    if (running != null) {
      return work.run(running);
    }
    lifecycle.ensureOpen();
    return run(work, Mode.READ);
  }

  @Override
  public <T> T write(StoreWork<T> work) {
    JdbcTransaction running = current.get();
    if (running != null) {
      if (!running.writable()) {
        throw new IllegalStateException("a read may not write");
      }
      return work.run(running);
    }
    lifecycle.ensureOpen();
    return run(work, Mode.WRITE);
  }

  /** Runs {@code work} in a transaction of {@code mode}, trying again after transient failures. */
  <T> T run(StoreWork<T> work, Mode mode) {
    for (int attempt = 1; ; attempt++) {
      try {
        return attempt(work, mode);
      } catch (Retry retry) {
        if (attempt > settings.retries()) {
          throw new StoreUnavailableException(
              settings.description()
                  + " kept failing after "
                  + attempt
                  + " attempts, nothing was changed: "
                  + retry.getCause().getMessage(),
              retry.getCause());
        }
        LOG.log(
            System.Logger.Level.DEBUG,
            "trying a unit of work again after: {0}",
            retry.getCause().getMessage());
        pause(attempt);
      }
    }
  }

  private <T> T attempt(StoreWork<T> work, Mode mode) throws Retry {
    Connection c;
    try {
      // the pool keeps trying to connect for connect_timeout: when it gives up, so do we
      c = pool.getConnection();
    } catch (SQLException e) {
      throw PgFailure.wrap(e, "get a connection", settings.description());
    }
    try (c) {
      if (mode != Mode.WRITE) {
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setReadOnly(mode == Mode.READ);
      }
      JdbcTransaction tx =
          new JdbcTransaction(
              SqlConnection.uncached(c, settings.description(), PgFailure::wrap),
              mode != Mode.READ,
              PostgresDialect.INSTANCE);
      T result;
      current.set(tx);
      try {
        result = work.run(tx);
      } catch (ConcurrentChange e) {
        rollback(c);
        throw new Retry(e);
      } catch (PgFailure.SqlFailed e) {
        rollback(c);
        if (PgFailure.isTransient(e.sql())) {
          throw new Retry(e);
        }
        throw e;
      } catch (RuntimeException | Error e) {
        rollback(c);
        throw e;
      } finally {
        current.remove();
        tx.end();
      }
      try {
        c.commit();
      } catch (SQLException e) {
        rollback(c);
        if (!PgFailure.connectionLost(e) && PgFailure.isTransient(e)) {
          throw new Retry(PgFailure.wrap(e, "commit", settings.description()));
        }
        throw PgFailure.wrap(
            e,
            "commit (the connection was lost, so whether the change was kept is unknown)",
            settings.description());
      }
      return result;
    } catch (SQLException e) {
      if (PgFailure.isTransient(e)) {
        throw new Retry(PgFailure.wrap(e, "set up a transaction", settings.description()));
      }
      throw PgFailure.wrap(e, "set up a transaction", settings.description());
    }
  }

  private static void rollback(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // a lost connection has rolled back already; the pool drops it
    }
  }

  /**
   * Backs off before attempt {@code attempt + 1}: exponential from 20 ms, at most a second,
   * jittered.
   */
  private static void pause(int attempt) {
    long base = Math.min(1_000L, 20L << Math.min(attempt - 1, 10));
    try {
      Thread.sleep(base / 2 + ThreadLocalRandom.current().nextLong(base));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException(
          "interrupted while waiting to try a unit of work again", e);
    }
  }

  /** A transient failure; the unit of work was rolled back and may run again. */
  private static final class Retry extends Exception {
    private static final long serialVersionUID = 1L;

    Retry(RuntimeException cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }

  /**
   * Whether a write would succeed now: {@code unavailable} when no connection can be had (the
   * server is down or unreachable) or the store is closed, {@code read-only} when the server is a
   * standby or its transactions are read-only by default, else writable.
   */
  @Override
  public StoreHealth health() {
    if (lifecycle.closed()) {
      return StoreHealth.failing(StoreHealth.Status.UNAVAILABLE, "the store is closed");
    }
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT pg_is_in_recovery(), current_setting('transaction_read_only')")) {
      r.next();
      boolean standby = r.getBoolean(1);
      boolean readOnly = "on".equals(r.getString(2));
      c.rollback();
      if (standby) {
        return StoreHealth.failing(
            StoreHealth.Status.READ_ONLY, "the PostgreSQL server is a standby (in recovery)");
      }
      if (readOnly) {
        return StoreHealth.failing(
            StoreHealth.Status.READ_ONLY,
            "PostgreSQL transactions are read-only (default_transaction_read_only)");
      }
      return StoreHealth.WRITABLE;
    } catch (SQLException e) {
      return StoreHealth.failing(
          StoreHealth.Status.UNAVAILABLE,
          "cannot reach PostgreSQL (SQLSTATE "
              + (e.getSQLState() == null ? "none" : e.getSQLState())
              + ")");
    }
  }

  @Override
  public Backups backups() {
    lifecycle.ensureOpen();
    return backups;
  }

  @Override
  public String description() {
    return settings.description();
  }

  @Override
  public synchronized void close() {
    if (lifecycle.close()) {
      pool.close();
    }
  }
}
