package io.scimitar.assignment.events;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.assignment.support.Api;
import io.scimitar.assignment.support.EventTap;
import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.events.UserDeletedEvent;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.PostgresResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.scimitar.assignment.support.EventTap.about;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
class UserEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void publishesADirectAssignmentWithItsRoleAndAnUnassignmentAsAssignedFalse() {
        try (EventTap tap = EventTap.open()) {
            String app = Api.createApplication("Miro");
            String user = Api.createUser("ada");
            String admin = Api.roleId(app, "Admin");
            String assignment = Api.assign(app, user, admin);

            UserAssignmentEvent assigned = (UserAssignmentEvent) tap.await(about(app, user), 1, WAIT).get(0);
            assertThat(assigned.assigned()).isTrue();
            assertThat(assigned.cause()).isEqualTo("ASSIGNMENT_ADDED");
            assertThat(assigned.user().department()).isEqualTo("R&D");
            assertThat(assigned.roles()).singleElement().satisfies(role -> {
                assertThat(role.value()).isEqualTo("Admin");
                assertThat(role.appRoleId()).isEqualTo(admin);
                assertThat(role.assignmentId()).isEqualTo(assignment);
                assertThat(role.viaGroupId()).isNull();
            });

            Api.unassign(app, assignment);
            UserAssignmentEvent unassigned = (UserAssignmentEvent) tap.await(about(app, user), 2, WAIT).get(1);
            assertThat(unassigned.assigned()).isFalse();
            assertThat(unassigned.roles()).isEmpty();
            assertThat(unassigned.objectVersion()).isGreaterThan(assigned.objectVersion());
        }
    }

    @Test
    void publishesAnAttributeChangeToEachOfThreeApplicationsTheUserIsAssignedTo() {
        try (EventTap tap = EventTap.open()) {
            List<String> apps = List.of(Api.createApplication("A"), Api.createApplication("B"),
                    Api.createApplication("C"));
            String bystander = Api.createApplication("Not assigned");
            String user = Api.createUser("grace");
            apps.forEach(app -> Api.assign(app, user));
            apps.forEach(app -> tap.await(about(app, user), 1, WAIT));

            Api.patchUser(user, Map.of("jobTitle", "Rear Admiral")).statusCode(200);

            for (String app : apps) {
                UserAssignmentEvent changed = (UserAssignmentEvent) tap.await(about(app, user), 2, WAIT).get(1);
                assertThat(changed.cause()).isEqualTo("USER_UPDATED");
                assertThat(changed.user().jobTitle()).isEqualTo("Rear Admiral");
                assertThat(changed.assigned()).isTrue();
            }
            assertThat(tap.settle(about(bystander, user), Duration.ofMillis(500))).isEmpty();
        }
    }

    @Test
    void publishesUnassignedUsersToApplicationsThatSyncEveryone() {
        try (EventTap tap = EventTap.open()) {
            String syncAll = Api.createApplication("Sync all", true);
            try {
                String user = Api.createUser("linus");
                UserAssignmentEvent created = (UserAssignmentEvent) tap.await(about(syncAll, user), 1, WAIT).get(0);
                assertThat(created.assigned()).isFalse();
                assertThat(created.cause()).isEqualTo("USER_CREATED");
                assertThat(created.user().userPrincipalName()).startsWith("linus-");
            } finally {
                given().delete("/api/v1/applications/" + syncAll).then().statusCode(204);
            }
        }
    }

    @Test
    void publishesDisabledSoftDeletedRestoredAndHardDeletedStatesWithGrowingVersions() {
        try (EventTap tap = EventTap.open()) {
            String app = Api.createApplication("Lifecycle");
            String user = Api.createUser("margaret");
            Api.assign(app, user);
            Api.patchUser(user, Map.of("accountEnabled", false)).statusCode(200);
            given().delete("/api/v1/users/" + user).then().statusCode(204);
            given().post("/api/v1/users/" + user + "/restore").then().statusCode(200);
            given().queryParam("permanent", true).delete("/api/v1/users/" + user).then().statusCode(204);

            List<AssignmentEvent> events = tap.await(about(app, user), 5, WAIT);
            assertThat(events).extracting(AssignmentEvent::objectVersion).isSorted().doesNotHaveDuplicates();
            UserAssignmentEvent disabled = (UserAssignmentEvent) events.get(1);
            assertThat(disabled.user().accountEnabled()).isFalse();
            assertThat(disabled.shouldBeActive()).isFalse();
            UserAssignmentEvent softDeleted = (UserAssignmentEvent) events.get(2);
            assertThat(softDeleted.softDeleted()).isTrue();
            assertThat(softDeleted.user().deletedDateTime()).isNotNull();
            UserAssignmentEvent restored = (UserAssignmentEvent) events.get(3);
            assertThat(restored.softDeleted()).isFalse();
            assertThat(restored.assigned()).isTrue();
            assertThat(events.get(4)).isInstanceOfSatisfying(UserDeletedEvent.class,
                    deleted -> assertThat(deleted.userPrincipalName()).startsWith("margaret-"));
        }
    }

    @Test
    void republishesTheReportsOfAHardDeletedManager() {
        try (EventTap tap = EventTap.open()) {
            String app = Api.createApplication("Managers");
            String manager = Api.createUser("manager");
            String report = Api.createUser("report", Map.of("managerId", manager));
            Api.assign(app, report);
            tap.await(about(app, report), 1, WAIT);

            given().queryParam("permanent", true).delete("/api/v1/users/" + manager).then().statusCode(204);

            UserAssignmentEvent after = (UserAssignmentEvent) tap.await(about(app, report), 2, WAIT).get(1);
            assertThat(after.cause()).isEqualTo("MANAGER_DELETED");
            assertThat(after.user().managerId()).isNull();
        }
    }
}
