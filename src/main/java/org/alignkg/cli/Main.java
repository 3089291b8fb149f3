package org.alignkg.cli;

import org.alignkg.AlignKgException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Entry point of {@code alignkg}. Exit codes: 0 ok, 1 bug (with stack trace), 2 usage error,
 * 65 invalid input, 69 a server alignkg needs does not answer (--server), 75 store busy or query timed out.
 */
@Command(name = "alignkg", mixinStandardHelpOptions = true, version = "alignkg 0.1.0",
    description = "A knowledge graph of the limitations of AI-alignment research plans.",
    subcommands = { SyncCommand.class, LoadCommand.class, ValidateCommand.class, QueryCommand.class,
        StatsCommand.class, ExportCommand.class, ExportGraphCommand.class, ServeCommand.class, LinkCommand.class,
        ImportCommand.class, SearchCommand.class, GenerateCommand.class, BackupCommand.class, RestoreCommand.class, TrainCommand.class, EvaluateCommand.class, SimilarCommand.class,
        CommandLine.HelpCommand.class })
public final class Main implements Runnable {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests call {@code execute} on it in-process. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(ERRORS);
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Errors a user can act on print one line (or a short list); bugs keep their stack trace. */
    private static final IExecutionExceptionHandler ERRORS = (e, cmd, parsed) -> {
        if (!(e instanceof AlignKgException known)) throw e;
        cmd.getErr().println("alignkg: " + known.getMessage());
        cmd.getErr().flush();
        return known.exitCode();
    };
}
