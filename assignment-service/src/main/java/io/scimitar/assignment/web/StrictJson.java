package io.scimitar.assignment.web;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.scimitar.assignment.error.JsonErrors;
import jakarta.inject.Singleton;

/**
 * The service's one JSON reading policy: a body is one JSON value and nothing after it, every field has its own JSON
 * type (no {@code true} read as "true", no {@code 0} as false), text is valid Unicode without NUL, numbers are exact,
 * and a body is at most {@link JsonErrors#MAX_DOCUMENT_CHARS} characters and {@link #MAX_NESTING_DEPTH} levels deep.
 * Unknown fields are refused too ({@code quarkus.jackson.fail-on-unknown-properties}).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    public static final int MAX_NESTING_DEPTH = 32;

    @Override
    public void customize(ObjectMapper mapper) {
        apply(mapper);
    }

    /** Applies the policy to {@code mapper} (also for unit tests, which have no Quarkus). */
    public static ObjectMapper apply(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        SimpleModule strict = new SimpleModule("scimitar-strict-json");
        strict.addDeserializer(String.class, new StrictStringDeserializer());
        strict.addDeserializer(Object.class, new StrictValueDeserializer());
        mapper.registerModule(strict);
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxDocumentLength(JsonErrors.MAX_DOCUMENT_CHARS).maxNestingDepth(MAX_NESTING_DEPTH).build());
        return mapper;
    }
}
