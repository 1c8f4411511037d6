package io.scimitar.faulttests;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the one {@link FaultStack} of the JVM: started by the first test class that asks for it, closed by
 * JUnit after the last one (it lives in the root context's store). A class that asks for other numbers of instances
 * ({@link StackInstances}) gets a new stack, the previous one being closed first (the classes that ask for more
 * instances run last, see {@code junit-platform.properties}, so that the one-instance stack starts once).
 */
final class FaultStackExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FaultStack.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == FaultStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        StackInstances.Count wanted = StackInstances.Count.of(context.getRequiredTestClass());
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        synchronized (FaultStackExtension.class) {
            FaultStack running = store.get(FaultStack.class, FaultStack.class);
            if (running != null && !running.instances().equals(wanted)) {
                store.remove(FaultStack.class, FaultStack.class);
                running.close();
            }
            RuntimeException failed = store.get(wanted, RuntimeException.class);
            if (failed != null) {
                throw new IllegalStateException("The stack with " + wanted + " did not start", failed);
            }
            try {
                return store.computeIfAbsent(FaultStack.class, key -> FaultStack.start(wanted), FaultStack.class);
            } catch (RuntimeException e) {
                // not started again for the class's next parameter (its @AfterAll): once is enough to fail
                store.put(wanted, e);
                throw e;
            }
        }
    }
}
