package io.scimitar.assignment.attribute;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of an object's attributes by name, in the order of its {@link AttributeList} (a value may be null):
 * what a request, a stored object and a response carry instead of one field per attribute.
 */
public final class AttributeValues {

    private final Map<String, Object> values;

    private AttributeValues(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** The values of {@code list}'s attributes taken from {@code source} (missing names are null). */
    public static AttributeValues of(AttributeList list, Map<String, ?> source) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Attribute attribute : list.all()) {
            values.put(attribute.name(), source.get(attribute.name()));
        }
        return new AttributeValues(values);
    }

    public Object get(String name) {
        return values.get(name);
    }

    public String text(String name) {
        return (String) values.get(name);
    }

    public Boolean bool(String name) {
        return (Boolean) values.get(name);
    }

    @SuppressWarnings("unchecked")
    public List<String> textList(String name) {
        return (List<String>) values.get(name);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> extensions(String name) {
        return (Map<String, Object>) values.get(name);
    }

    /** A copy with {@code name} set to {@code value}. */
    public AttributeValues with(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.replace(name, value);
        return new AttributeValues(copy);
    }

    /** The values by name, in the list's order. */
    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AttributeValues that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
