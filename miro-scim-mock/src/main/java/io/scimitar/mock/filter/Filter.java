package io.scimitar.mock.filter;

import com.fasterxml.jackson.databind.JsonNode;

/** A parsed SCIM filter expression (RFC 7644 §3.4.2.2). */
public sealed interface Filter {

    record And(Filter left, Filter right) implements Filter {
    }

    record Or(Filter left, Filter right) implements Filter {
    }

    record Not(Filter inner) implements Filter {
    }

    /** {@code attrPath op value}. */
    record Compare(AttributePath path, ComparisonOperator operator, JsonNode value) implements Filter {
    }

    /** {@code attrPath pr}. */
    record Present(AttributePath path) implements Filter {
    }

    /** {@code attr[inner]}: some element of the multi-valued attribute matches {@code inner}. */
    record ValuePath(AttributePath attribute, Filter inner) implements Filter {
    }
}
