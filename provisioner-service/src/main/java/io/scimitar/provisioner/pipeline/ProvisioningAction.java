package io.scimitar.provisioner.pipeline;

/** What a change did to the target, as Entra's provisioningAction. */
public enum ProvisioningAction {
    CREATE, UPDATE, DELETE, DISABLE, STAGED_DELETE, OTHER
}
