package io.scimitar.assignment.importing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimitar.assignment.attribute.AttributeKind;
import io.scimitar.assignment.attribute.AttributeList;
import io.scimitar.assignment.group.GroupAttributes;
import io.scimitar.assignment.user.UserAttributes;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rows of an RFC 4180 CSV body whose first line names the fields (the JSON field names). Empty cells are absent
 * fields; {@code businessPhones} holds numbers separated by ';'; {@code accountEnabled} and {@code securityEnabled}
 * are true or false; columns named {@code extension_...} become extension attributes (strings). Quoted cells may
 * hold commas and doubled quotes, not line breaks.
 */
final class CsvReader implements RowReader {

    private final LineSource lines;
    private final ObjectMapper json;
    private final int maxLength;
    /** The columns read as true or false: the boolean attributes of users and groups, and publishUnassigned. */
    private static final Set<String> BOOLEANS = named(AttributeKind.BOOLEAN, "publishUnassigned");
    /** The columns read as lists separated by ';': the text-list attributes (businessPhones). */
    private static final Set<String> LISTS = named(AttributeKind.TEXT_LIST);

    private List<String> header;

    CsvReader(Reader in, ObjectMapper json, int maxLength) {
        this.lines = new LineSource(in, maxLength);
        this.json = json;
        this.maxLength = maxLength;
    }

    @Override
    public ImportRow next() throws IOException {
        while (true) {
            String line = lines.next();
            if (line == null) {
                return null;
            }
            if (line == LineSource.TOO_LONG) {
                return ImportRow.unreadable(lines.lineNumber(), null,
                        "the row is longer than " + maxLength + " characters");
            }
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = split(line);
            if (cells == null) {
                return ImportRow.unreadable(lines.lineNumber(), null, "unbalanced quotes");
            }
            if (header == null) {
                header = cells.stream().map(String::trim).toList();
                continue;
            }
            if (cells.size() != header.size()) {
                return ImportRow.unreadable(lines.lineNumber(), null,
                        "has " + cells.size() + " cells but the header names " + header.size() + " fields");
            }
            return toRow(lines.lineNumber(), cells);
        }
    }

    private ImportRow toRow(long line, List<String> cells) {
        ObjectNode row = json.createObjectNode();
        for (int i = 0; i < cells.size(); i++) {
            String name = header.get(i);
            String value = cells.get(i);
            if (value.isEmpty()) {
                continue;
            }
            if (name.startsWith("extension_")) {
                ObjectNode extensions = row.has("extensionAttributes")
                        ? (ObjectNode) row.get("extensionAttributes") : row.putObject("extensionAttributes");
                extensions.put(name, value);
            } else if (LISTS.contains(name)) {
                ArrayNode phones = row.putArray(name);
                for (String phone : value.split(";")) {
                    phones.add(phone.trim());
                }
            } else if (BOOLEANS.contains(name)) {
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    return ImportRow.unreadable(line, name, "must be true or false");
                }
                row.put(name, Boolean.parseBoolean(value.toLowerCase()));
            } else {
                row.put(name, value);
            }
        }
        return ImportRow.of(line, row);
    }

    /** The cells of one line, or null when its quotes do not balance. */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        cells.add(cell.toString());
        return cells;
    }

    private static Set<String> named(AttributeKind kind, String... more) {
        Set<String> names = new HashSet<>(List.of(more));
        for (AttributeList list : List.of(UserAttributes.ALL, GroupAttributes.ALL)) {
            list.all().stream().filter(a -> a.kind() == kind).forEach(a -> names.add(a.name()));
        }
        return Set.copyOf(names);
    }
}
