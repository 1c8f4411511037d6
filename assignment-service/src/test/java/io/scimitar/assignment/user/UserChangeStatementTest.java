package io.scimitar.assignment.user;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.assignment.database.Transactions;
import io.scimitar.assignment.change.Audience;
import io.scimitar.assignment.events.EffectiveStatePublisher;
import io.scimitar.assignment.support.Api;
import io.scimitar.assignment.support.EventTap;
import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.AssignmentEventCodec;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** A PATCH written in one statement publishes what the effective-state publisher publishes for the same user. */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
class UserChangeStatementTest {

    private static final ObjectMapper EVENTS = AssignmentEventCodec.objectMapper();

    @Inject
    Transactions transactions;

    @Inject
    EffectiveStatePublisher publisher;

    /** The publisher's events, seen inside a transaction that is then rolled back. */
    private static final class RolledBack extends RuntimeException {
        final List<String> payloads;

        RolledBack(List<String> payloads) {
            super("rolled back on purpose", null, false, false);
            this.payloads = payloads;
        }
    }

    @Test
    void genericPlansHoldOnlyForTheTransactionThatAskedForThem() {
        for (int i = 0; i < 3; i++) {
            String inside = transactions.inTransaction(tx -> {
                tx.useGenericPlans();
                return tx.query("show plan_cache_mode").iterator().next().getString(0);
            });
            String next = transactions.inTransaction(tx -> tx.query("show plan_cache_mode").iterator().next()
                    .getString(0));
            assertThat(inside).isEqualTo("force_generic_plan");
            assertThat(next).as("the pooled connection's next transaction").isEqualTo("auto");
        }
    }

    @Test
    void aPatchPublishesToEveryApplicationWhereTheUserIsAssignedOrThatSyncsEveryoneAsThePublisherDoes() {
        String assigned = Api.createApplication("One statement, assigned");
        String everyone = Api.createApplication("One statement, everyone", true);
        String user = Api.createUser("one-statement", Map.of("businessPhones", List.of("+1 555 0100"),
                "extensionAttributes", Map.of("extension_app_level", 3)));
        String group = Api.createGroup("One statement");
        Api.addMember(group, user);
        Api.assign(assigned, group);
        Api.assign(assigned, user, Api.roleId(assigned, "Admin"));
        try (EventTap tap = EventTap.open(e -> e.objectId().equals(user))) {
            long version = Api.patchUser(user, Map.of("displayName", "Renamed", "city", "Oslo")).statusCode(200)
                    .extract().<Integer>path("version");
            Api.patchUser(user, Map.of("city", "Bergen")).statusCode(200);
            Api.patchUser(user, Map.of("city", "Paris")).statusCode(200).body("version", equalTo((int) version + 2))
                    .header("ETag", "\"" + (version + 2) + "\"");
            io.restassured.RestAssured.given().contentType("application/json")
                    .header("If-Match", "\"" + version + "\"").body(Map.of("city", "Stale"))
                    .patch("/api/v1/users/" + user).then().statusCode(412);

            List<AssignmentEvent> published = tap.await(e -> "Paris".equals(
                    ((io.scimitar.events.UserAssignmentEvent) e).user().city()), 2, Duration.ofSeconds(30));
            List<String> expected = publishedByThePublisher(UUID.fromString(user));
            Map<String, ObjectNode> wanted = new TreeMap<>();
            expected.forEach(p -> wanted.put(key(p), normalized(p)));
            Map<String, ObjectNode> actual = new TreeMap<>();
            published.stream().filter(e -> "Paris".equals(((io.scimitar.events.UserAssignmentEvent) e).user().city()))
                    .forEach(e -> actual.put(e.key(), normalized(AssignmentEventCodec.encodeToString(e))));
            assertThat(actual.keySet()).contains(assigned + "/" + user, everyone + "/" + user);
            assertThat(actual).isEqualTo(wanted);
            assertThat(actual.get(assigned + "/" + user).get("roles")).hasSize(2);
            List<Long> versions = published.stream().filter(e -> "Paris".equals(
                    ((io.scimitar.events.UserAssignmentEvent) e).user().city())).map(AssignmentEvent::objectVersion)
                    .sorted().toList();
            assertThat(versions.get(versions.size() - 1) - versions.get(0)).isEqualTo(versions.size() - 1);
        }
        io.restassured.RestAssured.given().get("/api/v1/users/" + user).then().body("city", equalTo("Paris"));
    }

    private List<String> publishedByThePublisher(UUID user) {
        try {
            transactions.inTransaction(tx -> {
                long before = tx.count("select coalesce(max(id), 0) from outbox");
                publisher.publishUsers(tx, List.of(user), Audience.allApplications(), "USER_UPDATED");
                throw new RolledBack(tx.list("select payload from outbox where id > $1 and event_key like $2"
                        + " order by id", r -> r.getString(0), before, "%/" + user));
            });
        } catch (RolledBack done) {
            return done.payloads;
        }
        throw new IllegalStateException("the publisher's transaction committed");
    }

    private static String key(String payload) {
        return AssignmentEventCodec.decode(payload.getBytes(StandardCharsets.UTF_8)).key();
    }

    /** Without the event id, time and version (the publisher's run came after the PATCH's). */
    private static ObjectNode normalized(String payload) {
        try {
            ObjectNode event = (ObjectNode) EVENTS.readTree(AssignmentEventCodec.encodeToString(
                    AssignmentEventCodec.decode(payload.getBytes(StandardCharsets.UTF_8))));
            event.remove(List.of("eventId", "occurredAt", "objectVersion"));
            return event;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
