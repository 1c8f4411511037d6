package io.scimitar.assignment.attribute;

import io.vertx.mutiny.sqlclient.Row;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * An object's writable attributes in the order of its REST body, event snapshot and table, and everything derived
 * from them at run time: the SQL column lists, the unnested arrays of set-based statements, the row mapping, the
 * stored values of a request and the event snapshot's fields (in Java and in SQL). Adding an entry to the list (and
 * its column in a migration) is all it takes for an attribute to go from the REST body to the event.
 */
public final class AttributeList {

    private final List<Attribute> all;
    /** The attributes by name: {@link #named} is asked for every field of every row of a bulk import. */
    private final Map<String, Attribute> byName;

    private AttributeList(List<Attribute> all) {
        this.all = List.copyOf(all);
        Map<String, Attribute> names = new HashMap<>();
        for (Attribute attribute : this.all) {
            if (names.put(attribute.name(), attribute) != null) {
                throw new IllegalArgumentException("Two attributes are named " + attribute.name());
            }
        }
        this.byName = Map.copyOf(names);
    }

    public static AttributeList of(Attribute... attributes) {
        return new AttributeList(List.of(attributes));
    }

    /** This list with one more attribute at its end. */
    public AttributeList plus(Attribute attribute) {
        List<Attribute> more = new ArrayList<>(all);
        more.add(attribute);
        return new AttributeList(more);
    }

    /** The attributes in their order. */
    public List<Attribute> all() {
        return all;
    }

    /** The attribute of this name, or null. */
    public Attribute named(String name) {
        return byName.get(name);
    }

    public List<String> names() {
        return all.stream().map(Attribute::name).toList();
    }

    /** The select list of the attributes' columns (jsonb read as text), e.g. after {@code id, }. */
    public String selectColumns(String alias) {
        String prefix = alias.isEmpty() ? "" : alias + ".";
        return all.stream().map(a -> a.kind().select(prefix, a.column())).collect(Collectors.joining(", "));
    }

    /** The columns, for an insert's column list. */
    public String columns() {
        return all.stream().map(Attribute::column).collect(Collectors.joining(", "));
    }

    /**
     * {@code unnest($first::uuid[], $first+1::..., ...) as v(id, <columns>)}: the ids and one array per attribute,
     * as {@link #arrays} binds them.
     */
    public String unnest(int first) {
        String arrays = IntStream.range(0, all.size())
                .mapToObj(i -> "$" + (first + 1 + i) + "::" + all.get(i).kind().arrayType())
                .collect(Collectors.joining(", "));
        return "unnest($" + first + "::uuid[], " + arrays + ") as v(id, " + columns() + ")";
    }

    /** The values of {@link #unnest}'s row {@code v}, written into the columns (jsonb cast). */
    public String unnestedValues() {
        return all.stream().map(a -> a.kind().write("v." + a.column())).collect(Collectors.joining(", "));
    }

    /** {@code column = v.column, ...}: an update from {@link #unnest}'s row {@code v}. */
    public String assignFromUnnest() {
        return all.stream().map(a -> a.column() + " = " + a.kind().write("v." + a.column()))
                .collect(Collectors.joining(", "));
    }

    /** The ids and one array per attribute of {@code objects}, bound to {@link #unnest}'s parameters. */
    public Object[] arrays(List<UUID> ids, List<AttributeValues> objects) {
        Object[] arrays = new Object[all.size() + 1];
        arrays[0] = ids.toArray(UUID[]::new);
        for (int i = 0; i < all.size(); i++) {
            String name = all.get(i).name();
            List<Object> column = new ArrayList<>(objects.size());
            objects.forEach(values -> column.add(values.get(name)));
            arrays[i + 1] = all.get(i).kind().array(column);
        }
        return arrays;
    }

    /** The values of a row read with {@link #selectColumns}. */
    public AttributeValues read(Row row) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Attribute attribute : all) {
            values.put(attribute.name(), attribute.kind().read(row, attribute.column()));
        }
        return AttributeValues.of(this, values);
    }

    /** The values a stored object holds for a request: each attribute left out holds its {@code whenAbsent}. */
    public AttributeValues stored(AttributeValues request) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Attribute attribute : all) {
            Object value = request.get(attribute.name());
            if (value instanceof List<?> list) {
                value = List.copyOf(list);
            }
            values.put(attribute.name(), value == null ? attribute.whenAbsent() : value);
        }
        return AttributeValues.of(this, values);
    }

    /** {@code 'name', alias.column, ...}: the attributes' pairs of a {@code json_build_object} in SQL. */
    public String snapshotSql(String alias) {
        return all.stream().map(a -> "'" + a.name() + "', " + a.kind().snapshot(alias + "." + a.column()))
                .collect(Collectors.joining(", "));
    }
}
