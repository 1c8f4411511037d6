package io.scimitar.provisioner.thirdparty;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.events.GroupAssignmentEvent;
import io.scimitar.events.GroupDeletedEvent;
import io.scimitar.events.GroupSnapshot;
import io.scimitar.events.UserDeletedEvent;
import io.scimitar.events.UserSnapshot;
import io.scimitar.provisioner.log.ProvisioningLogRepository;
import io.scimitar.provisioner.pipeline.ProvisioningLogEntry;
import io.scimitar.provisioner.pipeline.ProvisioningStatus;
import io.scimitar.provisioner.thirdparty.ThirdPartyScimServer.ReceivedRequest;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assigned;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.assignedGroup;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.membersAdded;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.membersRemoved;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.publish;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.unassigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The generic SCIM profile through the whole pipeline (Kafka, PostgreSQL) against a third-party SCIM 2.0 server that
 * validates every request against the RFC schemas: matching, create, every mapped attribute change including clearing,
 * the enterprise extension, disable, re-enable, unassign, delete, groups and their members.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class ThirdPartyScimLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static final String[][] PEOPLE = {
            {"Zoé", "O'Brien"}, {"José", "Núñez"}, {"Chloé", "D'Artagnan"}, {"Björn", "Ångström"},
            {"Renée", "L'Écuyer"}, {"Ægir", "Søndergård"}, {"François", "Mötley"}, {"Siobhán", "Ó Súilleabháin"},
            {"Ana", "Çelik"}, {"Łukasz", "Wróbel"}, {"Hélène", "Dupré-Lefèvre"}, {"Jürgen", "Groß"},
            {"Noël", "N'Diaye"}, {"Inês", "Gonçalves"}, {"Dvořák", "Antonín"}, {"Maël", "Le Dréan"},
            {"Eoghan", "Mac Giolla Phádraig"}, {"Bénédicte", "d'Harcourt"}, {"Øyvind", "Kjærstad"},
            {"Mía", "Pérez"}, {"Ğökhan", "Yıldız"}, {"Anaïs", "Bréhat"}, {"Seán", "O'Connell"}, {"Åsa", "Öberg"},
            {"Raphaël", "Lefèbvre"}, {"Zuzana", "Šťastná"}, {"Ciarán", "Ó Dónaill"}, {"Ewa", "Żuławska"},
            {"Andrés", "Iñárritu"}, {"Mathilde", "L'Héritier"}};

    private static ThirdPartyScimServer server;

    @Inject
    ProvisioningLogRepository log;

    @BeforeAll
    static void startServer() {
        server = ThirdPartyScimServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void clearsAJobTitleSetToNullInTheTarget() {
        String app = newApplication();
        String job = genericJob(app, null);
        Person ada = new Person("Ada", "L'Estrange", "Data Engineer", "Ventes", "+33 6 11 22 33 44");
        publish(assigned(app, ada.snapshot(), 1));
        await().atMost(WAIT).until(() -> targetUser(ada) != null && targetUser(ada).has("title"));

        ada.title = null;
        publish(assigned(app, ada.snapshot(), 2));

        await().atMost(WAIT).until(() -> !targetUser(ada).has("title"));
        ProvisioningLogEntry update = awaitEntries(job, ada.id, 2).get(0);
        assertThat(update.status()).isEqualTo(ProvisioningStatus.SUCCESS);
        assertThat(update.modifiedProperties()).anySatisfy(property -> {
            assertThat(property.displayName()).isEqualTo("title");
            assertThat(property.oldValue()).isEqualTo("Data Engineer");
            assertThat(property.newValue()).isNull();
        });
        assertThat(patchesOf(targetUser(ada).path("id").asText())).last()
                .satisfies(patch -> assertThat(patch.json().path("Operations").toString())
                        .isEqualTo("[{\"op\":\"remove\",\"path\":\"title\"}]"));
    }

    @Test
    void keepsTheTargetValueWhenTheMappingSaysKeepAndSaysSoInTheLog() {
        String app = newApplication();
        String job = genericJob(app, "KEEP");
        Person ada = new Person("Ada", "Keep", "Data Engineer", "Ventes", null);
        publish(assigned(app, ada.snapshot(), 1));
        await().atMost(WAIT).until(() -> targetUser(ada) != null);

        ada.title = null;
        publish(assigned(app, ada.snapshot(), 2));

        ProvisioningLogEntry update = awaitEntries(job, ada.id, 2).get(0);
        assertThat(update.status()).isEqualTo(ProvisioningStatus.SKIPPED);
        assertThat(update.errorReason()).doesNotContain("in sync")
                .contains("keeps title = 'Data Engineer'").contains("whenEmpty KEEP");
        assertThat(targetUser(ada).path("title").asText()).isEqualTo("Data Engineer");
    }

    @Test
    void runsTheWholeLifecycleOfThirtyPeopleAndThreeGroups() {
        List<Person> people = new ArrayList<>();
        for (String[] names : PEOPLE) {
            people.add(new Person(names[0], names[1], "Consultant", "Conseil", "+33 6 00 00 00 00"));
        }
        Person matched = people.get(0);
        String preExistingId = server.call("POST", "/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
                 "displayName":"Old Name","title":"Stagiaire"}""".formatted(matched.upn.toUpperCase()))
                .path("id").asText();
        String app = newApplication();
        String job = genericJob(app, null);
        server.clearRequests();

        people.forEach(person -> publish(assigned(app, person.snapshot(), 1)));
        List<TargetGroup> groups = List.of(new TargetGroup("Équipe d'été"), new TargetGroup("Ventes & Marketing"),
                new TargetGroup("Comité d'Œuvres"));
        for (int g = 0; g < groups.size(); g++) {
            TargetGroup group = groups.get(g);
            publish(assignedGroup(app, group.id, group.name, 1), membersAdded(app, group.id, 2,
                    people.subList(g * 10, g * 10 + 10).stream().map(person -> person.id).toArray(String[]::new)));
        }

        await().atMost(WAIT).until(() -> people.stream().allMatch(person -> targetUser(person) != null));
        assertThat(server.users()).filteredOn(user -> user.path("userName").asText().equalsIgnoreCase(matched.upn))
                .hasSize(1);
        JsonNode first = targetUser(matched);
        assertThat(first.path("id").asText()).isEqualTo(preExistingId);
        assertThat(first.path("displayName").asText()).isEqualTo("Zoé O'Brien");
        assertThat(first.path("title").asText()).isEqualTo("Consultant");
        JsonNode created = targetUser(people.get(7));
        assertThat(created.path("name").path("familyName").asText()).isEqualTo("Ó Súilleabháin");
        assertThat(created.path("name").path("formatted").asText()).isEqualTo("Siobhán Ó Súilleabháin");
        assertThat(created.path(ENTERPRISE).path("department").asText()).isEqualTo("Conseil");
        assertThat(created.path("externalId").asText()).isEqualTo(people.get(7).id);
        assertThat(created.path("active").asBoolean()).isTrue();
        for (int g = 0; g < groups.size(); g++) {
            List<Person> members = people.subList(g * 10, g * 10 + 10);
            String name = groups.get(g).name;
            await().atMost(WAIT).until(() -> memberIds(server.group(name)).size() == members.size());
            assertThat(memberIds(server.group(name)))
                    .containsExactlyInAnyOrderElementsOf(members.stream().map(this::targetId).toList());
        }

        Person renamed = people.get(1);
        renamed.surname = "Núñez-García";
        publish(assigned(app, renamed.snapshot(), 2));
        awaitUser(renamed, user -> user.path("name").path("familyName").asText().equals("Núñez-García")
                && user.path("displayName").asText().equals("José Núñez-García")
                && user.path("name").path("formatted").asText().equals("José Núñez-García")
                && user.path("name").path("givenName").asText().equals("José"));

        Person moved = people.get(2);
        moved.department = "Achats";
        moved.title = "Acheteuse";
        moved.mail = "chloe.achats@example.com";
        moved.language = "fr-FR";
        moved.mobile = "+33 7 99 88 77 66";
        publish(assigned(app, moved.snapshot(), 2));
        awaitUser(moved, user -> user.path(ENTERPRISE).path("department").asText().equals("Achats")
                && user.path("title").asText().equals("Acheteuse")
                && user.path("preferredLanguage").asText().equals("fr-FR")
                && workEmail(user).equals("chloe.achats@example.com")
                && mobile(user).equals("+33 7 99 88 77 66"));

        Person emptied = people.get(3);
        emptied.title = null;
        emptied.department = null;
        emptied.mobile = null;
        publish(assigned(app, emptied.snapshot(), 2));
        awaitUser(emptied, user -> !user.has("title") && !user.path(ENTERPRISE).has("department")
                && mobile(user).isEmpty());
        assertThat(targetUser(emptied).path("name").path("givenName").asText()).isEqualTo("Björn");

        Person disabled = people.get(4);
        disabled.enabled = false;
        publish(assigned(app, disabled.snapshot(), 2));
        awaitUser(disabled, user -> !user.path("active").asBoolean());
        disabled.enabled = true;
        publish(assigned(app, disabled.snapshot(), 3));
        awaitUser(disabled, user -> user.path("active").asBoolean());

        Person leaving = people.get(5);
        publish(unassigned(app, leaving.snapshot(), 2));
        awaitUser(leaving, user -> !user.path("active").asBoolean());

        Person deleted = people.get(6);
        publish(UserDeletedEvent.of(UUID.randomUUID(), Instant.now(), app, deleted.id, 2, deleted.upn));
        await().atMost(WAIT).until(() -> targetUser(deleted) == null);

        TargetGroup second = groups.get(1);
        publish(membersRemoved(app, second.id, 3, people.get(10).id), membersAdded(app, second.id, 4,
                people.get(8).id));
        await().atMost(WAIT).until(() -> {
            List<String> members = memberIds(server.group(second.name));
            return !members.contains(targetId(people.get(10))) && members.contains(targetId(people.get(8)));
        });

        TargetGroup third = groups.get(2);
        publish(GroupAssignmentEvent.of(UUID.randomUUID(), Instant.now(), app, 3, "TEST",
                new GroupSnapshot(third.id, "Comité d'Œuvres Sociales", null, null, true, Instant.now(),
                        Instant.now(), null), true, List.of(), false));
        await().atMost(WAIT).until(() -> server.group("Comité d'Œuvres Sociales") != null);
        TargetGroup first1 = groups.get(0);
        publish(GroupDeletedEvent.of(UUID.randomUUID(), Instant.now(), app, first1.id, 3, first1.name));
        await().atMost(WAIT).until(() -> server.group(first1.name) == null);

        List<ReceivedRequest> refused = server.requests().stream().filter(request -> request.status() >= 400)
                .toList();
        assertThat(refused).as("requests the third-party server refused").isEmpty();
        for (ReceivedRequest request : server.requests()) {
            if (request.method().equals("PATCH")) {
                for (JsonNode operation : request.json().path("Operations")) {
                    assertThat(operation.path("op").asText()).isIn("add", "replace", "remove");
                    if (!operation.has("path")) {
                        assertPathlessValueIsNested(operation.path("value"));
                    }
                }
            }
        }
        assertThat(job).isNotNull();
    }

    /** RFC 7644 §3.5.2.3: attributes as the resource holds them, never "name.familyName" or "urn:...:department". */
    private static void assertPathlessValueIsNested(JsonNode value) {
        for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.startsWith("urn:")) {
                assertThat(name).as("extension of a path-less value").isEqualTo(ENTERPRISE);
                assertThat(value.path(name).isObject()).isTrue();
            } else {
                assertThat(name).as("attribute of a path-less value").doesNotContain(".");
            }
        }
    }

    private String genericJob(String app, String titleWhenEmpty) {
        Map<String, Object> job = new HashMap<>(Map.of("name", "Third party " + app, "applicationId", app,
                "profile", "GENERIC_SCIM", "tenantUrl", server.scimUrl(), "secretToken",
                ThirdPartyScimServer.TOKEN, "allowInsecureHttp", true, "status", "ON"));
        if (titleWhenEmpty != null) {
            job.put("users", Map.of("enabled", true, "create", true, "update", true, "delete", true,
                    "mappings", List.of(
                            Map.of("type", "DIRECT", "source", "userPrincipalName", "target", "userName",
                                    "applyOn", "ALWAYS", "matching", true, "matchingPrecedence", 1),
                            Map.of("type", "DIRECT", "source", "displayName", "target", "displayName",
                                    "applyOn", "ALWAYS", "matching", false, "matchingPrecedence", 0),
                            Map.of("type", "DIRECT", "source", "jobTitle", "target", "title", "applyOn", "ALWAYS",
                                    "matching", false, "matchingPrecedence", 0, "whenEmpty", titleWhenEmpty))));
        }
        return createJob(job);
    }

    private List<ProvisioningLogEntry> awaitEntries(String job, String sourceId, int count) {
        UUID jobId = UUID.fromString(job);
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> log.forObject(jobId, sourceId).await().indefinitely(), entries -> entries.size() >= count);
    }

    private static List<ReceivedRequest> patchesOf(String userId) {
        return server.requests().stream()
                .filter(request -> request.method().equals("PATCH") && request.path().equals("/Users/" + userId))
                .toList();
    }

    private static void awaitUser(Person person, java.util.function.Predicate<JsonNode> condition) {
        await().atMost(WAIT).until(() -> targetUser(person), user -> user != null && condition.test(user));
    }

    private static JsonNode targetUser(Person person) {
        return server.user(person.upn);
    }

    private String targetId(Person person) {
        return targetUser(person).path("id").asText();
    }

    private static List<String> memberIds(JsonNode group) {
        List<String> ids = new ArrayList<>();
        if (group != null) {
            group.path("members").forEach(member -> ids.add(member.path("value").asText()));
        }
        return ids;
    }

    private static String workEmail(JsonNode user) {
        return element(user.path("emails"), "work", element -> element.path("value").asText());
    }

    private static String mobile(JsonNode user) {
        return element(user.path("phoneNumbers"), "mobile", element -> element.path("value").asText());
    }

    private static String element(JsonNode array, String type, Function<JsonNode, String> value) {
        for (JsonNode element : array) {
            if (type.equals(element.path("type").asText())) {
                return value.apply(element);
            }
        }
        return "";
    }

    /** A group of the directory, with a unique id and a name with accents and apostrophes. */
    private static final class TargetGroup {
        final String id = UUID.randomUUID().toString();
        final String name;

        TargetGroup(String name) {
            this.name = name + " " + id.substring(0, 6);
        }
    }

    /** A person of the directory whose attributes the test changes, then publishes as a new snapshot. */
    private static final class Person {
        final String id = UUID.randomUUID().toString();
        final String upn;
        final String givenName;
        String surname;
        String title;
        String department;
        String mobile;
        String mail;
        String language = "en-US";
        boolean enabled = true;

        Person(String givenName, String surname, String title, String department, String mobile) {
            this.givenName = givenName;
            this.surname = surname;
            this.title = title;
            this.department = department;
            this.mobile = mobile;
            String ascii = Normalizer.normalize(givenName + "." + surname, Normalizer.Form.NFD)
                    .replaceAll("\\p{M}", "").replace(' ', '-').toLowerCase();
            this.upn = ascii + ".lc-" + id.substring(0, 6) + "@example.com";
            this.mail = upn;
        }

        UserSnapshot snapshot() {
            return new UserSnapshot(id, upn, mail, upn.substring(0, upn.indexOf('@')), givenName, surname,
                    givenName + " " + surname, title, department, "Contoso", "E-" + id.substring(0, 8), "Employee",
                    "Paris", "Paris", "FR", "FR", mobile, List.of(), language, enabled, null, Map.of(), Instant.now(),
                    Instant.now(), null);
        }
    }
}
