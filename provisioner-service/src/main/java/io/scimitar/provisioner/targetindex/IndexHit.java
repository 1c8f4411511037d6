package io.scimitar.provisioner.targetindex;

/** A target object the index holds for a matching attribute's value, with its resource as read. */
public record IndexHit(String attribute, String targetId, String resource) {
}
