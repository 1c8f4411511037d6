package io.scimitar.assignment.user;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.scimitar.assignment.support.Api;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.PostgresResource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
class ConcurrentUserUpdateTest {

    private static final int WRITERS = 8;

    @Test
    void ofConcurrentUpdatesWithTheSameETagExactlyOneWinsAndTheOthersGet412() throws Exception {
        String id = Api.createUser("contested");
        CyclicBarrier start = new CyclicBarrier(WRITERS);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                String title = "Title " + i;
                statuses.add(pool.submit(() -> {
                    start.await();
                    return given().contentType(ContentType.JSON).header("If-Match", "\"1\"")
                            .body(Map.of("jobTitle", title)).patch("/api/v1/users/" + id).statusCode();
                }));
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                codes.add(status.get());
            }
            assertThat(codes).containsOnly(200, 412);
            assertThat(codes).filteredOn(code -> code == 200).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        given().get("/api/v1/users/" + id).then().header("ETag", "\"2\"");
    }

    @Test
    void concurrentReadModifyWriteClientsRetryingOn412LoseNoUpdate() throws Exception {
        String id = Api.createUser("shared");
        CyclicBarrier start = new CyclicBarrier(WRITERS);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<Integer>> conflicts = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                String phone = "+1 555 000" + i;
                conflicts.add(pool.submit(() -> {
                    start.await();
                    return appendPhone(id, phone);
                }));
            }
            for (Future<Integer> conflict : conflicts) {
                conflict.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Response user = given().get("/api/v1/users/" + id);
        List<String> phones = user.path("businessPhones");
        assertThat(phones).hasSize(WRITERS).doesNotHaveDuplicates();
        assertThat(user.header("ETag")).isEqualTo("\"" + (WRITERS + 1) + "\"");
    }

    /** Reads the user, adds a phone number and writes it back with If-Match; returns how many 412s it met. */
    private static int appendPhone(String id, String phone) {
        for (int conflicts = 0; ; conflicts++) {
            Response current = given().get("/api/v1/users/" + id);
            List<String> phones = new ArrayList<>(current.<List<String>>path("businessPhones"));
            phones.add(phone);
            int status = given().contentType(ContentType.JSON).header("If-Match", current.header("ETag"))
                    .body(Map.of("businessPhones", phones)).patch("/api/v1/users/" + id).statusCode();
            if (status == 200) {
                return conflicts;
            }
            assertThat(status).isEqualTo(412);
        }
    }
}
