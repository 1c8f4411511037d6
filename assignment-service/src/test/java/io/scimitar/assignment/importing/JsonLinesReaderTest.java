package io.scimitar.assignment.importing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.assignment.error.FieldError;
import io.scimitar.assignment.web.StrictJson;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLinesReaderTest {

    private static final ObjectMapper JSON = StrictJson.apply(new ObjectMapper());

    @Test
    void readsOneObjectPerLineWithItsLineNumber() throws IOException {
        List<ImportRow> rows = read("{\"displayName\":\"Ada\"}\r\n\n{\"displayName\":\"Alan\",\"accountEnabled\":false}");
        assertThat(rows).extracting(ImportRow::line).containsExactly(1L, 3L);
        assertThat(rows.get(0).fields().get("displayName").asText()).isEqualTo("Ada");
        assertThat(rows.get(1).fields().get("accountEnabled").booleanValue()).isFalse();
        assertThat(rows).allSatisfy(row -> assertThat(row.unreadable()).isEmpty());
    }

    @Test
    void reportsARowThatIsNotAnObject() throws IOException {
        assertThat(read("[1,2]\n\"Ada\"\n")).extracting(ImportRow::unreadable).containsExactly(
                List.of(new FieldError(null, "a row must be a JSON object")),
                List.of(new FieldError(null, "a row must be a JSON object")));
    }

    @Test
    void reportsBrokenJsonWithoutParserTextAndReadsTheNextLine() throws IOException {
        List<ImportRow> rows = read("{\"displayName\":\"Ada\"\n{\"displayName\":\"Alan\"}\n");
        assertThat(rows).hasSize(2);
        FieldError broken = rows.get(0).unreadable().get(0);
        assertThat(broken.field()).isNull();
        assertThat(broken.reason()).startsWith("the row is not valid JSON (line 1")
                .doesNotContain("com.fasterxml", "Unexpected end-of-input");
        assertThat(rows.get(1).fields().get("displayName").asText()).isEqualTo("Alan");
    }

    @Test
    void reportsAnOverlongRowAndReadsTheNextOne() throws IOException {
        List<ImportRow> rows = read("{\"displayName\":\"" + "x".repeat(40) + "\"}\n{\"displayName\":\"Ada\"}\n", 30);
        assertThat(rows.get(0).unreadable()).containsExactly(
                new FieldError(null, "the row is longer than 30 characters"));
        assertThat(rows.get(1).line()).isEqualTo(2);
        assertThat(rows.get(1).fields().get("displayName").asText()).isEqualTo("Ada");
    }

    @Test
    void anEmptyBodyHasNoRows() throws IOException {
        assertThat(read("")).isEmpty();
        assertThat(read("\n\n  \n")).isEmpty();
    }

    private static List<ImportRow> read(String body) throws IOException {
        return read(body, 10_000);
    }

    private static List<ImportRow> read(String body, int maxLength) throws IOException {
        JsonLinesReader reader = new JsonLinesReader(new StringReader(body), JSON, maxLength);
        List<ImportRow> rows = new ArrayList<>();
        for (ImportRow row = reader.next(); row != null; row = reader.next()) {
            rows.add(row);
        }
        return rows;
    }
}
