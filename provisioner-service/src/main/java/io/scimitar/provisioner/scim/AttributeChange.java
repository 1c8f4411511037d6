package io.scimitar.provisioner.scim;

/**
 * One target attribute whose value differs from what the target holds.
 *
 * @param oldValue what the target holds (null when it has no value yet)
 * @param newValue what the mappings computed; null when the mapped value became empty and the target's value is to be
 *                 removed
 */
public record AttributeChange(String path, Object oldValue, Object newValue) {

    /** True when the target's value is to be removed (RFC 7644 §3.5.2.2). */
    public boolean removes() {
        return newValue == null;
    }
}
