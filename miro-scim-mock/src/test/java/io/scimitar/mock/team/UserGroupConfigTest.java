package io.scimitar.mock.team;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.scimitar.mock.ScimApi.GROUPS;
import static io.scimitar.mock.ScimApi.USERS;
import static io.scimitar.mock.ScimApi.createUser;
import static io.scimitar.mock.ScimApi.reset;
import static io.scimitar.mock.ScimApi.scim;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code miro-mock.group-model=user-groups} selects the new model at start, and reset keeps the configured model. */
@QuarkusTest
@TestProfile(UserGroupConfigTest.UserGroupModel.class)
class UserGroupConfigTest {

    public static class UserGroupModel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("miro-mock.group-model", "user-groups");
        }
    }

    @Test
    void startsInTheConfiguredUserGroupModel() {
        reset();
        assertThat(given().get("/admin/settings").<String>path("groupModel")).isEqualTo("user-groups");

        String ada = createUser("ada@example.com");
        Response created = scim().body("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Sales","members":[{"value":"%s"}]}"""
                .formatted(ada)).post(GROUPS);

        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        assertThat(scim().get(USERS + "/" + ada).jsonPath().getList("groups.value")).containsExactly(created.<String>path("id"));
    }
}
