package io.scimitar.provisioner.pipeline;

/** How a change ended, as Entra's provisioningStatusInfo.status. */
public enum ProvisioningStatus {
    SUCCESS, WARNING, FAILURE, SKIPPED
}
