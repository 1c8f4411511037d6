package io.scimitar.provisioner.targetindex;

import java.util.Map;
import java.util.Set;

/** One object read from the target: its id, its resource as text, and its normalised values by matching attribute. */
public record IndexedObject(String targetId, String resource, Map<String, Set<String>> values) {
}
