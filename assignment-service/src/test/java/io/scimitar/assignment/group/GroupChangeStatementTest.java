package io.scimitar.assignment.group;

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
import io.scimitar.events.GroupAssignmentEvent;
import io.scimitar.events.UserAssignmentEvent;
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

/**
 * A group PATCH written in one statement publishes what the effective-state publisher publishes for the same group,
 * with the versions and ETags of the publisher's path; a change of securityEnabled still republishes the members.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
class GroupChangeStatementTest {

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
    void aPatchPublishesToEveryApplicationWhereTheGroupIsAssignedOrThatSyncsEveryoneAsThePublisherDoes() {
        String assigned = Api.createApplication("Group statement, assigned");
        String everyone = Api.createApplication("Group statement, everyone", true);
        String group = Api.createGroup("Group statement");
        Api.assign(assigned, group);
        Api.assign(assigned, group, Api.roleId(assigned, "Admin"));
        try (EventTap tap = EventTap.open(e -> e.objectId().equals(group))) {
            long version = patchGroup(group, Map.of("displayName", "Renamed group", "description", "One"))
                    .statusCode(200).extract().<Integer>path("version");
            patchGroup(group, Map.of("description", "Two")).statusCode(200);
            patchGroup(group, Map.of("description", "Three")).statusCode(200)
                    .body("version", equalTo((int) version + 2)).header("ETag", "\"" + (version + 2) + "\"");
            io.restassured.RestAssured.given().contentType("application/json")
                    .header("If-Match", "\"" + version + "\"").body(Map.of("description", "Stale"))
                    .patch("/api/v1/groups/" + group).then().statusCode(412);

            List<AssignmentEvent> published = tap.await(e -> isThree(e), 2, Duration.ofSeconds(30));
            List<String> expected = publishedByThePublisher(UUID.fromString(group));
            Map<String, ObjectNode> wanted = new TreeMap<>();
            expected.forEach(p -> wanted.put(key(p), normalized(p)));
            Map<String, ObjectNode> actual = new TreeMap<>();
            published.stream().filter(GroupChangeStatementTest::isThree)
                    .forEach(e -> actual.put(e.key(), normalized(AssignmentEventCodec.encodeToString(e))));
            assertThat(actual.keySet()).contains(assigned + "/" + group, everyone + "/" + group);
            assertThat(actual).isEqualTo(wanted);
            assertThat(actual.get(assigned + "/" + group).get("roles")).hasSize(2);
            assertThat(actual.get(everyone + "/" + group).get("assigned").asBoolean()).isFalse();
            List<Long> versions = published.stream().filter(GroupChangeStatementTest::isThree)
                    .map(AssignmentEvent::objectVersion).sorted().toList();
            assertThat(versions.get(versions.size() - 1) - versions.get(0)).isEqualTo(versions.size() - 1);
        }
        io.restassured.RestAssured.given().get("/api/v1/groups/" + group).then()
                .body("description", equalTo("Three")).body("displayName", equalTo("Renamed group"));
    }

    @Test
    void turningSecurityOffStillRepublishesTheMembers() {
        String app = Api.createApplication("Group statement, security");
        String user = Api.createUser("group-statement-member");
        String group = Api.createGroup("Group statement, security");
        Api.addMember(group, user);
        Api.assign(app, group);
        try (EventTap tap = EventTap.open(e -> e.objectId().equals(user))) {
            patchGroup(group, Map.of("securityEnabled", false)).statusCode(200);
            List<AssignmentEvent> events = tap.await(e -> e instanceof UserAssignmentEvent u && !u.assigned(), 1,
                    Duration.ofSeconds(30));
            assertThat(events).extracting(AssignmentEvent::key).contains(app + "/" + user);
        }
    }

    private static boolean isThree(AssignmentEvent e) {
        return e instanceof GroupAssignmentEvent g && "Three".equals(g.group().description());
    }

    private static io.restassured.response.ValidatableResponse patchGroup(String id, Map<String, Object> patch) {
        return io.restassured.RestAssured.given().contentType("application/json").body(patch)
                .patch("/api/v1/groups/" + id).then();
    }

    private List<String> publishedByThePublisher(UUID group) {
        try {
            transactions.inTransaction(tx -> {
                long before = tx.count("select coalesce(max(id), 0) from outbox");
                publisher.publishGroups(tx, List.of(group), Audience.allApplications(), "GROUP_UPDATED");
                throw new RolledBack(tx.list("select payload from outbox where id > $1 and event_key like $2"
                        + " order by id", r -> r.getString(0), before, "%/" + group));
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
