package io.scimitar.assignment.openapi;

import io.scimitar.assignment.attribute.Attribute;
import io.scimitar.assignment.attribute.AttributeList;
import io.scimitar.assignment.group.GroupAttributes;
import io.scimitar.assignment.user.UserAttributes;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.List;

/**
 * Describes the user and group bodies in the OpenAPI document from their attribute lists (the records hold their
 * attributes by name, which the document could not see): each attribute with its type and limits.
 */
public class AttributeSchemas implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
            return;
        }
        Components components = openApi.getComponents();
        replace(components, "UserRequest", UserAttributes.ALL, false);
        replace(components, "UserResponse", UserAttributes.ALL, true);
        replace(components, "GroupRequest", GroupAttributes.ALL, false);
        replace(components, "GroupResponse", GroupAttributes.ALL, true);
    }

    private static void replace(Components components, String name, AttributeList attributes, boolean response) {
        if (!components.getSchemas().containsKey(name)) {
            return;
        }
        Schema schema = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT));
        schema.addProperty("id", text().format("uuid"));
        for (Attribute attribute : attributes.all()) {
            schema.addProperty(attribute.name(), property(attribute));
        }
        if (response) {
            schema.addProperty("createdDateTime", text().format("date-time"));
            schema.addProperty("modifiedDateTime", text().format("date-time"));
            schema.addProperty("deletedDateTime", text().format("date-time"));
            schema.addProperty("version", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)));
        } else {
            schema.required(attributes.all().stream().filter(Attribute::required).map(Attribute::name).toList());
        }
        components.addSchema(name, schema);
    }

    private static Schema property(Attribute attribute) {
        return switch (attribute.kind()) {
            case TEXT -> {
                Schema text = text();
                if (attribute.maxLength() > 0) {
                    text.maxLength(attribute.maxLength());
                }
                if (attribute.pattern() != null) {
                    text.pattern(attribute.pattern().pattern());
                }
                yield text;
            }
            case GUID -> text().format("uuid");
            case BOOLEAN -> OASFactory.createSchema().type(List.of(Schema.SchemaType.BOOLEAN));
            case TEXT_LIST -> OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                    .items(text().maxLength(attribute.maxLength())).maxItems(attribute.maxItems());
            case EXTENSIONS -> OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT));
        };
    }

    private static Schema text() {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING));
    }
}
