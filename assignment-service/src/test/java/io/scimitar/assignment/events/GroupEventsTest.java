package io.scimitar.assignment.events;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.scimitar.assignment.support.Api;
import io.scimitar.assignment.support.EventTap;
import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.GroupAssignmentEvent;
import io.scimitar.events.GroupDeletedEvent;
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

@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
class GroupEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void assigningAGroupPublishesTheGroupItsMembersSnapshotAndEachMemberWithTheInheritedRole() {
        try (EventTap tap = EventTap.open()) {
            String app = Api.createApplication("Miro");
            String group = Api.createGroup("Design");
            String alice = Api.createUser("alice");
            String bob = Api.createUser("bob");
            String nested = Api.createGroup("Nested");
            String carol = Api.createUser("carol");
            Api.addMember(group, alice);
            Api.addMember(group, bob);
            Api.addMember(group, nested);
            Api.addMember(nested, carol);

            String assignment = Api.assign(app, group);

            List<AssignmentEvent> groupEvents = tap.await(about(app, group), 2, WAIT);
            assertThat(groupEvents.get(0)).isInstanceOfSatisfying(GroupAssignmentEvent.class, event -> {
                assertThat(event.assigned()).isTrue();
                assertThat(event.group().displayName()).isEqualTo("Design");
                assertThat(event.roles()).singleElement()
                        .satisfies(role -> assertThat(role.displayName()).isEqualTo("Default Access"));
            });
            assertThat(groupEvents.get(1)).isInstanceOfSatisfying(GroupMembershipEvent.class, snapshot -> {
                assertThat(snapshot.isSnapshot()).isTrue();
                assertThat(snapshot.snapshot().parts()).isEqualTo(1);
                assertThat(snapshot.added()).containsExactlyInAnyOrder(MemberRef.user(alice), MemberRef.user(bob),
                        MemberRef.group(nested));
            });
            for (String member : List.of(alice, bob)) {
                UserAssignmentEvent event = (UserAssignmentEvent) tap.await(about(app, member), 1, WAIT).get(0);
                assertThat(event.assigned()).isTrue();
                assertThat(event.cause()).isEqualTo("GROUP_ASSIGNMENT_ADDED");
                assertThat(event.roles()).singleElement().satisfies(role -> {
                    assertThat(role.viaGroupId()).isEqualTo(group);
                    assertThat(role.assignmentId()).isEqualTo(assignment);
                });
            }
            assertThat(tap.settle(about(app, carol), Duration.ofMillis(500)))
                    .as("nested groups are not expanded").isEmpty();
        }
    }

    @Test
    void aGroupGainingAndLosingAMemberPublishesTheUserAndADeltaToEveryApplicationItIsAssignedTo() {
        try (EventTap tap = EventTap.open()) {
            String first = Api.createApplication("First");
            String second = Api.createApplication("Second");
            String group = Api.createGroup("Engineering");
            Api.assign(first, group);
            Api.assign(second, group);
            String dave = Api.createUser("dave");
            for (String app : List.of(first, second)) {
                tap.await(about(app, group), 2, WAIT);
            }

            Api.addMember(group, dave);
            for (String app : List.of(first, second)) {
                UserAssignmentEvent joined = (UserAssignmentEvent) tap.await(about(app, dave), 1, WAIT).get(0);
                assertThat(joined.assigned()).isTrue();
                assertThat(joined.cause()).isEqualTo("GROUP_MEMBER_ADDED");
                GroupMembershipEvent delta = (GroupMembershipEvent) tap.await(about(app, group), 3, WAIT).get(2);
                assertThat(delta.isSnapshot()).isFalse();
                assertThat(delta.added()).containsExactly(MemberRef.user(dave));
                assertThat(delta.removed()).isEmpty();
            }

            Api.removeMember(group, dave);
            for (String app : List.of(first, second)) {
                UserAssignmentEvent left = (UserAssignmentEvent) tap.await(about(app, dave), 2, WAIT).get(1);
                assertThat(left.assigned()).isFalse();
                GroupMembershipEvent delta = (GroupMembershipEvent) tap.await(about(app, group), 4, WAIT).get(3);
                assertThat(delta.removed()).containsExactly(MemberRef.user(dave));
            }
        }
    }

    @Test
    void aUserKeepsAccessThroughADirectAssignmentWhenItsGroupIsUnassigned() {
        try (EventTap tap = EventTap.open()) {
            String app = Api.createApplication("Both ways");
            String group = Api.createGroup("Ops");
            String erin = Api.createUser("erin");
            Api.addMember(group, erin);
            String viaGroup = Api.assign(app, group);
            Api.assign(app, erin, Api.roleId(app, "Admin"));
            UserAssignmentEvent both = (UserAssignmentEvent) tap.await(about(app, erin), 2, WAIT).get(1);
            assertThat(both.roles()).extracting(r -> r.viaGroupId()).containsExactly(null, group);

            Api.unassign(app, viaGroup);

            UserAssignmentEvent direct = (UserAssignmentEvent) tap.await(about(app, erin), 3, WAIT).get(2);
            assertThat(direct.assigned()).isTrue();
            assertThat(direct.roles()).singleElement().satisfies(r -> {
                assertThat(r.viaGroupId()).isNull();
                assertThat(r.value()).isEqualTo("Admin");
            });
            GroupAssignmentEvent unassigned = (GroupAssignmentEvent) tap.await(
                    e -> e.objectId().equals(group) && e instanceof GroupAssignmentEvent
                            && e.applicationId().equals(app), 2, WAIT).get(1);
            assertThat(unassigned.assigned()).isFalse();
        }
    }

    @Test
    void deletingAnAssignedGroupPublishesItsDeletionAndItsMembersLosingAccess() {
        try (EventTap tap = EventTap.open()) {
            String app = Api.createApplication("Deletions");
            String parent = Api.createGroup("Parent");
            String group = Api.createGroup("Doomed");
            String frank = Api.createUser("frank");
            Api.addMember(group, frank);
            Api.addMember(parent, group);
            Api.assign(app, group);
            Api.assign(app, parent);
            tap.await(about(app, frank), 1, WAIT);

            given().queryParam("permanent", true).delete("/api/v1/groups/" + group).then().statusCode(204);

            UserAssignmentEvent lost = (UserAssignmentEvent) tap.await(about(app, frank), 2, WAIT).get(1);
            assertThat(lost.assigned()).isFalse();
            assertThat(lost.cause()).isEqualTo("GROUP_DELETED");
            List<AssignmentEvent> groupEvents = tap.await(about(app, group), 3, WAIT);
            assertThat(groupEvents.get(groupEvents.size() - 1)).isInstanceOfSatisfying(GroupDeletedEvent.class,
                    deleted -> assertThat(deleted.displayName()).isEqualTo("Doomed"));
            GroupMembershipEvent parentDelta = (GroupMembershipEvent) tap.await(
                    e -> about(app, parent).test(e) && e instanceof GroupMembershipEvent m && !m.isSnapshot(), 1,
                    WAIT).get(0);
            assertThat(parentDelta.removed()).containsExactly(MemberRef.group(group));
        }
    }

    @Test
    void aGroupAttributeChangeReachesEveryApplicationItIsAssignedTo() {
        try (EventTap tap = EventTap.open()) {
            String app = Api.createApplication("Renames");
            String group = Api.createGroup("Old name");
            Api.assign(app, group);
            tap.await(about(app, group), 2, WAIT);

            given().contentType(ContentType.JSON).body(Map.of("displayName", "New name"))
                    .patch("/api/v1/groups/" + group).then().statusCode(200);

            GroupAssignmentEvent renamed = (GroupAssignmentEvent) tap.await(about(app, group), 3, WAIT).get(2);
            assertThat(renamed.group().displayName()).isEqualTo("New name");
            assertThat(renamed.assigned()).isTrue();
            assertThat(renamed.cause()).isEqualTo("GROUP_UPDATED");
        }
    }

    @Test
    void rejectsDanglingMembersAndAssignmentsWithoutWritingAnything() {
        String app = Api.createApplication("Dangling");
        String group = Api.createGroup("Lonely");
        String ghost = "0b9f7c5e-1d2a-4c3b-9e8f-7a6b5c4d3e2f";
        given().contentType(ContentType.JSON).body(Map.of("id", ghost))
                .post("/api/v1/groups/" + group + "/members").then().statusCode(422)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("id"));
        given().contentType(ContentType.JSON).body(Map.of("principalId", ghost))
                .post("/api/v1/applications/" + app + "/appRoleAssignments").then().statusCode(422)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("principalId"));
        given().contentType(ContentType.JSON).body(Map.of("principalId", group, "appRoleId", ghost))
                .post("/api/v1/applications/" + app + "/appRoleAssignments").then().statusCode(422)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("appRoleId"));
        given().contentType(ContentType.JSON).body(Map.of("description", "no name"))
                .post("/api/v1/groups").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("displayName"));
        given().contentType(ContentType.JSON).body("{\"displayName\": \"x\", \"members\": []}")
                .post("/api/v1/groups").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("members"));
        given().get("/api/v1/groups/" + group + "/members").then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());
        given().get("/api/v1/applications/" + app + "/appRoleAssignments").then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());
    }
}
