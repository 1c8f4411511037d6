package io.scimitar.provisioner.console;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asReader;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.createJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.miroJob;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.newApplication;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * The console's sign-in as HTTP serves it without an identity provider configured (the sign-in with Keycloak runs in
 * {@code end-to-end/ConsoleBrowserTest}): no OIDC offered, how a caller signed in, and the cross-site request
 * forgery guard on changes carried by an OIDC session cookie.
 */
@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
@WithTestResource(DirectoryStandIn.class)
class ConsoleSignInTest {

    @Test
    void offersNoIdentityProviderSignInUnlessOneIsConfigured() {
        given().get("/console/oidc").then().statusCode(200).contentType("application/json")
                .body("offered", equalTo(false)).body("signInPath", nullValue());
        given().redirects().follow(false).get("/console/oidc/login").then().statusCode(401);
    }

    @Test
    void saysHowTheCallerSignedIn() {
        asAdmin().get("/api/v1/session").then().statusCode(200)
                .body("signedInWith", equalTo("API_KEY")).body("signOutPath", nullValue());
        asReader().get("/api/v1/session").then().statusCode(200).body("signedInWith", equalTo("API_KEY"));
    }

    @Test
    void refusesAChangeCarriedByASessionCookieWithoutTheConsolesHeader() {
        String job = createJob(miroJob(newApplication()));

        asAdmin().cookie("q_session", "a-session-another-site-rides-on").contentType("application/json")
                .body("{}").post("/api/v1/jobs/" + job + "/pause")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("X-Requested-With"));
        asAdmin().get("/api/v1/jobs/" + job).then().statusCode(200).body("status", equalTo("ON"));

        asAdmin().cookie("q_session", "a-session-another-site-rides-on").header("X-Requested-With", "JavaScript")
                .contentType("application/json").body("{}").post("/api/v1/jobs/" + job + "/pause")
                .then().statusCode(200);
        asAdmin().contentType("application/json").body("{}").post("/api/v1/jobs/" + job + "/start")
                .then().statusCode(200);
        asAdmin().cookie("q_session", "a-session-another-site-rides-on").get("/api/v1/jobs/" + job)
                .then().statusCode(200).body("status", equalTo("ON"));
    }
}
