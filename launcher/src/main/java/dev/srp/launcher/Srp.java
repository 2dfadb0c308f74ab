package dev.srp.launcher;

import dev.srp.contract.SrpException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: parses the command line and turns errors into one line and an exit code. */
@Command(name = "srp", mixinStandardHelpOptions = true, versionProvider = SrpVersion.class,
        resourceBundle = "dev.srp.launcher.Help",
        description = "Streaming video super-resolution on Kafka.",
        subcommands = {UpscaleCommand.class, IngestCommand.class, WorkerCommand.class, EgressCommand.class,
                BenchCommand.class, PayloadBenchCommand.class, MasksCommand.class})
public final class Srp implements Runnable {
    /** Exit code for errors the user can fix (bad input, bad options). */
    public static final int EXIT_USER_ERROR = 2;
    /** Exit code for failures srp did not expect. */
    public static final int EXIT_INTERNAL_ERROR = 3;

    public static void main(String[] args) {
        boolean verbose = verbose(Arrays.asList(args), System.getenv());
        Logging.configure(verbose);
        System.exit(run(verbose, args));
    }

    /**
     * {@code --verbose}/{@code -v}, or {@code SRP_VERBOSE=true} as for every option: read before the command line
     * is parsed, since the log levels must be set before the first logger exists.
     */
    static boolean verbose(List<String> args, Map<String, String> env) {
        return args.contains("--verbose") || args.contains("-v")
                || Boolean.parseBoolean(env.get(EnvironmentDefaults.envName("--verbose")));
    }

    /** Runs srp and returns its exit code (tests call this instead of main). */
    public static int run(boolean verbose, String... args) {
        CommandLine cli = new CommandLine(new Srp());
        cli.setDefaultValueProvider(new EnvironmentDefaults());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(e, verbose));
        cli.setParameterExceptionHandler((e, a) -> {
            System.err.println("srp: " + e.getMessage() + " (see 'srp " + commandName(e.getCommandLine())
                    + " --help')");
            return EXIT_USER_ERROR;
        });
        return cli.execute(args);
    }

    private static String commandName(CommandLine c) {
        return c.getCommandName().equals("srp") ? "" : c.getCommandName();
    }

    static int report(Throwable e, boolean verbose) {
        SrpException user = findSrpException(e);
        if (user != null) {
            System.err.println("srp: error: " + user.oneLine());
            if (verbose) {
                e.printStackTrace();
            }
            return EXIT_USER_ERROR;
        }
        System.err.println("srp: internal error: " + e + " -- rerun with --verbose for the stack trace");
        if (verbose) {
            e.printStackTrace();
        }
        return EXIT_INTERNAL_ERROR;
    }

    private static SrpException findSrpException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SrpException s) {
                return s;
            }
        }
        return null;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
