package io.scimitar.mock.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.mock.error.ScimException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilterParserTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNode ALICE = json("""
            {"id":"1","userName":"Alice@Example.com","displayName":"Alice Smith","active":true,"userType":"Full",
             "emails":[{"type":"work","value":"alice@example.com","primary":true},{"type":"home","value":"a@home.test"}],
             "roles":[{"value":"ORGANIZATION_INTERNAL_USER","primary":true}],
             "groups":[{"value":"42","display":"Team"}],
             "meta":{"created":"2026-01-02T00:00:00Z"},
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"IT","manager":{"value":"7"}}}""");

    private static boolean matches(String filter) {
        return FilterEvaluator.matches(FilterParser.parse(filter), ALICE);
    }

    @Test
    void comparesStringsIgnoringCaseWithEveryOperator() {
        assertThat(matches("userName eq \"alice@example.com\"")).isTrue();
        assertThat(matches("userName ne \"bob@example.com\"")).isTrue();
        assertThat(matches("displayName co \"SMITH\"")).isTrue();
        assertThat(matches("displayName sw \"ali\"")).isTrue();
        assertThat(matches("displayName ew \"th\"")).isTrue();
        assertThat(matches("displayName gt \"Aaron\"")).isTrue();
        assertThat(matches("displayName ge \"alice smith\"")).isTrue();
        assertThat(matches("displayName lt \"Bob\"")).isTrue();
        assertThat(matches("displayName le \"Aaron\"")).isFalse();
        assertThat(matches("meta.created gt \"2026-01-01T00:00:00Z\"")).isTrue();
    }

    @Test
    void treatsAttributeNamesAndKeywordsCaseInsensitively() {
        assertThat(matches("USERNAME EQ \"alice@example.com\" AND Active Eq TRUE")).isTrue();
        assertThat(matches("emails.VALUE eq \"a@home.test\"")).isTrue();
    }

    @Test
    void combinesWithAndOrNotAndParentheses() {
        assertThat(matches("userType ne \"Full\" or (active eq true and not (displayName co \"Bob\"))")).isTrue();
        assertThat(matches("not (active eq true)")).isFalse();
        assertThat(matches("userName eq \"x@y.z\" or userName eq \"alice@example.com\" and active eq false")).isFalse();
    }

    @Test
    void evaluatesPresenceAndValuePaths() {
        assertThat(matches("displayName pr")).isTrue();
        assertThat(matches("nickName pr")).isFalse();
        assertThat(matches("emails[type eq \"work\"].value eq \"alice@example.com\"")).isTrue();
        assertThat(matches("emails[type eq \"home\" and value ew \"home.test\"]")).isTrue();
        assertThat(matches("emails[type eq \"work\"].value eq \"a@home.test\"")).isFalse();
        assertThat(matches("roles[primary eq \"True\"].value eq \"ORGANIZATION_INTERNAL_USER\"")).isTrue();
        assertThat(matches("groups.value eq \"42\"")).isTrue();
    }

    @Test
    void resolvesEnterpriseExtensionUrnPaths() {
        assertThat(matches("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"it\"")).isTrue();
        assertThat(matches("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"7\"")).isTrue();
        assertThat(matches("urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"alice\"")).isTrue();
    }

    @Test
    void comparesIdCaseSensitively() {
        assertThat(matches("id eq \"1\"")).isTrue();
        assertThat(FilterEvaluator.matches(FilterParser.parse("externalId eq \"ABC\""), json("{\"externalId\":\"abc\"}"))).isFalse();
    }

    @Test
    void decodesEscapesInStringLiterals() {
        JsonNode quoted = json("{\"displayName\":\"say \\\"hi\\\"\"}");
        assertThat(FilterEvaluator.matches(FilterParser.parse("displayName eq \"say \\\"hi\\\"\""), quoted)).isTrue();
    }

    @Test
    void rejectsBadSyntaxAsInvalidFilter() {
        for (String bad : new String[]{"", "userName", "userName eq", "userName xx \"a\"", "userName eq alice",
                "(userName eq \"a\"", "userName eq \"a\" and", "emails[type eq \"work\"", "displayName gt true",
                "userName eq \"unterminated", "not userName eq \"a\""}) {
            assertThatThrownBy(() -> FilterParser.parse(bad))
                    .as(bad)
                    .isInstanceOfSatisfying(ScimException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.scimType()).isEqualTo("invalidFilter");
                    });
        }
    }

    @Test
    void parsesPatchPathsWithFiltersAndSubAttributes() {
        PatchPath path = FilterParser.parsePath("emails[type eq \"work\"].value");
        assertThat(path.attribute().attribute()).isEqualTo("emails");
        assertThat(path.subAttribute()).isEqualTo("value");
        assertThat(path.valueFilter()).isInstanceOf(Filter.Compare.class);

        PatchPath enterprise = FilterParser.parsePath("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department");
        assertThat(enterprise.attribute().schemaUrn()).isEqualTo("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
        assertThat(enterprise.attribute().attribute()).isEqualTo("department");

        assertThatThrownBy(() -> FilterParser.parsePath("emails[type eq \"work\"]]"))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidPath"));
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
