package io.scimitar.provisioner.thirdparty;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.UserDeletedEvent;
import io.scimitar.events.UserSnapshot;
import io.scimitar.provisioner.thirdparty.ThirdPartyScimServer.ReceivedRequest;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntSupplier;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assignedGroup;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.disabled;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.membersAdded;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.renamed;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.unassigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The third-party SCIM 2.0 server loses all its data ({@link ThirdPartyScimServer#wipe()}): the next change of each
 * object creates it again at once, with its members; a full restart sends exactly one write per object in scope: one
 * POST each, every user's before any group's, and each group's with its members in it.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class ThirdPartyScimRecoveryTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static ThirdPartyScimServer server;

    @BeforeAll
    static void startServer() {
        server = ThirdPartyScimServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aWipedTargetGetsEachObjectBackWithItsMembersAtItsNextChange() {
        String app = newApplication();
        genericJob(app);
        UserSnapshot ann = uniqueUser("Ann", "D'Arcy", "Perdu");
        UserSnapshot bob = uniqueUser("Bob", "Østergård", "Perdu");
        UserSnapshot cid = uniqueUser("Cid", "Lost", "Perdu");
        String groupId = UUID.randomUUID().toString();
        String name = "Équipe perdue " + groupId.substring(0, 8);
        publish(assigned(app, ann, 1), assigned(app, bob, 1), assigned(app, cid, 1), assignedGroup(app, groupId,
                name, 1), membersAdded(app, groupId, 2, ann.id(), bob.id()));
        await().atMost(WAIT).until(() -> memberIds(server.group(name)).size() == 2 && user(cid) != null);
        awaitQuiet();

        server.wipe();
        server.clearRequests();
        String renamed = "Équipe retrouvée " + groupId.substring(0, 8);
        publish(assigned(app, renamed(ann, "Ann", "Back"), 2), assignedGroup(app, groupId, renamed, 3));

        await().atMost(WAIT).until(() -> user(ann) != null && server.group(renamed) != null
                && memberIds(server.group(renamed)).contains(user(ann).path("id").asText()));
        assertThat(user(ann).path("name").path("familyName").asText()).isEqualTo("Back");
        // Bob is a member too: his target user comes back with his next change, and joins the group then
        publish(assigned(app, renamed(bob, "Bob", "Back"), 2));
        await().atMost(WAIT).until(() -> user(bob) != null
                && memberIds(server.group(renamed)).contains(user(bob).path("id").asText()));
        awaitQuiet();

        assertThat(server.users()).extracting(u -> u.path("userName").asText().toLowerCase())
                .containsExactlyInAnyOrder(ann.userPrincipalName(), bob.userPrincipalName());
        assertThat(server.groups()).singleElement()
                .satisfies(group -> assertThat(group.path("displayName").asText()).isEqualTo(renamed));
        assertThat(memberIds(server.group(renamed))).containsExactlyInAnyOrder(user(ann).path("id").asText(),
                user(bob).path("id").asText());
        assertThat(posts("/Users")).hasSize(2);
        assertThat(posts("/Groups")).hasSize(1);
        assertThat(server.requests()).filteredOn(request -> request.status() >= 400 && request.status() != 404)
                .as("requests refused, other than those that found the lost objects gone").isEmpty();
    }

    /**
     * Both groups' events are on partitions before every member's, so a restart applying the view partition by
     * partition would create them before their members' users and add the members by PATCH afterwards.
     */
    @Test
    void aFullRestartOntoTheWipedTargetSendsExactlyOneWritePerObjectInScope() {
        assertThat(KeyPartitions.count()).as("partitions of the assignment topic").isGreaterThanOrEqualTo(3);
        String app = newApplication();
        String job = genericJob(app);
        UserSnapshot one = KeyPartitions.userOn(app, p -> p >= 2, "One", "Start");
        UserSnapshot three = KeyPartitions.userOn(app, p -> p >= 2 && p != KeyPartitions.of(app, one.id()), "Three",
                "Start");
        UserSnapshot seven = KeyPartitions.userOn(app, p -> p >= 2, "Seven", "Start");
        UserSnapshot two = uniqueUser("Two", "Start", "H");
        UserSnapshot four = uniqueUser("Four", "Start", "H");
        UserSnapshot five = uniqueUser("Five", "Start", "H");
        UserSnapshot six = uniqueUser("Six", "Never", "H");
        String groupId = KeyPartitions.groupOn(app, p -> p == 0);
        String otherGroupId = KeyPartitions.groupOn(app, p -> p == 1);
        String oldName = "Ancien nom " + groupId.substring(0, 8);
        String newName = "Nouveau nom " + groupId.substring(0, 8);
        String otherName = "Autre équipe " + otherGroupId.substring(0, 8);
        List<AssignmentEvent> history = new ArrayList<>();
        history.add(assigned(app, one, 1));
        for (int v = 2; v <= 5; v++) {
            history.add(assigned(app, renamed(one, "One", "Version" + v), v));
        }
        history.add(assigned(app, two, 1));
        history.add(assigned(app, renamed(two, "Two", "Renamed"), 2));
        history.add(unassigned(app, renamed(two, "Two", "Renamed"), 3));
        history.add(assigned(app, three, 1));
        history.add(assigned(app, disabled(three), 2));
        history.add(assigned(app, three, 3));
        history.add(assigned(app, renamed(three, "Three", "Final"), 4));
        history.add(assigned(app, four, 1));
        history.add(unassigned(app, four, 2));
        history.add(UserDeletedEvent.of(UUID.randomUUID(), Instant.now(), app, four.id(), 3,
                four.userPrincipalName()));
        history.add(assigned(app, five, 1));
        history.add(assigned(app, renamed(five, "Five", "Renamed"), 2));
        history.add(UserDeletedEvent.of(UUID.randomUUID(), Instant.now(), app, five.id(), 3,
                five.userPrincipalName()));
        history.add(unassigned(app, six, 1));
        history.add(assigned(app, seven, 1));
        history.add(assignedGroup(app, groupId, oldName, 1));
        history.add(membersAdded(app, groupId, 2, one.id(), three.id()));
        history.add(assignedGroup(app, groupId, newName, 3));
        history.add(assignedGroup(app, otherGroupId, otherName, 1));
        history.add(membersAdded(app, otherGroupId, 2, three.id(), seven.id()));
        publish(history.toArray(AssignmentEvent[]::new));
        await().atMost(WAIT).until(() -> user(two) != null && !user(two).path("active").asBoolean()
                && user(four) == null && user(five) == null && server.group(newName) != null
                && memberIds(server.group(newName)).size() == 2 && server.group(otherName) != null
                && memberIds(server.group(otherName)).size() == 2);
        awaitQuiet();

        server.wipe();
        server.clearRequests();
        asAdmin().contentType(ContentType.JSON).body(Map.of("full", true)).post("/api/v1/jobs/" + job + "/restart")
                .then().statusCode(200);

        await().atMost(WAIT).until(() -> user(one) != null && user(three) != null && user(seven) != null
                && memberIds(server.group(newName)).size() == 2 && memberIds(server.group(otherName)).size() == 2);
        awaitQuiet();

        List<ReceivedRequest> writes = server.requests().stream().filter(request -> !request.method().equals("GET"))
                .toList();
        assertThat(posts("/Users")).as("one POST per user in scope").extracting(post -> post.json()
                .path("displayName").asText()).containsExactlyInAnyOrder("One Version5", "Three Final", "Seven Start");
        assertThat(posts("/Groups")).as("one POST per group, with its members in it").hasSize(2);
        assertThat(postedMembers(newName)).containsExactlyInAnyOrder(id(one), id(three));
        assertThat(postedMembers(otherName)).containsExactlyInAnyOrder(id(three), id(seven));
        assertThat(writes).as("one write per object in scope: its POST, and no PATCH").hasSize(5)
                .allSatisfy(request -> {
                    assertThat(request.method()).isEqualTo("POST");
                    assertThat(request.status()).isLessThan(300);
                });
        assertThat(memberIds(server.group(newName))).containsExactlyInAnyOrder(id(one), id(three));
        assertThat(memberIds(server.group(otherName))).containsExactlyInAnyOrder(id(three), id(seven));
        assertThat(user(one).path("active").asBoolean()).isTrue();
        assertThat(user(three).path("active").asBoolean()).isTrue();
        assertThat(user(seven).path("active").asBoolean()).isTrue();
        assertThat(user(two)).as("unassigned, so not created again").isNull();
        assertThat(user(four)).isNull();
        assertThat(user(five)).isNull();
        assertThat(user(six)).isNull();
    }

    private static String genericJob(String app) {
        return createJob(Map.of("name", "Third party " + app, "applicationId", app, "profile", "GENERIC_SCIM",
                "tenantUrl", server.scimUrl(), "secretToken", ThirdPartyScimServer.TOKEN, "allowInsecureHttp", true,
                "status", "ON"));
    }

    private static JsonNode user(UserSnapshot user) {
        return server.user(user.userPrincipalName());
    }

    private static List<ReceivedRequest> posts(String path) {
        return server.requests().stream().filter(request -> request.method().equals("POST")
                && request.path().equals(path)).toList();
    }

    private static String id(UserSnapshot user) {
        return user(user).path("id").asText();
    }

    /** The members (target ids) the POST that created the group named so carried. */
    private static List<String> postedMembers(String displayName) {
        List<String> members = new ArrayList<>();
        posts("/Groups").stream().filter(post -> post.json().path("displayName").asText().equals(displayName))
                .forEach(post -> post.json().path("members").forEach(member -> members.add(member.path("value")
                        .asText())));
        return members;
    }

    private static List<String> memberIds(JsonNode group) {
        List<String> ids = new ArrayList<>();
        if (group != null) {
            group.path("members").forEach(member -> ids.add(member.path("value").asText()));
        }
        return ids;
    }

    /** Waits until the server has received no request for 3 s (a disable settles in the deletion guard first). */
    private static void awaitQuiet() {
        IntSupplier count = () -> server.requests().size();
        int[] last = {count.getAsInt()};
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(40)).until(() -> {
            int now = count.getAsInt();
            boolean same = now == last[0];
            last[0] = now;
            return same;
        });
    }
}
