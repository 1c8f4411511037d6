package io.scimitar.security.audit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class FieldNamesTest {

    @Test
    void namesTopLevelAndNestedFieldsButNoValues() {
        assertThat(names("{\"displayName\":\"Ada\",\"manager\":{\"id\":\"m-1\"},\"members\":[{\"id\":\"u-1\"},"
                + "{\"id\":\"u-2\",\"role\":\"owner\"}],\"secretToken\":\"s3cr3t\",\"tags\":[\"a\",\"b\"]}"))
                .containsExactly("displayName", "manager", "manager.id", "members", "members.id", "members.role",
                        "secretToken", "tags");
    }

    @Test
    void keepsTheNamesReadBeforeABrokenOrCutBody() {
        assertThat(names("{\"surname\":\"x\",\"department\":\"R&")).containsExactly("surname", "department");
        assertThat(names("not json")).isEmpty();
        assertThat(names("")).isEmpty();
    }

    @Test
    void keepsAtMostAHundredNames() {
        StringBuilder body = new StringBuilder("{\"extensionAttributes\":{");
        for (int i = 0; i < 60_000; i++) {
            body.append(i == 0 ? "" : ",").append("\"a").append(i).append("\":1");
        }
        assertThat(names(body.append("}}").toString())).hasSize(FieldNames.MAX_NAMES)
                .startsWith("extensionAttributes", "extensionAttributes.a0");
    }

    private static java.util.List<String> names(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return FieldNames.of(bytes, bytes.length);
    }
}
