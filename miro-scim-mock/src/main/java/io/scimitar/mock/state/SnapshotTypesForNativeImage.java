package io.scimitar.mock.state;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.scimitar.mock.team.GroupKind;
import io.scimitar.mock.team.TeamRole;

/**
 * The state snapshot (miro-mock.snapshot-file), read and written by hand through Jackson and so invisible to Quarkus'
 * own reflection scan: registered here so that a native executable can (de)serialise it.
 */
@RegisterForReflection(targets = {StateSnapshot.class, StateSnapshot.TeamSnapshot.class, GroupKind.class, TeamRole.class})
final class SnapshotTypesForNativeImage {

    private SnapshotTypesForNativeImage() {
    }
}
