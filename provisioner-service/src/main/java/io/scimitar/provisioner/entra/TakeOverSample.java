package io.scimitar.provisioner.entra;

import java.util.List;

/**
 * One user of a take-over preview, shown as an example of its kind.
 *
 * @param sourceId      the user's directory id
 * @param sourceDisplay its user principal name
 * @param matchedOn     the matching attribute (target path) that found the target users; null for a create
 * @param targetIds     the target users found: one for a link, several for a duplicate, none for a create
 * @param differing     the mapped attributes whose value the target user holds differently (a link-and-update)
 */
public record TakeOverSample(String sourceId, String sourceDisplay, String matchedOn, List<String> targetIds,
        List<String> differing) {

    public TakeOverSample {
        targetIds = List.copyOf(targetIds);
        differing = List.copyOf(differing);
    }
}
