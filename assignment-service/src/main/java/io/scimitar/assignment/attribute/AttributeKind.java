package io.scimitar.assignment.attribute;

import com.fasterxml.jackson.core.type.TypeReference;
import io.scimitar.assignment.database.JsonColumns;
import io.vertx.mutiny.sqlclient.Row;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How an attribute is typed on the wire, in Java (as {@link AttributeValues} holds it) and in its column: everything
 * the list-driven code needs to read, write and publish an attribute of this kind.
 */
public enum AttributeKind {
    /** A string; column {@code text}. */
    TEXT("text", new TypeReference<String>() { }),
    /** A list of strings; column {@code jsonb}. */
    TEXT_LIST("jsonb", new TypeReference<List<String>>() { }),
    /** true or false; column {@code boolean}. */
    BOOLEAN("boolean", new TypeReference<Boolean>() { }),
    /** A GUID string (held as its lower-case text); column {@code uuid}. */
    GUID("uuid", new TypeReference<String>() { }),
    /** {@code extension_<app>_<name>} to a string, number, boolean or list of them; column {@code jsonb}. */
    EXTENSIONS("jsonb", new TypeReference<Map<String, Object>>() { });

    private final String columnType;
    private final TypeReference<?> wireType;

    AttributeKind(String columnType, TypeReference<?> wireType) {
        this.columnType = columnType;
        this.wireType = wireType;
    }

    /** The type Jackson reads a request's value as. */
    public TypeReference<?> wireType() {
        return wireType;
    }

    /** The column's SQL type. */
    public String columnType() {
        return columnType;
    }

    /** The value travels as text for a jsonb column. */
    boolean json() {
        return columnType.equals("jsonb");
    }

    /** The SQL type of the array a set-based statement passes this attribute's values in. */
    String arrayType() {
        return json() ? "text[]" : columnType + "[]";
    }

    /** How a select list reads column {@code column} of table alias {@code alias} (jsonb as text). */
    String select(String alias, String column) {
        return json() ? alias + column + "::text as " + column : alias + column;
    }

    /** The expression writing the value {@code from} (an unnested array element) into the column. */
    String write(String from) {
        return json() ? from + "::jsonb" : from;
    }

    /** The expression an event snapshot reads the column {@code column} with (a GUID as text). */
    String snapshot(String column) {
        return this == GUID ? column + "::text" : column;
    }

    /** The value of column {@code column} of a row, as {@link AttributeValues} holds it. */
    Object read(Row row, String column) {
        return switch (this) {
            case TEXT -> row.getString(column);
            case TEXT_LIST -> JsonColumns.stringList(row.getString(column));
            case BOOLEAN -> row.getBoolean(column);
            case GUID -> {
                UUID id = row.getUUID(column);
                yield id == null ? null : id.toString();
            }
            case EXTENSIONS -> JsonColumns.map(row.getString(column));
        };
    }

    /** The values of this kind as the array a statement binds. */
    Object array(List<Object> values) {
        return switch (this) {
            case TEXT -> values.toArray(String[]::new);
            case TEXT_LIST, EXTENSIONS -> values.stream().map(v -> v == null ? null : JsonColumns.write(v))
                    .toArray(String[]::new);
            case BOOLEAN -> values.toArray(Boolean[]::new);
            case GUID -> values.stream().map(v -> v == null ? null : UUID.fromString((String) v))
                    .toArray(UUID[]::new);
        };
    }
}
