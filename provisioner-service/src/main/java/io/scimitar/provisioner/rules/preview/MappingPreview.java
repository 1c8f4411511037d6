package io.scimitar.provisioner.rules.preview;

import io.scimitar.provisioner.rules.mapping.MatchingValue;

import java.util.List;
import java.util.Map;

/**
 * The expression builder's answer for a whole mapping set and a sample object: the target values as logs show them
 * and the matching values, or the error with the mapping it concerns (index -1 and position -1 when unknown).
 */
public record MappingPreview(PreviewStatus status, Map<String, Object> values, List<MatchingValue> matchingValues,
                             String error, int errorMappingIndex, String errorTarget, int errorPosition) {
}
