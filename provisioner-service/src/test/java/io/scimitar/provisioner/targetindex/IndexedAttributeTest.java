package io.scimitar.provisioner.targetindex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IndexedAttributeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode resource(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void normalisesUserNameCaseInsensitivelyAndExternalIdExactly() throws Exception {
        JsonNode user = resource("{\"id\":\"1\",\"userName\":\"Ada@Example.com\",\"externalId\":\"AbC\"}");

        assertThat(IndexedAttribute.of("userName").orElseThrow().values(user)).containsExactly("ada@example.com");
        assertThat(IndexedAttribute.of("externalId").orElseThrow().values(user)).containsExactly("AbC");
        assertThat(IndexedAttribute.of("externalId").orElseThrow().normalise("AbC")).isEqualTo("AbC");
        assertThat(IndexedAttribute.of("userName").orElseThrow().normalise("ADA@example.COM"))
                .isEqualTo("ada@example.com");
    }

    @Test
    void readsSubAttributesValuePathsAndTheEnterpriseExtension() throws Exception {
        JsonNode user = resource("""
                {"id":"1","name":{"familyName":"Lovelace"},
                 "emails":[{"type":"home","value":"a@home.org"},{"type":"Work","value":"Ada@Work.org"}],
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"E-7"}}""");

        assertThat(IndexedAttribute.of("name.familyName").orElseThrow().values(user)).containsExactly("lovelace");
        assertThat(IndexedAttribute.of("emails[type eq \"work\"].value").orElseThrow().values(user))
                .containsExactly("ada@work.org");
        assertThat(IndexedAttribute.of("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber")
                .orElseThrow().values(user)).containsExactly("e-7");
        assertThat(IndexedAttribute.of("urn:ietf:params:scim:schemas:core:2.0:User:userName").orElseThrow()
                .attribute()).isEqualTo("userName");
    }

    @Test
    void leavesWhatItCannotEvaluateToAFilterQuery() {
        assertThat(IndexedAttribute.of("emails.value")).isEmpty();
        assertThat(IndexedAttribute.of("emails")).isEmpty();
        assertThat(IndexedAttribute.of("emails[type eq \"work\" and primary eq true].value")).isEmpty();
        assertThat(IndexedAttribute.of("")).isEmpty();
    }
}
