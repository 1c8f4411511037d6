package io.scimitar.provisioner.link;

import java.util.Map;

/** A provisioned link and its target object's resource as the job read it at its start (JSON text). */
public record LinkedTargetResource(String sourceId, Map<String, Object> exported, String resource) {

    public LinkedTargetResource {
        exported = exported == null ? Map.of() : Map.copyOf(exported);
    }
}
