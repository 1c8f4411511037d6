package io.scimitar.provisioner.pipeline;

import io.scimitar.provisioner.configuration.ObjectTypeSettings;
import io.scimitar.provisioner.configuration.ProvisioningScope;

/**
 * Settings a dry run evaluates instead of the stored job's, without saving them: mappings and scoping filters of
 * users and groups, the scope, and whether out-of-scope objects are left alone. A null field keeps the stored value.
 */
public record JobProposal(ObjectTypeSettings users, ObjectTypeSettings groups, ProvisioningScope scope,
        Boolean skipOutOfScopeDeletions) {

    public boolean isEmpty() {
        return users == null && groups == null && scope == null && skipOutOfScopeDeletions == null;
    }
}
