package io.scimitar.provisioner.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.AssignmentEventCodec;
import io.scimitar.events.AssignmentTopics;
import io.scimitar.events.GroupAssignmentEvent;
import io.scimitar.events.GroupMembershipEvent;
import io.scimitar.events.GroupSnapshot;
import io.scimitar.events.MemberRef;
import io.scimitar.events.RoleAssignment;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.events.UserSnapshot;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Test data and the real parts around the provisioner: the broker to publish events to, the Miro mock to inspect. */
public final class ProvisioningFixture {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(java.time.Duration.ofSeconds(10)).build();
    private static KafkaProducer<String, byte[]> producer;

    private ProvisioningFixture() {
    }

    public static synchronized void publish(AssignmentEvent... events) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    KafkaProcessResource.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new ByteArraySerializer());
        }
        try {
            for (AssignmentEvent event : events) {
                producer.send(new ProducerRecord<>(AssignmentTopics.ASSIGNMENT_EVENTS, event.key(),
                        AssignmentEventCodec.encode(event))).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish test events", e);
        }
    }

    /** Creates a job through the API and answers its id. */
    public static String createJob(Map<String, Object> job) {
        return asAdmin().contentType(ContentType.JSON).body(job).post("/api/v1/jobs")
                .then().statusCode(201).extract().path("id");
    }

    /** The name of {@link #ADMIN_KEY} in the test profile ({@code test-admin:<key>}): the audit trail's actor. */
    public static final String ADMIN_NAME = "test-admin";
    public static final String ADMIN_KEY = "05ebb4864c3a159cba535efd715756036e79f57a42bfe385";
    public static final String READER_NAME = "test-reader";
    public static final String READER_KEY = "d63799abab4adcbecc74f8648b1168a8dc898117729767d6";

    public static io.restassured.specification.RequestSpecification asAdmin() {
        return given().header("Authorization", "Bearer " + ADMIN_KEY);
    }

    public static io.restassured.specification.RequestSpecification asReader() {
        return given().header("X-API-Key", READER_KEY);
    }

    /** A Miro job against the mock, started at once ({@code "status": "ON"}: a new job is off unless it says so). */
    public static Map<String, Object> miroJob(String applicationId) {
        return new java.util.HashMap<>(Map.of("name", "Miro " + applicationId, "applicationId", applicationId,
                "profile", "MIRO", "tenantUrl", MiroMockResource.scimUrl(), "secretToken", MiroMockResource.TOKEN,
                "allowInsecureHttp", true, "status", "ON"));
    }

    /** A new application, known to the provisioner as if the directory had announced it (jobs need one). */
    public static String newApplication() {
        return io.scimitar.provisioner.directory.KnownApplications.known();
    }

    public static UserSnapshot user(String id, String upn, String givenName, String surname, String department) {
        return new UserSnapshot(id, upn, upn, upn.substring(0, upn.indexOf('@')), givenName, surname,
                givenName + " " + surname, "Engineer", department, "Contoso", "E-" + id.hashCode(), "Employee",
                "HQ", "Berlin", "DE", "DE", null, List.of(), "en-US", true, null, Map.of(), Instant.now(),
                Instant.now(), null);
    }

    public static UserSnapshot uniqueUser(String givenName, String surname, String department) {
        String id = UUID.randomUUID().toString();
        String upn = (givenName + "." + surname + "." + id.substring(0, 8)).toLowerCase() + "@example.com";
        return user(id, upn, givenName, surname, department);
    }

    /** The same user with other names (a new modification time). */
    public static UserSnapshot renamed(UserSnapshot user, String givenName, String surname) {
        return changed(user, givenName, surname, givenName + " " + surname, user.department(), user.accountEnabled());
    }

    /** The same user in another department. */
    public static UserSnapshot withDepartment(UserSnapshot user, String department) {
        return changed(user, user.givenName(), user.surname(), user.displayName(), department, user.accountEnabled());
    }

    /** The same user with its account disabled (a new modification time). */
    public static UserSnapshot disabled(UserSnapshot user) {
        return changed(user, user.givenName(), user.surname(), user.displayName(), user.department(), false);
    }

    private static UserSnapshot changed(UserSnapshot user, String givenName, String surname, String displayName,
            String department, boolean accountEnabled) {
        return new UserSnapshot(user.id(), user.userPrincipalName(), user.mail(), user.mailNickname(), givenName,
                surname, displayName, user.jobTitle(), department, user.companyName(), user.employeeId(),
                user.employeeType(), user.officeLocation(), user.city(), user.country(), user.usageLocation(),
                user.mobilePhone(), user.businessPhones(), user.preferredLanguage(), accountEnabled, user.managerId(),
                user.extensionAttributes(), user.createdDateTime(), Instant.now(), user.deletedDateTime());
    }

    public static UserAssignmentEvent assigned(String app, UserSnapshot user, long version) {
        return UserAssignmentEvent.of(UUID.randomUUID(), Instant.now(), app, version, "TEST", user, true,
                List.of(new RoleAssignment("as-" + user.id(), "role-user", "User", "Default Access", null)), false);
    }

    public static UserAssignmentEvent unassigned(String app, UserSnapshot user, long version) {
        return UserAssignmentEvent.of(UUID.randomUUID(), Instant.now(), app, version, "TEST", user, false, List.of(),
                false);
    }

    public static GroupAssignmentEvent assignedGroup(String app, String groupId, String displayName, long version) {
        return GroupAssignmentEvent.of(UUID.randomUUID(), Instant.now(), app, version, "TEST",
                new GroupSnapshot(groupId, displayName, null, null, true, Instant.now(), Instant.now(), null), true,
                List.of(new RoleAssignment("as-" + groupId, "role-user", "User", "Default Access", null)), false);
    }

    public static GroupMembershipEvent membersAdded(String app, String groupId, long version, String... userIds) {
        return GroupMembershipEvent.delta(UUID.randomUUID(), Instant.now(), app, groupId, version,
                java.util.Arrays.stream(userIds).map(MemberRef::user).toList(), List.of());
    }

    public static GroupMembershipEvent membersRemoved(String app, String groupId, long version, String... userIds) {
        return GroupMembershipEvent.delta(UUID.randomUUID(), Instant.now(), app, groupId, version, List.of(),
                java.util.Arrays.stream(userIds).map(MemberRef::user).toList());
    }

    /** The mock's users with this userName (SCIM filter query). */
    public static List<JsonNode> miroUsers(String userName) {
        JsonNode list = scim("GET", "/Users?filter=" + URLEncoder.encode("userName eq \"" + userName + "\"",
                StandardCharsets.UTF_8), null);
        return list.path("Resources").isArray() ? iterable(list.path("Resources")) : List.of();
    }

    public static JsonNode miroTeam(String teamId) {
        return scim("GET", "/Groups/" + teamId, null);
    }

    /** The target ids of the members the mock's team holds. */
    public static List<String> miroTeamMemberIds(String teamId) {
        List<String> ids = new java.util.ArrayList<>();
        miroTeam(teamId).path("members").forEach(member -> ids.add(member.path("value").asText()));
        return ids;
    }

    /** How many users the mock holds ({@code totalResults} of a one-user page). */
    public static long miroUserCount() {
        return scim("GET", "/Users?count=1", null).path("totalResults").asLong();
    }

    public static JsonNode scim(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(MiroMockResource.scimUrl() + path))
                .header("Authorization", "Bearer " + MiroMockResource.TOKEN)
                .header("Content-Type", "application/scim+json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return send(request.build());
    }

    /** Seeds a Miro team (SCIM cannot create teams) and answers its id. */
    public static String seedTeam(String displayName) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(MiroMockResource.baseUrl() + "/admin/teams"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"displayName\":\"" + displayName + "\"}")).build();
        return send(request).path("id").asText();
    }

    /** Writes the mock has answered so far: creates, patches, replaces and deletes of users and groups. */
    public static long miroWrites() {
        JsonNode counters = counters();
        long writes = 0;
        for (String endpoint : List.of("USERS_CREATE", "USERS_PATCH", "USERS_REPLACE", "USERS_DELETE",
                "GROUPS_CREATE", "GROUPS_PATCH", "GROUPS_REPLACE", "GROUPS_DELETE")) {
            for (JsonNode count : counters.path(endpoint)) {
                writes += count.asLong();
            }
        }
        return writes;
    }

    /** Changes the mock's runtime settings, e.g. {@code {"scimEnabled":false}}. */
    public static void miroSettings(String json) {
        send(HttpRequest.newBuilder(URI.create(MiroMockResource.baseUrl() + "/admin/settings"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Starts the mock's request counters from zero. */
    public static void clearMiroCounters() {
        send(HttpRequest.newBuilder(URI.create(MiroMockResource.baseUrl() + "/admin/counters")).DELETE().build());
    }

    /** Sets the mock's fault rules, e.g. {@code [{"endpoint":"USERS_CREATE","errorStatus":500,"errorRate":1.0}]}. */
    public static void miroFaults(String rulesJson) {
        send(HttpRequest.newBuilder(URI.create(MiroMockResource.baseUrl() + "/admin/faults"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(rulesJson))
                .build());
    }

    public static JsonNode counters() {
        return send(HttpRequest.newBuilder(URI.create(MiroMockResource.baseUrl() + "/admin/counters")).build());
    }

    private static JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException("Request to the Miro mock failed: " + request.uri(), e);
        }
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> list = new java.util.ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}
