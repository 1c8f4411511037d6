package io.scimitar.assignment.events;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.assignment.support.Api;
import io.scimitar.assignment.support.EventTap;
import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.GroupAssignmentEvent;
import io.scimitar.events.GroupDeletedEvent;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.PostgresResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.scimitar.assignment.support.EventTap.about;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
class GroupSoftDeleteTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PROBLEM = "application/problem+json";

    @Test
    void softDeletingAGroupTakesItOutOfScopeAndRestoringItBringsItBack() {
        try (EventTap tap = EventTap.open()) {
            String app = Api.createApplication("Recycle bin");
            String group = Api.createGroup("Recyclable");
            String grace = Api.createUser("grace");
            Api.addMember(group, grace);
            Api.assign(app, group);
            UserAssignmentEvent inherited = (UserAssignmentEvent) tap.await(about(app, grace), 1, WAIT).get(0);
            assertThat(inherited.assigned()).isTrue();

            given().delete("/api/v1/groups/" + group).then().statusCode(204);

            UserAssignmentEvent lost = (UserAssignmentEvent) tap.await(about(app, grace), 2, WAIT).get(1);
            assertThat(lost.assigned()).isFalse();
            assertThat(lost.roles()).isEmpty();
            assertThat(lost.cause()).isEqualTo("GROUP_SOFT_DELETED");
            GroupAssignmentEvent softDeleted = lastGroupEvent(tap, app, group, 2);
            assertThat(softDeleted.softDeleted()).isTrue();
            assertThat(softDeleted.group().deletedDateTime()).isNotNull();
            assertThat(softDeleted.cause()).isEqualTo("GROUP_SOFT_DELETED");

            given().get("/api/v1/groups/" + group).then().statusCode(200).body("deletedDateTime", notNullValue());
            given().queryParam("limit", 1000).get("/api/v1/groups").then().statusCode(200)
                    .body("items.id", not(hasItem(group)));
            given().queryParam("deleted", true).queryParam("limit", 1000).get("/api/v1/groups").then()
                    .statusCode(200).body("items.id", hasItem(group));
            given().get("/api/v1/groups/" + group + "/members").then().statusCode(200)
                    .body("items.id", hasItem(grace));

            given().post("/api/v1/groups/" + group + "/restore").then().statusCode(200)
                    .body("deletedDateTime", nullValue()).body("id", equalTo(group));

            UserAssignmentEvent back = (UserAssignmentEvent) tap.await(about(app, grace), 3, WAIT).get(2);
            assertThat(back.assigned()).isTrue();
            assertThat(back.cause()).isEqualTo("GROUP_RESTORED");
            assertThat(back.roles()).singleElement().satisfies(r -> assertThat(r.viaGroupId()).isEqualTo(group));
            GroupAssignmentEvent restored = lastGroupEvent(tap, app, group, 3);
            assertThat(restored.softDeleted()).isFalse();
            assertThat(restored.assigned()).isTrue();
            assertThat(restored.group().deletedDateTime()).isNull();
        }
    }

    @Test
    void aPermanentDeleteOfASoftDeletedGroupPublishesItsDeletion() {
        try (EventTap tap = EventTap.open()) {
            String app = Api.createApplication("Shredder");
            String group = Api.createGroup("Shredded");
            Api.assign(app, group);
            tap.await(about(app, group), 1, WAIT);
            given().delete("/api/v1/groups/" + group).then().statusCode(204);
            assertThat(lastGroupEvent(tap, app, group, 2).softDeleted()).isTrue();

            given().queryParam("permanent", true).delete("/api/v1/groups/" + group).then().statusCode(204);

            List<AssignmentEvent> events = tap.await(e -> about(app, group).test(e) && e instanceof GroupDeletedEvent,
                    1, WAIT);
            assertThat(((GroupDeletedEvent) events.get(0)).displayName()).isEqualTo("Shredded");
            given().get("/api/v1/groups/" + group).then().statusCode(404).contentType(PROBLEM);
            given().post("/api/v1/groups/" + group + "/restore").then().statusCode(404).contentType(PROBLEM);
        }
    }

    @Test
    void deletingOrRestoringAnUnknownGroupIsAProblemAndPublishesNothing() {
        try (EventTap tap = EventTap.open()) {
            String unknown = UUID.randomUUID().toString();
            given().delete("/api/v1/groups/" + unknown).then().statusCode(404).contentType(PROBLEM);
            given().post("/api/v1/groups/" + unknown + "/restore").then().statusCode(404).contentType(PROBLEM);
            given().queryParam("permanent", true).delete("/api/v1/groups/" + unknown).then().statusCode(404)
                    .contentType(PROBLEM);
            assertThat(tap.settle(e -> e.objectId().equals(unknown), Duration.ofSeconds(2))).isEmpty();
        }
    }

    private static GroupAssignmentEvent lastGroupEvent(EventTap tap, String app, String group, int count) {
        List<AssignmentEvent> events = tap.await(e -> about(app, group).test(e) && e instanceof GroupAssignmentEvent,
                count, WAIT);
        return (GroupAssignmentEvent) events.get(count - 1);
    }
}
