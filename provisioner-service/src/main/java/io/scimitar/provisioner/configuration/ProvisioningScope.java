package io.scimitar.provisioner.configuration;

/** Entra's "Scope" setting: which source objects a job evaluates. */
public enum ProvisioningScope {
    /** Only users and groups assigned to the application (recommended). */
    ASSIGNED_ONLY,
    /** Every user and group of the directory; unassigned ones are evaluated by the scoping filters alone. */
    ALL
}
