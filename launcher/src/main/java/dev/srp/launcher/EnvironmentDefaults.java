package dev.srp.launcher;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every option can also come from the environment: {@code --batch-size} reads {@code SRP_BATCH_SIZE}. Containers
 * configure srp this way with the same names as the command line.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {
    private final java.util.function.UnaryOperator<String> environment;

    EnvironmentDefaults() {
        this(System::getenv);
    }

    /** Reads a given environment, such as a container's from a deployment file. */
    EnvironmentDefaults(java.util.function.UnaryOperator<String> environment) {
        this.environment = environment;
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (argSpec instanceof OptionSpec option) {
            String value = environment.apply(envName(option.longestName()));
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return argSpec.defaultValue();
    }

    static String envName(String longOption) {
        return "SRP_" + longOption.replaceFirst("^-+", "").replace('-', '_').toUpperCase(java.util.Locale.ROOT);
    }
}
