package io.scimitar.provisioner.targetindex;

/** A target object the index holds for a matching attribute's value (normalised), with its resource as read. */
public record IndexHit(String attribute, String value, String targetId, String resource) {
}
