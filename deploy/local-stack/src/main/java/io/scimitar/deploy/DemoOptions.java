package io.scimitar.deploy;

import java.util.List;

/**
 * What {@code ./scimitar run} does once the stack is up.
 *
 * @param load         load the demo directory and provision it (false with {@code --no-demo})
 * @param size         users in the demo directory
 * @param seed         the directory's seed
 * @param follow       print every change after the initial sync
 * @param exitWhenDone stop the stack once the initial sync is done
 */
public record DemoOptions(boolean load, int size, long seed, boolean follow, boolean exitWhenDone) {

    static DemoOptions parse(List<String> arguments) {
        boolean load = true;
        int size = 1000;
        long seed = 42;
        boolean follow = false;
        boolean exit = false;
        for (int i = 0; i < arguments.size(); i++) {
            String option = arguments.get(i);
            switch (option) {
                case "--no-demo" -> load = false;
                case "--follow" -> follow = true;
                case "--exit-when-done" -> exit = true;
                case "--demo-size" -> size = number(arguments, ++i, option);
                case "--seed" -> seed = number(arguments, ++i, option);
                default -> throw new IllegalArgumentException("Unknown option: " + option);
            }
        }
        if (follow && exit) {
            throw new IllegalArgumentException("--follow and --exit-when-done exclude each other");
        }
        return new DemoOptions(load, size, seed, follow, exit);
    }

    private static int number(List<String> arguments, int index, String option) {
        if (index >= arguments.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        try {
            return Integer.parseInt(arguments.get(index).replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, not '" + arguments.get(index) + "'");
        }
    }
}
