package io.scimitar.assignment.importing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.assignment.error.FieldError;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsTheHeaderAsFieldNamesAndEachLineAsARow() throws IOException {
        List<ImportRow> rows = read("userPrincipalName,displayName,accountEnabled\r\n"
                + "ada@contoso.com,Ada Lovelace,true\r\n"
                + "alan@contoso.com,Alan Turing,FALSE\r\n");
        assertThat(rows).extracting(ImportRow::line).containsExactly(2L, 3L);
        assertThat(rows.get(0).fields().toString()).isEqualTo(
                "{\"userPrincipalName\":\"ada@contoso.com\",\"displayName\":\"Ada Lovelace\",\"accountEnabled\":true}");
        assertThat(rows.get(1).fields().get("accountEnabled").booleanValue()).isFalse();
    }

    @Test
    void leavesEmptyCellsOutAndSkipsBlankLines() throws IOException {
        List<ImportRow> rows = read("userPrincipalName,mail,displayName\n\nada@contoso.com,,Ada\n   \n");
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.line()).isEqualTo(3);
            assertThat(row.fields().has("mail")).isFalse();
        });
    }

    @Test
    void readsQuotedCellsWithCommasAndDoubledQuotes() throws IOException {
        ImportRow row = read("displayName,jobTitle\n\"Lovelace, Ada\",\"The \"\"first\"\" programmer\"\n").get(0);
        assertThat(row.fields().get("displayName").asText()).isEqualTo("Lovelace, Ada");
        assertThat(row.fields().get("jobTitle").asText()).isEqualTo("The \"first\" programmer");
    }

    @Test
    void splitsBusinessPhonesAndGathersExtensionColumns() throws IOException {
        ImportRow row = read("displayName,businessPhones,extension_app_costCenter\nAda,+44 1; +44 2,CC-7\n").get(0);
        assertThat(row.fields().get("businessPhones").toString()).isEqualTo("[\"+44 1\",\"+44 2\"]");
        assertThat(row.fields().get("extensionAttributes").toString())
                .isEqualTo("{\"extension_app_costCenter\":\"CC-7\"}");
    }

    @Test
    void reportsUnreadableRowsWithTheirLineAndGoesOn() throws IOException {
        List<ImportRow> rows = read("displayName,securityEnabled\n\"Sales,true\nSales,yes\nSales\nHR,true\n");
        assertThat(rows).extracting(ImportRow::line).containsExactly(2L, 3L, 4L, 5L);
        assertThat(rows.get(0).unreadable()).containsExactly(new FieldError(null, "unbalanced quotes"));
        assertThat(rows.get(1).unreadable()).containsExactly(new FieldError("securityEnabled", "must be true or false"));
        assertThat(rows.get(2).unreadable()).containsExactly(
                new FieldError(null, "has 1 cells but the header names 2 fields"));
        assertThat(rows.get(3).unreadable()).isEmpty();
        assertThat(rows.get(3).fields().get("securityEnabled").booleanValue()).isTrue();
    }

    @Test
    void reportsAnOverlongRowAndReadsTheNextOne() throws IOException {
        List<ImportRow> rows = read("displayName\n" + "x".repeat(50) + "\nAda\n", 20);
        assertThat(rows.get(0).unreadable()).containsExactly(
                new FieldError(null, "the row is longer than 20 characters"));
        assertThat(rows.get(1).fields().get("displayName").asText()).isEqualTo("Ada");
    }

    @Test
    void anEmptyBodyHasNoRows() throws IOException {
        assertThat(read("")).isEmpty();
        assertThat(read("displayName\n")).isEmpty();
    }

    private static List<ImportRow> read(String body) throws IOException {
        return read(body, 10_000);
    }

    private static List<ImportRow> read(String body, int maxLength) throws IOException {
        CsvReader reader = new CsvReader(new StringReader(body), JSON, maxLength);
        List<ImportRow> rows = new ArrayList<>();
        for (ImportRow row = reader.next(); row != null; row = reader.next()) {
            rows.add(row);
        }
        return rows;
    }
}
