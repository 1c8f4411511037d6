package io.scimitar.provisioner.rules.preview;

import io.scimitar.provisioner.rules.EvaluationEnvironment;
import io.scimitar.provisioner.rules.SourceObject;
import io.scimitar.provisioner.rules.filter.ScopingClause;
import io.scimitar.provisioner.rules.filter.ScopingFilter;
import io.scimitar.provisioner.rules.mapping.AttributeMappingDefinition;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The expression builder core returns results and errors as values, with positions for parse errors. */
class RulesPreviewerTest {

    private static final EvaluationEnvironment ENVIRONMENT = EvaluationEnvironment.deterministic(
            Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC), 3L);
    private static final SourceObject SAMPLE = SourceObject.of(Map.of("givenName", "Zo\u00eb", "hireDate", "soon"));

    @Test
    void previewsAnExpression() {
        ExpressionPreview preview = RulesPreviewer.expression("ToLower(NormalizeDiacritics([givenName]))", SAMPLE,
                ENVIRONMENT);
        assertThat(preview).isEqualTo(new ExpressionPreview(PreviewStatus.OK, "zoe", true, false, null, -1));
    }

    @Test
    void showsRedactedValuesAsRedact() {
        assertThat(RulesPreviewer.expression("Redact([givenName])", SAMPLE, ENVIRONMENT).value()).isEqualTo("[Redact]");
    }

    @Test
    void reportsParseErrorsWithTheirPosition() {
        ExpressionPreview preview = RulesPreviewer.expression("Append([givenName], \"x\"", SAMPLE, ENVIRONMENT);
        assertThat(preview.status()).isEqualTo(PreviewStatus.INVALID);
        assertThat(preview.errorPosition()).isEqualTo(23);
        assertThat(preview.error()).isEqualTo("Expected ')' after the arguments of Append at position 23");
    }

    @Test
    void reportsEvaluationFailures() {
        ExpressionPreview preview = RulesPreviewer.expression("CDate([hireDate])", SAMPLE, ENVIRONMENT);
        assertThat(preview.status()).isEqualTo(PreviewStatus.FAILED);
        assertThat(preview.error()).contains("\"soon\" is not a date");
    }

    @Test
    void previewsAMappingSetAndItsFailures() {
        MappingPreview ok = RulesPreviewer.mappings(List.of(
                AttributeMappingDefinition.expression("ToUpper([givenName])", "displayName")), SAMPLE, ENVIRONMENT, true);
        assertThat(ok.values()).containsExactly(entry("displayName", "ZO\u00cb"));

        MappingPreview failed = RulesPreviewer.mappings(List.of(
                AttributeMappingDefinition.direct("givenName", "name.givenName"),
                AttributeMappingDefinition.expression("CDate([hireDate])", "startDate")), SAMPLE, ENVIRONMENT, true);
        assertThat(failed.status()).isEqualTo(PreviewStatus.FAILED);
        assertThat(failed.errorMappingIndex()).isEqualTo(1);
        assertThat(failed.errorTarget()).isEqualTo("startDate");

        MappingPreview invalid = RulesPreviewer.mappings(List.of(
                AttributeMappingDefinition.expression("IIF([a]=,\"x\",\"y\")", "title")), SAMPLE, ENVIRONMENT, true);
        assertThat(invalid.status()).isEqualTo(PreviewStatus.INVALID);
        assertThat(invalid.errorPosition()).isEqualTo(8);
    }

    @Test
    void previewsScopingFilters() {
        ScopePreview in = RulesPreviewer.scope(List.of(ScopingFilter.of(
                ScopingClause.of("givenName", "REGEX MATCH", "^Zo"))), SAMPLE);
        assertThat(in.status()).isEqualTo(PreviewStatus.OK);
        assertThat(in.inScope()).isTrue();

        ScopePreview invalid = RulesPreviewer.scope(List.of(ScopingFilter.of(
                ScopingClause.of("givenName", "REGEX MATCH", "("))), SAMPLE);
        assertThat(invalid.status()).isEqualTo(PreviewStatus.INVALID);
        assertThat(invalid.error()).contains("is not valid");
    }
}
