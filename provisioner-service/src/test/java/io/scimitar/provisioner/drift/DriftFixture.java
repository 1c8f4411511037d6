package io.scimitar.provisioner.drift;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.scimitar.provisioner.link.LinkRepository;
import io.scimitar.provisioner.link.LinkState;
import io.scimitar.provisioner.link.ObjectLink;
import io.scimitar.provisioner.link.ObjectType;
import io.scimitar.testsupport.MiroMockResource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.JSON;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the drift tests share: the Miro mock reset, and changed behind the job's back as an administrator changes Miro
 * in its own UI (the mock's admin API: no SCIM request, so nothing the job could notice); reconciliations started and
 * followed through the API; links awaited.
 */
final class DriftFixture {

    static final Duration WAIT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private DriftFixture() {
    }

    static void resetMiro() {
        miroAdmin("POST", "/admin/reset", null, 204);
    }

    /** Edits a Miro user's attributes, or sets it active or inactive, with a JSON merge patch. */
    static JsonNode editMiroUser(String userId, String mergePatch) {
        return miroAdmin("PATCH", "/admin/users/" + userId, mergePatch, 200);
    }

    /** Adds a user in Miro and answers its id. */
    static String addMiroUser(String userName, String displayName) {
        return miroAdmin("POST", "/admin/users", "{\"userName\":\"" + userName + "\",\"displayName\":\""
                + displayName + "\"}", 201).path("id").asText();
    }

    static void deleteMiroUser(String userId) {
        miroAdmin("DELETE", "/admin/users/" + userId, null, 204);
    }

    static void removeMiroTeamMember(String teamId, String userId) {
        miroAdmin("DELETE", "/admin/teams/" + teamId + "/members/" + userId, null, 200);
    }

    /** Starts a reconciliation of the job ({@code body} null: report mode) and answers it once it has completed. */
    static JsonPath reconcile(UUID job, String body) {
        var request = asAdmin();
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        String location = request.post("/api/v1/jobs/" + job + "/reconciliations").then().statusCode(202)
                .extract().header("Location");
        await().atMost(WAIT).until(() -> !"RUNNING".equals(asAdmin().get(location).then().statusCode(200)
                .extract().path("status")));
        JsonPath done = asAdmin().get(location).then().extract().jsonPath();
        assertThat(done.getString("status")).as(done.prettify()).isEqualTo("COMPLETED");
        return done;
    }

    /** Every difference a reconciliation stored, read page by page. */
    static List<Map<String, Object>> differences(UUID job, String reconciliationId) {
        List<Map<String, Object>> all = new ArrayList<>();
        int offset = 0;
        while (true) {
            List<Map<String, Object>> page = asAdmin().get("/api/v1/jobs/" + job + "/reconciliations/"
                            + reconciliationId + "/differences?limit=50&offset=" + offset).then().statusCode(200)
                    .extract().jsonPath().getList("differences");
            all.addAll(page);
            if (page.size() < 50) {
                return all;
            }
            offset += 50;
        }
    }

    static List<Map<String, Object>> byKind(List<Map<String, Object>> differences, String kind) {
        return differences.stream().filter(d -> kind.equals(d.get("kind"))).collect(Collectors.toList());
    }

    /** The object's link once the job has provisioned it and keeps it active. */
    static ObjectLink awaitProvisioned(LinkRepository links, UUID job, ObjectType type, String sourceId) {
        return await().atMost(WAIT).until(() -> links.find(job, type, sourceId).await().indefinitely(),
                        found -> found.filter(link -> link.targetId() != null && link.state() == LinkState.ACTIVE)
                                .isPresent())
                .orElseThrow();
    }

    /** A SCIM PatchOp body with one Replace of {@code path} by {@code value} (JSON). */
    static String replaceOp(String path, String value) {
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"Replace\","
                + "\"path\":\"" + path + "\",\"value\":" + value + "}]}";
    }

    private static JsonNode miroAdmin(String method, String path, String body, int expectedStatus) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(MiroMockResource.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", method.equals("PATCH") ? "application/merge-patch+json" : "application/json");
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expectedStatus);
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("The Miro mock's admin API did not answer " + method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling the Miro mock", e);
        }
    }
}
