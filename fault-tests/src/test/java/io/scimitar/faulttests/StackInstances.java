package io.scimitar.faulttests;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How many instances of each service the {@link FaultStack} of a test class runs (one each without this annotation);
 * classes asking for the same numbers share one stack.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface StackInstances {

    int provisioners() default 1;

    int assignmentServices() default 1;

    /** The numbers as a value. */
    record Count(int provisioners, int assignmentServices) {

        static final Count ONE_EACH = new Count(1, 1);

        static Count of(Class<?> testClass) {
            StackInstances annotation = testClass.getAnnotation(StackInstances.class);
            return annotation == null ? ONE_EACH
                    : new Count(annotation.provisioners(), annotation.assignmentServices());
        }
    }
}
