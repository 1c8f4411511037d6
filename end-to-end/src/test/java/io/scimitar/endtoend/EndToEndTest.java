package io.scimitar.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimitar.deploy.LocalStack;
import io.scimitar.deploy.StackSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole stack as processes (Kafka, PostgreSQL, the Miro mock, assignment-service, provisioner-service), driven
 * only through the public APIs. The expected Miro state is computed here from what the test did to the directory,
 * with Entra's rules (active = enabled and assigned directly or through an assigned group), not by the provisioner.
 */
class EndToEndTest {

    private static final Duration CONVERGE = Duration.ofSeconds(90);

    @TempDir
    static Path home;

    private static LocalStack stack;
    private static Http directory;
    private static Http provisioner;
    private static Http miro;
    private static Http miroAdmin;

    /** The test's own model of the directory: what Miro should show. */
    private final Map<String, Person> people = new LinkedHashMap<>();
    private final Set<String> directlyAssigned = new HashSet<>();
    private final Map<String, Set<String>> teamMembers = new HashMap<>();
    private final Map<String, String> directAssignmentIds = new HashMap<>();

    private record Person(String id, String userName, String displayName, String givenName, String surname,
            boolean enabled) {
    }

    @BeforeAll
    static void startTheStack() {
        Path root = Path.of(System.getProperty("scimitar.root", "..")).toAbsolutePath().normalize();
        StackSettings settings = StackSettings.onFreePorts(root, home, 1, 1);
        stack = new LocalStack(settings);
        stack.start((component, message) -> System.out.println(component + ": " + message));
        directory = new Http("http://127.0.0.1:" + settings.assignmentPort(), "X-API-Key", stack.apiKey());
        provisioner = new Http("http://127.0.0.1:" + settings.provisionerPort(), "X-API-Key", stack.apiKey());
        miro = new Http("http://127.0.0.1:" + settings.mockPort() + "/api/v1/scim", "Authorization",
                "Bearer " + stack.miroToken());
        miroAdmin = new Http("http://127.0.0.1:" + settings.mockPort(), null, null);
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    /**
     * The local stack runs the services with the JVM options of their container images (ContainerImagesTest checks
     * the images): the serial collector for both, the client compiler only for assignment-service.
     */
    @Test
    void runsTheServicesWithTheJvmOptionsOfTheirImages() {
        List<String> assignmentService = jvmArguments(LocalStack.ASSIGNMENT_SERVICE);
        List<String> provisionerService = jvmArguments(LocalStack.PROVISIONER_SERVICE);
        assertThat(assignmentService).contains("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        assertThat(provisionerService).contains("-XX:+UseSerialGC").doesNotContain("-XX:TieredStopAtLevel=1");
    }

    private static List<String> jvmArguments(String service) {
        ProcessHandle process = stack.serviceProcess(service).orElseThrow();
        return List.of(process.info().arguments().orElseThrow());
    }

    /**
     * The provisioner knows the directory's applications from the application topic: a job for an id the directory
     * never had is refused (422), one for a new application is accepted once it arrived, and deleting the application
     * marks the job.
     */
    @Test
    void aJobNeedsAnApplicationOfTheDirectory() {
        provisioner.post("/api/v1/jobs", jobFor(java.util.UUID.randomUUID().toString(), "Nowhere"), 422);
        String app = directory.post("/api/v1/applications", Map.of("displayName", "Known (end to end)",
                "publishUnassigned", false), 201).path("id").asText();
        String job = createJob(app, "Known E2E");
        assertThat(provisioner.get("/api/v1/jobs/" + job).path("applicationDeleted").asBoolean()).isFalse();

        directory.delete("/api/v1/applications/" + app);

        await().atMost(Duration.ofSeconds(30)).until(() ->
                provisioner.get("/api/v1/jobs/" + job).path("applicationDeleted").asBoolean());
        provisioner.post("/api/v1/jobs", jobFor(app, "Deleted"), 422);
    }

    /**
     * One trace from the REST change to the SCIM call: a PATCH sent with a W3C traceparent reaches the Miro mock as a
     * SCIM request whose traceparent has the same trace id (through the outbox row, the Kafka record's headers and
     * the provisioner's spans).
     */
    @Test
    void aDirectoryChangeAndTheScimRequestItCausesShareOneTrace() {
        String app = directory.post("/api/v1/applications", Map.of("displayName", "Traced (end to end)",
                "publishUnassigned", false), 201).path("id").asText();
        String user = createPerson("traced", "Traced", "Person");
        assignUser(app, user);
        createJob(app, "Traced E2E");
        await().atMost(CONVERGE).until(() -> miro.get("/Users?filter=" + java.net.URLEncoder.encode(
                "userName eq \"" + people.get(user).userName() + "\"", java.nio.charset.StandardCharsets.UTF_8))
                .path("totalResults").asInt() == 1);
        String traceId = java.util.HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(16)
                .putLong(System.nanoTime()).putLong(user.hashCode() | 1L).array());

        directory.patch("/api/v1/users/" + user, Map.of("surname", "Retraced"),
                Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));

        await().atMost(CONVERGE).untilAsserted(() -> assertThat(miroAdmin.get("/admin/traceparents"))
                .anySatisfy(received -> assertThat(received.asText()).startsWith("00-" + traceId + "-")));
    }

    /** Creates a job, retrying while the provisioner has not learnt the new application yet (422, nothing created). */
    private String createJob(String app, String name) {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                id[0] = provisioner.post("/api/v1/jobs", jobFor(app, name), 201).path("id").asText());
        return id[0];
    }

    private Map<String, Object> jobFor(String app, String name) {
        return Map.of("name", name, "applicationId", app, "profile", "MIRO", "tenantUrl", miroUrl(),
                "allowInsecureHttp", true, "secretToken", stack.miroToken(), "status", "ON");
    }

    @Test
    void keepsMiroInStepWithTheDirectoryThroughChangesAndAReplay() {
        String app = directory.post("/api/v1/applications", Map.of("displayName", "Miro (end to end)",
                "publishUnassigned", false), 201).path("id").asText();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 14; i++) {
            ids.add(createPerson("person" + i, "Given" + i, "Surname" + i));
        }
        String designId = createGroup("Design E2E");
        String salesId = createGroup("Sales E2E");
        for (int i = 0; i < 8; i++) {
            addMember(designId, ids.get(i));
        }
        addMember(salesId, ids.get(13));
        assignGroup(app, designId);
        for (int i = 8; i < 12; i++) {
            assignUser(app, ids.get(i));
        }
        String job = createJob(app, "Miro E2E");

        awaitMiroMatchesTheModel();

        rename(ids.get(0), "Renamed", "Person");
        rename(ids.get(8), "Given9", "Married-Name");
        unassignUser(app, ids.get(9));
        removeMember(designId, ids.get(1));
        addMember(designId, ids.get(12));
        disable(ids.get(10));

        awaitMiroMatchesTheModel();
        long writesBefore = miroWrites();

        provisioner.post("/api/v1/jobs/" + job + "/restart", Map.of(), 200);

        await().atMost(CONVERGE).until(() -> {
            JsonNode progress = provisioner.get("/api/v1/jobs/" + job + "/progress");
            return progress.path("eventsBehind").asLong(-1) == 0 && progress.path("eventsProcessed").asLong() > 0;
        });
        awaitMiroMatchesTheModel();
        assertThat(miroWrites()).as("writes sent by a replay of an in-sync history").isEqualTo(writesBefore);
    }

    private void awaitMiroMatchesTheModel() {
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, JsonNode> miroUsers = new HashMap<>();
            for (JsonNode user : miroAdmin.get("/admin/state").path("users")) {
                assertThat(miroUsers.put(user.path("userName").asText().toLowerCase(), user))
                        .as("duplicate user " + user.path("userName")).isNull();
            }
            for (Person person : people.values()) {
                JsonNode user = miroUsers.get(person.userName().toLowerCase());
                boolean everProvisioned = user != null;
                boolean active = shouldBeActive(person);
                if (active) {
                    assertThat(everProvisioned).as(person.userName() + " in Miro").isTrue();
                    assertThat(user.path("active").asBoolean()).as(person.userName() + " active").isTrue();
                    assertThat(user.path("displayName").asText()).isEqualTo(person.displayName());
                    assertThat(user.path("name").path("givenName").asText()).isEqualTo(person.givenName());
                    assertThat(user.path("name").path("familyName").asText()).isEqualTo(person.surname());
                } else if (everProvisioned) {
                    assertThat(user.path("active").asBoolean()).as(person.userName() + " deactivated").isFalse();
                }
            }
            for (Map.Entry<String, Set<String>> team : teamMembers.entrySet()) {
                if (!assignedGroups.contains(team.getKey())) {
                    continue;
                }
                Set<String> expected = new HashSet<>();
                team.getValue().stream().map(people::get).filter(this::shouldBeActive)
                        .forEach(p -> expected.add(miroUsers.get(p.userName().toLowerCase()).path("id").asText()));
                assertThat(miroTeamMembers(groupNames.get(team.getKey()))).as("members of " + team.getKey())
                        .isEqualTo(expected);
            }
        });
    }

    private final Set<String> assignedGroups = new HashSet<>();
    private final Map<String, String> groupNames = new HashMap<>();

    private boolean shouldBeActive(Person person) {
        boolean viaGroup = teamMembers.entrySet().stream()
                .anyMatch(team -> assignedGroups.contains(team.getKey()) && team.getValue().contains(person.id()));
        return person.enabled() && (directlyAssigned.contains(person.id()) || viaGroup);
    }

    private Set<String> miroTeamMembers(String teamName) {
        for (JsonNode team : miroAdmin.get("/admin/teams")) {
            if (team.path("displayName").asText().equals(teamName)) {
                Set<String> members = new HashSet<>();
                team.path("members").forEach(member -> members.add(member.path("userId").asText()));
                return members;
            }
        }
        throw new AssertionError("no team " + teamName);
    }

    private long miroWrites() {
        JsonNode counters = miroAdmin.get("/admin/counters");
        long writes = 0;
        for (String endpoint : List.of("USERS_CREATE", "USERS_PATCH", "USERS_REPLACE", "USERS_DELETE",
                "GROUPS_PATCH")) {
            for (JsonNode count : counters.path(endpoint)) {
                writes += count.asLong();
            }
        }
        return writes;
    }

    private String createPerson(String alias, String given, String surname) {
        String userName = alias + "." + System.nanoTime() % 100000 + "@example.com";
        String id = directory.post("/api/v1/users", Map.of("userPrincipalName", userName, "mail", userName,
                "displayName", given + " " + surname, "givenName", given, "surname", surname,
                "accountEnabled", true), 201).path("id").asText();
        people.put(id, new Person(id, userName, given + " " + surname, given, surname, true));
        return id;
    }

    private String createGroup(String name) {
        String id = directory.post("/api/v1/groups", Map.of("displayName", name, "securityEnabled", true), 201)
                .path("id").asText();
        miroAdmin.post("/admin/teams", Map.of("displayName", name), 201);
        teamMembers.put(id, new HashSet<>());
        groupNames.put(id, name);
        return id;
    }

    private void addMember(String groupId, String userId) {
        directory.post("/api/v1/groups/" + groupId + "/members", Map.of("id", userId), 201);
        teamMembers.get(groupId).add(userId);
    }

    private void removeMember(String groupId, String userId) {
        directory.delete("/api/v1/groups/" + groupId + "/members/" + userId);
        teamMembers.get(groupId).remove(userId);
    }

    private void assignGroup(String app, String groupId) {
        directory.post("/api/v1/applications/" + app + "/appRoleAssignments", Map.of("principalId", groupId), 201);
        assignedGroups.add(groupId);
    }

    private void assignUser(String app, String userId) {
        String id = directory.post("/api/v1/applications/" + app + "/appRoleAssignments",
                Map.of("principalId", userId), 201).path("id").asText();
        directAssignmentIds.put(userId, id);
        directlyAssigned.add(userId);
    }

    private void unassignUser(String app, String userId) {
        directory.delete("/api/v1/applications/" + app + "/appRoleAssignments/" + directAssignmentIds.get(userId));
        directlyAssigned.remove(userId);
    }

    private void rename(String userId, String given, String surname) {
        directory.patch("/api/v1/users/" + userId, Map.of("givenName", given, "surname", surname,
                "displayName", given + " " + surname));
        Person p = people.get(userId);
        people.put(userId, new Person(p.id(), p.userName(), given + " " + surname, given, surname, p.enabled()));
    }

    private void disable(String userId) {
        directory.patch("/api/v1/users/" + userId, Map.of("accountEnabled", false));
        Person p = people.get(userId);
        people.put(userId, new Person(p.id(), p.userName(), p.displayName(), p.givenName(), p.surname(), false));
    }

    private static String miroUrl() {
        return miro.baseUrl();
    }
}
