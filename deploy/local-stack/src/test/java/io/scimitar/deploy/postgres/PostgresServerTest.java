package io.scimitar.deploy.postgres;

import io.scimitar.deploy.process.Ports;
import io.scimitar.deploy.process.RestartPolicy;
import io.scimitar.deploy.process.Supervisor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
    void countsStatementsWithTheirPlanningsWhenAsked() throws Exception {
        try (PostgresServer server = new PostgresServer(data, Ports.freePort(), false)) {
            server.countStatements();
            server.start(List.of("alpha"));
            execute(server.jdbcUrl("alpha"), "create extension pg_stat_statements; select 40 + 2");

            assertThat(query(server.jdbcUrl("alpha"), "select calls || '/' || plans from pg_stat_statements"
                    + " where query = 'select $1 + $2'")).isEqualTo("1/1");
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

    @Test
    void isRestartedBySupervisorAfterItsPostmasterIsKilled() throws Exception {
        int port = Ports.freePort();
        List<String> console = new CopyOnWriteArrayList<>();
        // durable: a committed row must survive the kill (without fsync it may not)
        try (PostgresServer server = new PostgresServer(data, port, true);
             Supervisor supervisor = new Supervisor(new RestartPolicy(Duration.ofMillis(200), Duration.ofSeconds(2), 5,
                     Duration.ofMinutes(1)), (component, message) -> console.add(component + ": " + message), () -> { })) {
            server.start(List.of("alpha"));
            execute(server.jdbcUrl("alpha"), "create table kept(v text); insert into kept values ('survives a kill')");
            long postmaster = postmasterPid();
            supervisor.watch(server);

            ProcessHandle.of(postmaster).orElseThrow().destroyForcibly();

            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                    postmasterPid() != postmaster && "survives a kill".equals(query(server.jdbcUrl("alpha"), "select v from kept")));
            assertThat(console).anySatisfy(line -> assertThat(line).startsWith("PostgreSQL: exited with an unknown exit code")
                    .contains(data.toString()));
            supervisor.hold(server);
        }
        assertThat(Ports.isListening(port)).isFalse();
    }

    private long postmasterPid() throws Exception {
        return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
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
