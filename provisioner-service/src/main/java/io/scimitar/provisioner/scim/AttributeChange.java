package io.scimitar.provisioner.scim;

/**
 * One target attribute whose value differs from what the target holds.
 *
 * @param oldValue what the target holds (null when it has no value yet)
 * @param newValue what the mappings computed (never null: null values are never sent, as in Entra)
 */
public record AttributeChange(String path, Object oldValue, Object newValue) {
}
