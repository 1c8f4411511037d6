package io.scimitar.faulttests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.deploy.demo.DemoDirectory;
import io.scimitar.deploy.demo.DemoDirectoryGenerator;
import io.scimitar.deploy.demo.DemoLoader;
import io.scimitar.deploy.postgres.PostgresServer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14, the deprovisioning guarantee: an outbox row the broker refuses for good (here larger than the producer's
 * {@code max.request.size}) must not hold up the later changes of its object: disabling the user reaches Miro within
 * seconds, is published once (the relay used to keep the row behind the refused one and send it again every round,
 * forever), nothing of the user is left in the outbox, and the refused row waits among the dead letters for an admin.
 */
@ExtendWith(FaultStackExtension.class)
class DeprovisioningGuaranteeTest {

    private static final String TOPIC = "scimitar.assignment-events";
    private static final int DIRECTORY_USERS = 40;
    private static final Duration SYNC = Duration.ofMinutes(3);
    private static final Duration DISABLE_REACHES_MIRO = Duration.ofSeconds(30);
    /** Above the producer's default max.request.size of 1 MB. */
    private static final int UNPUBLISHABLE_BYTES = 1_200_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FaultStack stack;
    private DemoLoader.Loaded loaded;
    private Long plantedRow;

    DeprovisioningGuaranteeTest(FaultStack stack) {
        this.stack = stack;
    }

    @AfterEach
    void cleanUp() throws SQLException {
        stack.cleanUpAfter(loaded);
        if (plantedRow != null) {
            try (Connection db = assignments()) {
                delete(db, "delete from outbox where id = ?", plantedRow);
                delete(db, "delete from outbox_dead_letter where id = ?", plantedRow);
            }
        }
    }

    @Test
    void disablingAUserReachesMiroWithinSecondsDespiteAnUnpublishableRowForThatUser() throws SQLException {
        DemoDirectory demo = DemoDirectoryGenerator.generate(new DemoDirectoryGenerator.Shape(DIRECTORY_USERS, 1401,
                "deadletter.example.com", false));
        ExpectedMiro expected = ExpectedMiro.of(demo);
        stack.resetMiro();
        loaded = stack.load(demo, "Miro despite an unpublishable row");
        stack.awaitMiroUsersMatch(loaded, expected, SYNC);
        String userId = expected.userIds().stream().filter(expected::shouldBeActive).findFirst().orElseThrow();
        String userName = expected.person(userId).userName();

        String key = loaded.applicationId() + "/" + userId;
        try (Connection db = assignments()) {
            plantedRow = plantUnpublishableRow(db, key);
        }
        stack.directory().patch("/api/v1/users/" + userId, Map.of("accountEnabled", false));

        await().atMost(DISABLE_REACHES_MIRO).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(miroUser(userName).path("active").asBoolean(true)).as(userName + " active in Miro")
                        .isFalse());
        // nothing of the user is left waiting in the outbox (or sent again and again): the refused row is set aside
        await().atMost(DISABLE_REACHES_MIRO).untilAsserted(() -> assertThat(outboxRows(key)).isZero());
        JsonNode deadLetter = stack.directory().get("/api/v1/outbox/dead-letters/" + plantedRow);
        assertThat(deadLetter.path("eventKey").asText()).isEqualTo(key);
        assertThat(deadLetter.path("reason").asText()).startsWith("Too large to publish");
        assertThat(disabledSnapshotsPublished(key)).as("records of the disabled user on the topic").isEqualTo(1);
    }

    private long outboxRows(String key) throws SQLException {
        try (Connection db = assignments(); PreparedStatement count = db.prepareStatement(
                "select count(*) from outbox where event_key = ?")) {
            count.setString(1, key);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** Reads the whole assignment topic and counts the records of {@code key} that carry a disabled user. */
    private long disabledSnapshotsPublished(String key) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.processes().kafka().bootstrapServers(),
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(info -> new TopicPartition(TOPIC, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long count = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key()) && carriesADisabledUser(record.value())) {
                        count++;
                    }
                }
            }
            return count;
        }
    }

    /** Whether an event's JSON (written by the codec or built by PostgreSQL: its spacing may differ) has the user disabled. */
    private static boolean carriesADisabledUser(String event) {
        try {
            JsonNode enabled = JSON.readTree(event).findValue("accountEnabled");
            return enabled != null && enabled.isBoolean() && !enabled.asBoolean();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** An outbox row for the user, as if written by a change of it, that no broker will take. */
    private static long plantUnpublishableRow(Connection db, String key) throws SQLException {
        String payload = "{\"type\":\"user.assignment\",\"padding\":\"" + "x".repeat(UNPUBLISHABLE_BYTES) + "\"}";
        try (PreparedStatement insert = db.prepareStatement(
                "insert into outbox (event_key, event_type, payload) values (?, 'user.assignment', ?) returning id")) {
            insert.setString(1, key);
            insert.setString(2, payload);
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private JsonNode miroUser(String userName) {
        for (JsonNode user : stack.miroAdmin().get("/admin/state").path("users")) {
            if (user.path("userName").asText().equalsIgnoreCase(userName)) {
                return user;
            }
        }
        throw new AssertionError(userName + " is not in Miro");
    }

    private Connection assignments() throws SQLException {
        return DriverManager.getConnection(stack.processes().postgres().jdbcUrl("assignments"), PostgresServer.USER,
                PostgresServer.PASSWORD);
    }

    private static void delete(Connection db, String sql, long id) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setLong(1, id);
            statement.executeUpdate();
        }
    }
}
