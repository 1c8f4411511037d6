package io.scimitar.provisioner.provisioning;

import io.scimitar.provisioner.matching.MatchResult;
import io.scimitar.provisioner.rules.mapping.MatchingValue;

import java.util.List;
import java.util.Objects;

/** What the provisioning log says after a create the target refused as a duplicate was looked up again. */
final class RefusedCreate {

    private RefusedCreate() {
    }

    /** The matching step of an object found again; says when only a case-insensitive comparison found it. */
    static String matched(String kind, MatchResult.Matched matched, List<MatchingValue> values) {
        Object ours = values.stream().filter(value -> value.target().equals(matched.attribute())).findFirst()
                .map(MatchingValue::value).orElse(matched.value());
        String found = "Matched target " + kind + " " + matched.targetId() + " on " + matched.attribute() + " = '"
                + matched.value() + "' after the target refused the create as a duplicate";
        if (Objects.equals(String.valueOf(ours), String.valueOf(matched.value()))) {
            return found + " (the " + kind + " was created there after the job read the target)";
        }
        return found + ", compared case-insensitively with '" + ours + "' as RFC 7643 compares it (the target's "
                + "filter did not find it, so it compares case-sensitively); the " + kind + " is linked and updated";
    }

    /** Why the refused create stays a failure: nothing single was found, though it was looked for. */
    static String notFound(String kind, MatchResult match) {
        if (match instanceof MatchResult.NotFound notFound) {
            return "The target says the " + kind + " exists, but no target " + kind + " was found (" + notFound.tried()
                    + ").";
        }
        if (match instanceof MatchResult.Duplicate duplicate) {
            return duplicate.count() + " target " + kind + "s have " + duplicate.attribute() + " = '"
                    + duplicate.value() + "' compared case-insensitively; one was expected.";
        }
        if (match instanceof MatchResult.Failed failed) {
            return "Looking the " + kind + " up again failed: " + failed.failure() + ".";
        }
        return "The " + kind + " has no value for any matching attribute.";
    }
}
