package io.scimitar.provisioner.expressionbuilder;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.scimitar.testsupport.KafkaProcessResource;
import io.scimitar.testsupport.MiroMockResource;
import io.scimitar.testsupport.PostgresResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asAdmin;
import static io.scimitar.provisioner.provisioning.ProvisioningFixture.asReader;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(KafkaProcessResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(MiroMockResource.class)
class ExpressionBuilderTest {

    private static final Map<String, Object> SAMPLE = Map.of("attributes", Map.of("givenName", "Ada",
            "surname", "Lovelace", "department", "R&D"), "appRoleAssignments", List.of(Map.of("appRoleId", "r1",
            "value", "Admin", "displayName", "Administrator", "principalType", "User")));

    @Test
    void evaluatesAnExpressionOnASampleObject() {
        asReader().contentType(ContentType.JSON).body(Map.of("expression",
                        "Join(\" \", ToUpper([givenName]), [surname])", "source", SAMPLE))
                .post("/api/v1/expression-builder/expressions")
                .then().statusCode(200).body("status", equalTo("OK")).body("value", equalTo("ADA Lovelace"));
        asReader().contentType(ContentType.JSON).body(Map.of("expression",
                        "SingleAppRoleAssignment([appRoleAssignments])", "source", SAMPLE))
                .post("/api/v1/expression-builder/expressions")
                .then().statusCode(200).body("value", equalTo("Admin"));
    }

    @Test
    void pointsAtTheErrorOfAnInvalidExpression() {
        asReader().contentType(ContentType.JSON).body(Map.of("expression", "Join(\" \", [givenName]", "source",
                        SAMPLE))
                .post("/api/v1/expression-builder/expressions")
                .then().statusCode(200).body("status", equalTo("INVALID"))
                .body("errorPosition", equalTo(21));
        asAdmin().contentType(ContentType.JSON).body(Map.of("source", SAMPLE))
                .post("/api/v1/expression-builder/expressions").then().statusCode(400);
    }

    @Test
    void evaluatesAMappingSetAndScopingFilters() {
        asReader().contentType(ContentType.JSON).body(Map.of("mappings", List.of(
                        Map.of("type", "DIRECT", "source", "givenName", "target", "name.givenName", "applyOn", "ALWAYS",
                                "matching", false, "matchingPrecedence", 0),
                        Map.of("type", "CONSTANT", "source", "Full", "target", "userType", "applyOn", "CREATE_ONLY",
                                "matching", false, "matchingPrecedence", 0)), "source", SAMPLE, "isCreate", false))
                .post("/api/v1/expression-builder/mappings")
                .then().statusCode(200).body("status", equalTo("OK"))
                .body("values.'name.givenName'", equalTo("Ada")).body("values.userType", org.hamcrest.Matchers.nullValue());
        asReader().contentType(ContentType.JSON).body(Map.of("filters", List.of(Map.of("title", "R&D only",
                        "clauses", List.of(Map.of("attribute", "department", "operator", "EQUALS", "value", "R&D")))),
                        "source", SAMPLE))
                .post("/api/v1/expression-builder/scoping-filters")
                .then().statusCode(200).body("status", equalTo("OK")).body("inScope", equalTo(true));
    }
}
