package io.scimitar.assignment.importing;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.scimitar.assignment.support.Api;
import io.scimitar.assignment.support.EventTap;
import io.scimitar.events.GroupMembershipEvent;
import io.scimitar.events.MemberRef;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.PostgresResource;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.scimitar.assignment.support.EventTap.about;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
class BulkImportTest {

    @Inject
    Pool database;

    @Test
    void importsJsonLinesWithAResultPerRowAndPersistsNothingOfARejectedRow() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String body = String.join("\n",
                "{\"userPrincipalName\":\"a-" + run + "@contoso.com\",\"displayName\":\"A\"}",
                "{\"userPrincipalName\":\"not a upn\",\"displayName\":\"B\"}",
                "",
                "{\"userPrincipalName\":\"c-" + run + "@contoso.com\",\"displayName\":\"C\",\"shoeSize\":44}",
                "{\"userPrincipalName\":\"d-" + run + "@contoso.com\",",
                "{\"userPrincipalName\":\"A-" + run + "@contoso.com\",\"displayName\":\"A again\",\"jobTitle\":\"CTO\"}",
                "{\"userPrincipalName\":\"e-" + run + "@contoso.com\",\"displayName\":\"E\","
                        + "\"managerId\":\"6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b\"}",
                "[1,2,3]");
        Response response = given().contentType("application/x-ndjson").body(body.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/import/users");
        response.then().statusCode(200)
                .body("summary.rows", equalTo(7))
                .body("summary.byStatus.created", equalTo(1))
                .body("summary.byStatus.updated", equalTo(1))
                .body("summary.byStatus.rejected", equalTo(5));
        List<Map<String, Object>> results = response.path("results");
        assertThat(results).extracting(r -> r.get("line")).containsExactly(1, 2, 4, 5, 6, 7, 8);
        assertThat(results).extracting(r -> r.get("status"))
                .containsExactly("created", "rejected", "rejected", "rejected", "updated", "rejected", "rejected");
        assertThat(response.<String>path("results[1].errors[0].field")).isEqualTo("userPrincipalName");
        assertThat(response.<String>path("results[2].errors[0].field")).isEqualTo("shoeSize");
        assertThat(response.<String>path("results[5].errors[0].field")).isEqualTo("managerId");
        assertThat(response.<String>path("results[4].id")).isEqualTo(response.path("results[0].id"));

        assertThat(countUsersLike("%-" + run + "@contoso.com")).isEqualTo(1);
        given().get("/api/v1/users/" + response.path("results[0].id")).then().body("jobTitle", equalTo("CTO"));
    }

    @Test
    void importsCsvWithQuotedCellsPhonesAndExtensionAttributes() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String csv = "userPrincipalName,displayName,department,businessPhones,accountEnabled,extension_3fe4_costCenter\n"
                + "x-" + run + "@contoso.com,\"Lovelace, Ada\",R&D,+44 1;+44 2,false,CC-1\n"
                + "y-" + run + "@contoso.com,\"Say \"\"hi\"\"\",,,true,\n"
                + "z-" + run + "@contoso.com,Too,many,cells,true,x,y\n";
        Response response = given().contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/import/users");
        response.then().statusCode(200).body("summary.byStatus.created", equalTo(2))
                .body("summary.byStatus.rejected", equalTo(1));
        given().get("/api/v1/users/" + response.path("results[0].id")).then()
                .body("displayName", equalTo("Lovelace, Ada"))
                .body("businessPhones", equalTo(List.of("+44 1", "+44 2")))
                .body("accountEnabled", equalTo(false))
                .body("extensionAttributes.extension_3fe4_costCenter", equalTo("CC-1"));
        given().get("/api/v1/users/" + response.path("results[1].id")).then()
                .body("displayName", equalTo("Say \"hi\""));
    }

    @Test
    void importsGroupsMembershipsAndAssignmentsAndPublishesTheirEvents() {
        try (EventTap tap = EventTap.open()) {
            String app = Api.createApplication("Imported");
            String user = Api.createUser("importee");
            String group = UUID.randomUUID().toString();
            given().contentType("application/x-ndjson")
                    .body(("{\"id\":\"" + group + "\",\"displayName\":\"Imported group\"}\n").getBytes())
                    .post("/api/v1/import/groups").then().statusCode(200).body("results[0].status", equalTo("created"));
            String ghost = UUID.randomUUID().toString();
            given().contentType("application/x-ndjson").body(("{\"groupId\":\"" + group + "\",\"memberId\":\"" + user
                            + "\"}\n{\"groupId\":\"" + group + "\",\"memberId\":\"" + ghost + "\"}\n").getBytes())
                    .post("/api/v1/import/memberships").then().statusCode(200)
                    .body("results.status", equalTo(List.of("added", "rejected")))
                    .body("results[1].errors[0].field", equalTo("id"));
            given().contentType("text/csv").body(("applicationId,principalId\n" + app + "," + group + "\n" + app
                            + "," + ghost + "\n").getBytes())
                    .post("/api/v1/import/assignments").then().statusCode(200)
                    .body("results.status", equalTo(List.of("created", "rejected")))
                    .body("results[1].errors[0].field", equalTo("principalId"));

            UserAssignmentEvent member = (UserAssignmentEvent) tap.await(about(app, user), 1, Duration.ofSeconds(20))
                    .get(0);
            assertThat(member.assigned()).isTrue();
            assertThat(member.roles()).extracting(r -> r.viaGroupId()).containsExactly(group);
            GroupMembershipEvent snapshot = (GroupMembershipEvent) tap.await(
                    e -> about(app, group).test(e) && e instanceof GroupMembershipEvent, 1, Duration.ofSeconds(20))
                    .get(0);
            assertThat(snapshot.added()).containsExactly(MemberRef.user(user));
        }
    }

    @Test
    void keepsTheNeighboursOfARowTheDatabaseRefuses() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        // every rule of the service passes; only a constraint the database alone knows refuses the middle row
        String constraint = "refuse_" + run;
        sql("alter table app_user add constraint " + constraint + " check (display_name <> 'refused " + run
                + "') not valid");
        try {
            String body = "{\"userPrincipalName\":\"p-" + run + "@contoso.com\",\"displayName\":\"P\"}\n"
                    + "{\"userPrincipalName\":\"q-" + run + "@contoso.com\",\"displayName\":\"refused " + run + "\"}\n"
                    + "{\"userPrincipalName\":\"r-" + run + "@contoso.com\",\"displayName\":\"R\"}\n";
            given().contentType("application/x-ndjson").body(body.getBytes(StandardCharsets.UTF_8))
                    .post("/api/v1/import/users").then().statusCode(200)
                    .body("results.status", equalTo(List.of("created", "rejected", "created")))
                    .body("results[1].errors[0].reason", org.hamcrest.Matchers.containsString("database refused"));
        } finally {
            sql("alter table app_user drop constraint " + constraint);
        }
        assertThat(countUsersLike("%-" + run + "@contoso.com")).isEqualTo(2);
    }

    @Test
    void refusesAnOversizedRequestBeforeWritingAnything() {
        long before = countUsersLike("%");
        String row = "{\"userPrincipalName\":\"big-%d@contoso.com\",\"displayName\":\"%s\"}\n";
        StringBuilder body = new StringBuilder();
        String padding = "x".repeat(900);
        for (int i = 0; body.length() <= 9_000_000; i++) {
            body.append(String.format(row, i, padding));
        }
        given().contentType("application/x-ndjson").body(body.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/import/users").then().statusCode(413)
                .contentType("application/problem+json")
                .body("title", equalTo("Payload too large"));
        assertThat(countUsersLike("%")).isEqualTo(before);
    }

    @Test
    void importsTwentyThousandUsersInOneStreamedRequest() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        int rows = 20_000;
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            body.append("{\"userPrincipalName\":\"bulk").append(i).append('-').append(run)
                    .append("@contoso.com\",\"displayName\":\"Bulk ").append(i)
                    .append("\",\"department\":\"Imports\",\"extensionAttributes\":{\"extension_3fe4_n\":")
                    .append(i).append("}}\n");
        }
        long start = System.nanoTime();
        given().contentType("application/x-ndjson").body(body.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/import/users").then().statusCode(200)
                .body("summary.rows", equalTo(rows))
                .body("summary.byStatus.created", equalTo(rows));
        System.out.printf("Imported %d users in %d ms%n", rows, (System.nanoTime() - start) / 1_000_000);
        assertThat(countUsersLike("bulk%-" + run + "@contoso.com")).isEqualTo(rows);
    }

    private void sql(String statement) {
        database.query(statement).execute().await().atMost(Duration.ofSeconds(10));
    }

    private long countUsersLike(String pattern) {
        return database.preparedQuery("select count(*) from app_user where user_principal_name like $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(pattern)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }
}
