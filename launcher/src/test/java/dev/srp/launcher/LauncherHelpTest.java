package dev.srp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** The help texts live in Help.properties, apart from the options: every option has one, and none is stale. */
class LauncherHelpTest {
    private static final String BUNDLE = "/dev/srp/launcher/Help.properties";

    @Test
    void everyOptionAndParameterOfEveryCommandHasAHelpText() {
        List<String> undescribed = new ArrayList<>();
        for (CommandSpec command : commands()) {
            for (ArgSpec arg : command.args()) {
                String text = String.join(" ", arg.description()).strip();
                if (text.isEmpty() || text.contains("${bundle")) {
                    undescribed.add(command.qualifiedName() + " " + arg.paramLabel() + " " + names(arg));
                }
            }
        }
        assertEquals(List.of(), undescribed);
    }

    @Test
    void everyHelpTextBelongsToAnOptionOrParameter() throws IOException {
        Set<String> used = new HashSet<>();
        for (CommandSpec command : commands()) {
            for (ArgSpec arg : command.args()) {
                used.add(key(arg));
                used.add(command.qualifiedName(".") + "." + key(arg));
            }
        }
        Properties bundle = new Properties();
        try (InputStream in = LauncherHelpTest.class.getResourceAsStream(BUNDLE)) {
            bundle.load(in);
        }
        Set<String> stale = new TreeSet<>(bundle.stringPropertyNames());
        stale.removeAll(used);
        assertEquals(Set.of(), stale);
    }

    private static List<CommandSpec> commands() {
        List<CommandSpec> all = new ArrayList<>();
        CommandLine root = new CommandLine(new Srp());
        all.add(root.getCommandSpec());
        root.getSubcommands().values().forEach(sub -> all.add(sub.getCommandSpec()));
        return all;
    }

    /** picocli's key: the one given, else an option's longest name without its dashes. */
    private static String key(ArgSpec arg) {
        if (!arg.descriptionKey().isEmpty() || !arg.isOption()) {
            return arg.descriptionKey();
        }
        return ((CommandLine.Model.OptionSpec) arg).longestName().replaceFirst("^-+", "");
    }

    private static String names(ArgSpec arg) {
        return arg.isOption() ? String.join("/", ((CommandLine.Model.OptionSpec) arg).names()) : "";
    }
}
