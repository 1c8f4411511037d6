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

    /** The name of {@link #ADMIN_KEY} in the test profile ({@code test-admin:<key>}): the audit trail's actor. */
    public static final String ADMIN_NAME = "test-admin";
    public static final String ADMIN_KEY = "05ebb4864c3a159cba535efd715756036e79f57a42bfe385";
    public static final String READER_NAME = "test-reader";
    public static final String READER_KEY = "d63799abab4adcbecc74f8648b1168a8dc898117729767d6";

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
