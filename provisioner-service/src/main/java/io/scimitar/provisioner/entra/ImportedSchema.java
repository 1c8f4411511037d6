package io.scimitar.provisioner.entra;

import io.scimitar.provisioner.configuration.ObjectTypeSettings;

import java.util.List;
import java.util.Map;

/**
 * What an imported synchronization schema gives a job: its users and groups settings, the report of what was not
 * taken as Entra means it, and where each setting came from in the document (so that a job setting refused later is
 * named by its JSON pointer: keys are the job's field names, such as {@code users.mappings[2]}).
 */
public record ImportedSchema(ObjectTypeSettings users, ObjectTypeSettings groups, List<ImportReportItem> report,
                             Map<String, String> pointers) {

    public ImportedSchema {
        report = List.copyOf(report);
        pointers = Map.copyOf(pointers);
    }

    /** The document's pointer for a job field such as {@code users.mappings[2].source}, or the field when unknown. */
    public String pointerOf(String field) {
        String best = null;
        for (String known : pointers.keySet()) {
            if (field.startsWith(known) && (best == null || known.length() > best.length())) {
                best = known;
            }
        }
        return best == null ? field : pointers.get(best);
    }
}
