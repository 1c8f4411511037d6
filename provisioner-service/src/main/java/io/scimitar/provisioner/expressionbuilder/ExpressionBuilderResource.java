package io.scimitar.provisioner.expressionbuilder;

import io.scimitar.provisioner.error.Problem.FieldError;
import io.scimitar.provisioner.error.ProblemException;
import io.scimitar.provisioner.configuration.ObjectTypeSettings.ScopingFilterSettings;
import io.scimitar.provisioner.mapping.EvaluationSettings;
import io.scimitar.provisioner.rules.AppRoleAssignment;
import io.scimitar.provisioner.rules.EvaluationEnvironment;
import io.scimitar.provisioner.rules.SourceObject;
import io.scimitar.provisioner.rules.UniquenessCheck;
import io.scimitar.provisioner.rules.filter.ScopingFilter;
import io.scimitar.provisioner.rules.filter.ScopingFilterValidationException;
import io.scimitar.provisioner.rules.mapping.AttributeMappingDefinition;
import io.scimitar.provisioner.rules.preview.ExpressionPreview;
import io.scimitar.provisioner.rules.preview.MappingPreview;
import io.scimitar.provisioner.rules.preview.PreviewStatus;
import io.scimitar.provisioner.rules.preview.RulesPreviewer;
import io.scimitar.provisioner.rules.preview.ScopePreview;
import io.scimitar.security.ApiRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/**
 * Entra's expression builder: try an expression, a whole mapping set or scoping filters on a sample source object and
 * get the result, or the error with its position. Nothing is stored and no target is called.
 */
@Path("/api/v1/expression-builder")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Expression builder")
@RolesAllowed({ApiRoles.READER, ApiRoles.ADMIN})
public class ExpressionBuilderResource {

    private final EvaluationSettings evaluation;

    public ExpressionBuilderResource(EvaluationSettings evaluation) {
        this.evaluation = evaluation;
    }

    /** A sample source object: attributes under Entra's names, and app role assignments. */
    public record SampleObject(Map<String, Object> attributes, List<AppRoleAssignment> appRoleAssignments) {
        SourceObject toSource() {
            return SourceObject.of(attributes == null ? Map.of() : attributes,
                    appRoleAssignments == null ? List.of() : appRoleAssignments);
        }
    }

    public record ExpressionRequest(String expression, SampleObject source) {
    }

    public record MappingsRequest(List<AttributeMappingDefinition> mappings, SampleObject source, Boolean isCreate) {
    }

    public record ScopingRequest(List<ScopingFilterSettings> filters, SampleObject source) {
    }

    @POST
    @Path("expressions")
    @Operation(summary = "Evaluates one expression on a sample object; a parse error comes with its position")
    public ExpressionPreview expression(ExpressionRequest request) {
        if (request == null || request.expression() == null) {
            throw missing("expression");
        }
        return RulesPreviewer.expression(request.expression(), sample(request.source()), environment());
    }

    @POST
    @Path("mappings")
    @Operation(summary = "Evaluates a whole mapping set on a sample object, as on create or on update")
    public MappingPreview mappings(MappingsRequest request) {
        if (request == null || request.mappings() == null) {
            throw missing("mappings");
        }
        return RulesPreviewer.mappings(request.mappings(), sample(request.source()), environment(),
                request.isCreate() == null || request.isCreate());
    }

    @POST
    @Path("scoping-filters")
    @Operation(summary = "Says whether a sample object passes scoping filters, and which filter or clause decided")
    public ScopePreview scopingFilters(ScopingRequest request) {
        if (request == null || request.filters() == null) {
            throw missing("filters");
        }
        List<ScopingFilter> filters;
        try {
            filters = request.filters().stream().map(ScopingFilterSettings::toFilter).toList();
        } catch (ScopingFilterValidationException e) {
            return new ScopePreview(PreviewStatus.INVALID, false, null, e.getMessage());
        }
        return RulesPreviewer.scope(filters, sample(request.source()));
    }

    private static SourceObject sample(SampleObject source) {
        return source == null ? SourceObject.of(Map.of()) : source.toSource();
    }

    private EvaluationEnvironment environment() {
        return EvaluationEnvironment.system(UniquenessCheck.ALWAYS_UNIQUE).withBudget(evaluation.budget());
    }

    private static ProblemException missing(String field) {
        return ProblemException.invalid(List.of(new FieldError(field, "is required", null)));
    }
}
