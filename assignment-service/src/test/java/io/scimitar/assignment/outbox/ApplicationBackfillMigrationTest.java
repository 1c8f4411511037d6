package io.scimitar.assignment.outbox;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.events.ApplicationEventCodec;
import io.scimitar.events.ApplicationStateEvent;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.PostgresResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The V6 migration announces every application that existed before the application topic: a database at V5 with two
 * applications gets one application.state event each in its outbox, for the application topic.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
class ApplicationBackfillMigrationTest {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    void enqueuesOneEventPerExistingApplication() throws SQLException {
        String database = "backfill_" + UUID.randomUUID().toString().replace("-", "");
        String url = jdbcUrl.substring(0, jdbcUrl.lastIndexOf('/') + 1) + database;
        execute(jdbcUrl, "create database " + database);
        try {
            Flyway.configure().dataSource(url, user, password).target("5").load().migrate();
            UUID kept = UUID.randomUUID();
            UUID older = UUID.randomUUID();
            try (Connection connection = DriverManager.getConnection(url, user, password);
                    Statement statement = connection.createStatement()) {
                for (UUID id : List.of(kept, older)) {
                    statement.execute("insert into application (id, display_name, created_date_time, "
                            + "modified_date_time) values ('" + id + "', 'App " + id + "', now(), now())");
                }
                // an id that already took versions (events of an object with the same id) keeps growing from there
                statement.execute("insert into object_version values ('" + older + "', 7)");
            }

            Flyway.configure().dataSource(url, user, password).load().migrate();

            List<ApplicationStateEvent> events = new ArrayList<>();
            try (Connection connection = DriverManager.getConnection(url, user, password);
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "select topic, event_key, event_type, payload from outbox order by id")) {
                while (rows.next()) {
                    assertThat(rows.getString("topic")).isEqualTo("applications");
                    ApplicationStateEvent event = (ApplicationStateEvent) ApplicationEventCodec.decode(
                            rows.getString("payload").getBytes(StandardCharsets.UTF_8));
                    assertThat(rows.getString("event_key")).isEqualTo(event.applicationId());
                    assertThat(rows.getString("event_type")).isEqualTo(event.type());
                    events.add(event);
                }
            }
            assertThat(events).extracting(ApplicationStateEvent::applicationId)
                    .containsExactlyInAnyOrder(kept.toString(), older.toString());
            assertThat(events).allSatisfy(event -> {
                assertThat(event.cause()).isEqualTo(ApplicationStateEvent.BACKFILL);
                assertThat(event.displayName()).isEqualTo("App " + event.applicationId());
            });
            assertThat(events).filteredOn(event -> event.applicationId().equals(older.toString()))
                    .singleElement().extracting(ApplicationStateEvent::version).isEqualTo(8L);
            assertThat(events).filteredOn(event -> event.applicationId().equals(kept.toString()))
                    .singleElement().extracting(ApplicationStateEvent::version).isEqualTo(1L);
        } finally {
            execute(jdbcUrl, "drop database if exists " + database + " with (force)");
        }
    }

    private void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
