package io.scimitar.assignment.support;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/**
 * Makes every RestAssured call of the tests an admin's (every /api endpoint needs an API key). Registered for all
 * Quarkus tests as a service; {@code ApiAccessTest} checks the other callers with its own client.
 */
public class AdminCaller implements QuarkusTestBeforeEachCallback {

    public static final String ADMIN_KEY = "test-admin-key";
    public static final String READER_KEY = "test-reader-key";

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        Filter asAdmin = (request, response, next) -> {
            if (!request.getHeaders().hasHeaderWithName("Authorization")
                    && !request.getHeaders().hasHeaderWithName("X-API-Key")) {
                request.header("Authorization", "Bearer " + ADMIN_KEY);
            }
            return next.next(request, response);
        };
        RestAssured.replaceFiltersWith(asAdmin);
    }
}
