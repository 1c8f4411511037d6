package io.scimitar.mock.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimitar.mock.error.ScimException;
import io.scimitar.mock.schema.ScimSchemas;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResourcePatcherTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ENTERPRISE = ScimSchemas.ENTERPRISE_USER;
    private final ResourcePatcher patcher = new ResourcePatcher(ScimSchemas.USER_SCHEMA, List.of(ScimSchemas.ENTERPRISE_USER_SCHEMA));
    private ObjectNode user;

    @BeforeEach
    void newUser() {
        user = (ObjectNode) json("""
                {"userName":"a@example.com","active":true,"name":{"givenName":"A","familyName":"B"},
                 "emails":[{"type":"work","value":"a@example.com","primary":true}],
                 "roles":[{"value":"ORGANIZATION_INTERNAL_USER","type":"organization_user_role","primary":true},
                          {"value":"Content Admin","type":"organization_admin_role","primary":false}]}""");
    }

    private void apply(String op, String path, String value) {
        patcher.apply(user, new PatchOperation(op, path, value == null ? null : json(value)));
    }

    @Test
    void acceptsOpsInAnyLetterCase() {
        apply("Replace", "displayName", "\"One\"");
        assertThat(user.get("displayName").asText()).isEqualTo("One");
        apply("REPLACE", "displayName", "\"Two\"");
        assertThat(user.get("displayName").asText()).isEqualTo("Two");
        apply("remove", "displayName", null);
        assertThat(user.has("displayName")).isFalse();
    }

    @Test
    void turnsStringBooleansIntoBooleans() {
        apply("Replace", "active", "\"False\"");
        assertThat(user.get("active").isBoolean()).isTrue();
        assertThat(user.get("active").asBoolean()).isFalse();
    }

    @Test
    void replacesWithoutPathUsingDottedAndUrnKeys() {
        apply("replace", null, """
                {"displayName":"New","name.givenName":"Given","active":false,
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department":"IT",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"costCenter":"CC1"}}""");
        assertThat(user.get("displayName").asText()).isEqualTo("New");
        assertThat(user.at("/name/givenName").asText()).isEqualTo("Given");
        assertThat(user.at("/name/familyName").asText()).isEqualTo("B");
        assertThat(user.get("active").asBoolean()).isFalse();
        assertThat(user.get(ENTERPRISE).get("department").asText()).isEqualTo("IT");
        assertThat(user.get(ENTERPRISE).get("costCenter").asText()).isEqualTo("CC1");
    }

    @Test
    void updatesFilteredPathsAndCreatesTheElementWhenNoneMatches() {
        apply("Replace", "emails[type eq \"work\"].value", "\"new@example.com\"");
        assertThat(user.at("/emails/0/value").asText()).isEqualTo("new@example.com");
        apply("Add", "phoneNumbers[type eq \"mobile\"].value", "\"+123\"");
        assertThat(user.at("/phoneNumbers/0/type").asText()).isEqualTo("mobile");
        assertThat(user.at("/phoneNumbers/0/value").asText()).isEqualTo("+123");
        apply("Replace", "roles[primary eq \"True\"].value", "\"ORGANIZATION_INTERNAL_ADMIN\"");
        assertThat(user.at("/roles/0/value").asText()).isEqualTo("ORGANIZATION_INTERNAL_ADMIN");
        assertThat(user.at("/roles/1/value").asText()).isEqualTo("Content Admin");
    }

    @Test
    void addsAndRemovesMultiValuedElements() {
        apply("Add", "roles", "[{\"value\":\"User Admin\",\"type\":\"organization_admin_role\",\"primary\":false}]");
        assertThat(user.get("roles")).hasSize(3);
        apply("Remove", "roles[value eq \"Content Admin\"]", null);
        assertThat(user.get("roles")).hasSize(2);
        assertThat(user.get("roles").findValuesAsText("value")).containsExactly("ORGANIZATION_INTERNAL_USER", "User Admin");
        apply("Remove", "roles", "[{\"value\":\"User Admin\"}]");
        assertThat(user.get("roles")).hasSize(1);
    }

    @Test
    void setsAndRemovesEnterpriseAttributesByUrnPath() {
        apply("Add", ENTERPRISE + ":employeeNumber", "\"123\"");
        apply("Replace", ENTERPRISE + ":manager", "{\"value\":\"99\"}");
        assertThat(user.get(ENTERPRISE).get("employeeNumber").asText()).isEqualTo("123");
        assertThat(user.get(ENTERPRISE).at("/manager/value").asText()).isEqualTo("99");
        apply("Remove", ENTERPRISE + ":employeeNumber", null);
        apply("Remove", ENTERPRISE + ":manager", null);
        assertThat(user.has(ENTERPRISE)).isFalse();
    }

    @Test
    void rejectsUnknownPathsReadOnlyAttributesAndPathlessRemove() {
        assertThatThrownBy(() -> apply("Replace", "favouriteColour", "\"blue\""))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidPath"));
        assertThatThrownBy(() -> apply("Replace", "groups", "[]"))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("mutability"));
        assertThatThrownBy(() -> apply("Remove", null, null))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("noTarget"));
        assertThatThrownBy(() -> apply("Move", "displayName", "\"x\""))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidValue"));
        assertThatThrownBy(() -> apply("Replace", "active", "\"maybe\""))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidValue"));
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
