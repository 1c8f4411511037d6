package io.scimitar.assignment.application;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.scimitar.assignment.support.Api;
import io.scimitar.assignment.support.EventTap;
import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.GroupAssignmentEvent;
import io.scimitar.events.GroupMembershipEvent;
import io.scimitar.events.MemberRef;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.PostgresResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.scimitar.assignment.support.EventTap.about;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
class ApplicationApiTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void everyApplicationHasDefaultAccessAndItsOwnRoles() {
        String app = Api.createApplication("Roles");
        given().get("/api/v1/applications/" + app).then().statusCode(200)
                .body("appRoles.displayName", hasItems("Default Access", "Administrator"))
                .body("appRoles.find { it.defaultAccess }.value", equalTo("User"));
        given().contentType(ContentType.JSON).body(Map.of("displayName", "Dup", "appRoles",
                        List.of(Map.of("value", "User", "displayName", "Shadow"))))
                .post("/api/v1/applications").then().statusCode(422)
                .body("errors[0].field", equalTo("appRoles[0].value"));
        given().contentType(ContentType.JSON).body(Map.of("value", "Admin", "displayName", "Again"))
                .post("/api/v1/applications/" + app + "/appRoles").then().statusCode(409);
    }

    @Test
    void renamingARoleRepublishesItsHolders() {
        try (EventTap tap = EventTap.open()) {
            String app = Api.createApplication("Renamed role");
            String admin = Api.roleId(app, "Admin");
            String user = Api.createUser("holder");
            Api.assign(app, user, admin);
            tap.await(about(app, user), 1, WAIT);

            given().contentType(ContentType.JSON).body(Map.of("value", "Owner"))
                    .patch("/api/v1/applications/" + app + "/appRoles/" + admin).then().statusCode(200);

            UserAssignmentEvent after = (UserAssignmentEvent) tap.await(about(app, user), 2, WAIT).get(1);
            assertThat(after.cause()).isEqualTo("APP_ROLE_UPDATED");
            assertThat(after.roles()).extracting(r -> r.value()).containsExactly("Owner");
            given().delete("/api/v1/applications/" + app + "/appRoles/" + admin).then().statusCode(409);
        }
    }

    @Test
    void assignedCountsCountEachUserInScopeOnceWhetherAssignedDirectlyOrThroughAGroup() {
        String app = Api.createApplication("Counted");
        String direct = Api.createUser("counted-direct");
        String both = Api.createUser("counted-both");
        String member = Api.createUser("counted-member");
        Api.createUser("counted-outsider");
        String group = Api.createGroup("Counted team");
        String unassignedGroup = Api.createGroup("Counted elsewhere");
        Api.addMember(group, both);
        Api.addMember(group, member);
        Api.addMember(unassignedGroup, Api.createUser("counted-elsewhere"));
        Api.assign(app, direct);
        Api.assign(app, both);
        Api.assign(app, group);

        given().get("/api/v1/applications/" + app + "/assignedCounts").then().statusCode(200)
                .body("applicationId", equalTo(app))
                .body("users", equalTo(3))
                .body("groups", equalTo(1))
                .body("publishUnassigned", equalTo(false))
                .body("countedAt", org.hamcrest.Matchers.notNullValue());
        long everyone = given().get("/api/v1/applications/" + app + "/assignedCounts").then().extract()
                .jsonPath().getLong("directoryUsers");
        assertThat(everyone).as("every user of the directory").isGreaterThanOrEqualTo(5);
    }

    @Test
    void assignedCountsOfAnUnknownApplicationIsAProblem() {
        given().get("/api/v1/applications/" + java.util.UUID.randomUUID() + "/assignedCounts").then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void resnapshotReEmitsTheCurrentStateOfEveryAssignedObject() {
        try (EventTap tap = EventTap.open()) {
            String app = Api.createApplication("Replay");
            String direct = Api.createUser("direct");
            String group = Api.createGroup("Replayed");
            String member = Api.createUser("member");
            String outsider = Api.createUser("outsider");
            Api.addMember(group, member);
            Api.assign(app, direct);
            Api.assign(app, group);
            tap.await(about(app, direct), 1, WAIT);
            tap.await(about(app, member), 1, WAIT);
            tap.await(about(app, group), 2, WAIT);

            given().post("/api/v1/applications/" + app + "/resnapshot").then().statusCode(200)
                    .body("users", equalTo(2)).body("groups", equalTo(1));

            for (String user : List.of(direct, member)) {
                UserAssignmentEvent event = (UserAssignmentEvent) tap.await(about(app, user), 2, WAIT).get(1);
                assertThat(event.cause()).isEqualTo("RESNAPSHOT");
                assertThat(event.assigned()).isTrue();
            }
            List<AssignmentEvent> groupEvents = tap.await(about(app, group), 4, WAIT);
            assertThat(groupEvents.get(2)).isInstanceOfSatisfying(GroupAssignmentEvent.class, g -> {
                assertThat(g.assigned()).isTrue();
                assertThat(g.cause()).isEqualTo("RESNAPSHOT");
            });
            assertThat(groupEvents.get(3)).isInstanceOfSatisfying(GroupMembershipEvent.class, snapshot -> {
                assertThat(snapshot.isSnapshot()).isTrue();
                assertThat(snapshot.added()).containsExactly(MemberRef.user(member));
            });
            assertThat(tap.settle(about(app, outsider), Duration.ofMillis(300))).isEmpty();
        }
    }
}
