package io.scimitar.provisioner.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.provisioner.pipeline.ModifiedProperty;
import io.scimitar.provisioner.pipeline.ProvisioningLogEntry;
import io.scimitar.provisioner.pipeline.ProvisioningStep;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes provisioning log entries as CSV: Entra's three files joined on the change id (entries, steps, modified
 * properties) in a ZIP, or one joined file with a row per modified property (or per entry when none).
 */
public final class LogCsvWriter {

    static final String ENTRIES_HEADER = "Id,Date (UTC),Job ID,Cycle ID,Change ID,Action,Status,Object type,"
            + "Source ID,Source identity,Target ID,Event ID,Object version,Duration (ms),Error code,Reason";

    private LogCsvWriter() {
    }

    /**
     * One CSV: each entry once per modified property, with the property's old and new values (a value that is not a
     * text, such as a list, as JSON written by {@code json}).
     */
    public static String joined(List<ProvisioningLogEntry> entries, ObjectMapper json) {
        StringBuilder csv = new StringBuilder(ENTRIES_HEADER).append(",Steps,Modified property,Old value,New value\n");
        for (ProvisioningLogEntry entry : entries) {
            String steps = String.join(" > ", entry.steps().stream()
                    .map(step -> step.type().name().toLowerCase() + ":" + step.status().name().toLowerCase())
                    .toList());
            if (entry.modifiedProperties().isEmpty()) {
                row(csv, entry).append(',').append(cell(steps)).append(",,,\n");
            }
            for (ModifiedProperty property : entry.modifiedProperties()) {
                row(csv, entry).append(',').append(cell(steps)).append(',').append(cell(property.displayName()))
                        .append(',').append(cell(value(property.oldValue(), json))).append(',')
                        .append(cell(value(property.newValue(), json))).append('\n');
            }
        }
        return csv.toString();
    }

    /**
     * Entra's layout: ProvisioningLogs.csv, ProvisioningLogs_ProvisioningSteps.csv (each step's details as a JSON
     * object) and ..._ModifiedProperties.csv; JSON is written by {@code json}, the service's one mapper.
     */
    public static byte[] entraZip(List<ProvisioningLogEntry> entries, ObjectMapper json) {
        StringBuilder logs = new StringBuilder(ENTRIES_HEADER).append('\n');
        StringBuilder steps = new StringBuilder("Change ID,Step,Type,Name,Status,Description,Details\n");
        StringBuilder modified = new StringBuilder("Change ID,Property,Old value,New value\n");
        for (ProvisioningLogEntry entry : entries) {
            row(logs, entry).append('\n');
            for (int i = 0; i < entry.steps().size(); i++) {
                ProvisioningStep step = entry.steps().get(i);
                steps.append(entry.changeId()).append(',').append(i + 1).append(',')
                        .append(cell(step.type().name().toLowerCase())).append(',').append(cell(step.name()))
                        .append(',').append(cell(step.status().name().toLowerCase())).append(',')
                        .append(cell(step.description())).append(',').append(cell(json(step.details(), json)))
                        .append('\n');
            }
            for (ModifiedProperty property : entry.modifiedProperties()) {
                modified.append(entry.changeId()).append(',').append(cell(property.displayName())).append(',')
                        .append(cell(value(property.oldValue(), json))).append(',')
                        .append(cell(value(property.newValue(), json))).append('\n');
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            add(zip, "ProvisioningLogs.csv", logs);
            add(zip, "ProvisioningLogs_ProvisioningSteps.csv", steps);
            add(zip, "ProvisioningLogs_ModifiedProperties.csv", modified);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A value as it reads in a cell: a text as is, anything else (number, boolean, list, object) as JSON. */
    static Object value(Object value, ObjectMapper json) {
        return value == null || value instanceof CharSequence ? value : json(value, json);
    }

    private static String json(Object value, ObjectMapper json) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A provisioning log value could not be written as JSON", e);
        }
    }

    private static void add(ZipOutputStream zip, String name, CharSequence content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.toString().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static StringBuilder row(StringBuilder csv, ProvisioningLogEntry entry) {
        return csv.append(entry.id()).append(',').append(entry.activityTime()).append(',').append(entry.jobId())
                .append(',').append(entry.cycleId()).append(',').append(entry.changeId()).append(',')
                .append(entry.action().name().toLowerCase()).append(',').append(entry.status().name().toLowerCase())
                .append(',').append(cell(entry.objectType())).append(',').append(cell(entry.sourceId())).append(',')
                .append(cell(entry.sourceDisplay())).append(',').append(cell(entry.targetId())).append(',')
                .append(entry.eventId() == null ? "" : entry.eventId()).append(',')
                .append(entry.objectVersion() == null ? "" : entry.objectVersion()).append(',')
                .append(entry.durationMs()).append(',').append(cell(entry.errorCode())).append(',')
                .append(cell(entry.errorReason()));
    }

    /** A CSV cell, quoted when needed; a leading = + - @ is neutralised so spreadsheets never run it as a formula. */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
