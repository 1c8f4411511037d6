package io.scimitar.provisioner.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.provisioner.pipeline.ModifiedProperty;
import io.scimitar.provisioner.pipeline.ProvisioningAction;
import io.scimitar.provisioner.pipeline.ProvisioningLogEntry;
import io.scimitar.provisioner.pipeline.ProvisioningStatus;
import io.scimitar.provisioner.pipeline.ProvisioningStep;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class LogCsvWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesEachStepsDetailsAsJson() throws IOException {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("roles", 1);
        details.put("assigned", true);
        details.put("filter", "department EQUALS \"Sales, EMEA\"");
        ProvisioningLogEntry entry = entry(List.of(new ProvisioningStep(ProvisioningStep.StepType.SCOPING,
                "Determine if in scope", ProvisioningStatus.SUCCESS, "In scope", details)), List.of());

        String steps = files(LogCsvWriter.entraZip(List.of(entry), JSON)).get("ProvisioningLogs_ProvisioningSteps.csv");

        String row = steps.lines().skip(1).findFirst().orElseThrow();
        String cell = lastCell(row);
        JsonNode parsed = JSON.readTree(cell);
        assertThat(parsed.path("roles").asInt()).isEqualTo(1);
        assertThat(parsed.path("assigned").isBoolean()).isTrue();
        assertThat(parsed.path("filter").asText()).isEqualTo("department EQUALS \"Sales, EMEA\"");
        assertThat(steps).doesNotContain("roles=1");
    }

    @Test
    void writesModifiedValuesThatAreNotTextAsJson() throws IOException {
        ProvisioningLogEntry entry = entry(List.of(), List.of(
                new ModifiedProperty("emails", null, List.of(work("a@example.com"))),
                new ModifiedProperty("displayName", "Old", "New")));

        String modified = files(LogCsvWriter.entraZip(List.of(entry), JSON))
                .get("ProvisioningLogs_ModifiedProperties.csv");
        String joined = LogCsvWriter.joined(List.of(entry), JSON);

        assertThat(modified).contains("\"[{\"\"type\"\":\"\"work\"\",\"\"value\"\":\"\"a@example.com\"\"}]\"")
                .contains(",displayName,Old,New");
        assertThat(joined).contains("\"\"value\"\":\"\"a@example.com\"\"").doesNotContain("value=a@example.com");
    }

    private static ProvisioningLogEntry entry(List<ProvisioningStep> steps, List<ModifiedProperty> modified) {
        return new ProvisioningLogEntry(1L, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), Instant.now(), 3,
                ProvisioningAction.CREATE, ProvisioningStatus.SUCCESS, "User", "u1", "a@example.com", "t1", null, 1L,
                steps, modified, null, null);
    }

    private static Map<String, Object> work(String email) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("type", "work");
        value.put("value", email);
        return value;
    }

    /** The last cell of a CSV row, unquoted. */
    private static String lastCell(String row) {
        assertThat(row).endsWith("\"");
        int start = row.lastIndexOf(",\"{");
        return row.substring(start + 2, row.length() - 1).replace("\"\"", "\"");
    }

    private static Map<String, String> files(byte[] zip) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
