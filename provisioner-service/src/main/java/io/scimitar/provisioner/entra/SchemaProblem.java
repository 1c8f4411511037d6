package io.scimitar.provisioner.entra;

import io.scimitar.provisioner.error.Problem;
import io.scimitar.provisioner.error.ProblemException;

import java.util.List;

/** A synchronization schema that cannot be read: a 400 problem naming the JSON pointer of what is wrong. */
final class SchemaProblem {

    private SchemaProblem() {
    }

    static ProblemException at(String pointer, String message) {
        return at(pointer, message, null);
    }

    static ProblemException at(String pointer, String message, Integer position) {
        return new ProblemException(400, "Invalid synchronization schema", pointer + ": " + message,
                List.of(new Problem.FieldError(pointer, message, position)));
    }
}
