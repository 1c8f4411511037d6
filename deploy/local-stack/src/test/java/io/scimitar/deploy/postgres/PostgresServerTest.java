package io.scimitar.deploy.postgres;

import io.scimitar.deploy.process.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresServerTest {

    @TempDir
    Path data;

    @Test
    void keepsDataBetweenRunsAndCreatesDatabasesOnce() throws Exception {
        int port = Ports.freePort();
        try (PostgresServer server = new PostgresServer(data, port, false)) {
            server.start(List.of("alpha"));
            execute(server.jdbcUrl("alpha"), "create table kept(v text); insert into kept values ('still here')");
        }
        assertThat(Ports.isListening(port)).isFalse();

        try (PostgresServer server = new PostgresServer(data, port, false)) {
            server.start(List.of("alpha", "beta"));
            assertThat(query(server.jdbcUrl("alpha"), "select v from kept")).isEqualTo("still here");
            assertThat(query(server.jdbcUrl("beta"), "select current_database()")).isEqualTo("beta");
        }
    }

    @Test
    void stopsAServerItsLauncherLeftBehind() {
        int port = Ports.freePort();
        PostgresServer abandoned = new PostgresServer(data, port, false);
        abandoned.start(List.of());
        assertThat(PostgresServer.stopOrphan(data, java.time.Duration.ofSeconds(30))).isTrue();
        assertThat(Ports.isListening(port)).isFalse();
        assertThat(PostgresServer.stopOrphan(data, java.time.Duration.ofSeconds(1))).isFalse();
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String query(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}
