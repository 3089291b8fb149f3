package org.alignkg.cli;

import java.time.Duration;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --server URL} of the commands that read: ask a running alignkg instead of opening the store. */
final class ServerOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--server", paramLabel = "URL",
        description = { "Ask the alignkg running at URL (e.g. http://127.0.0.1:7070) instead of opening the store,",
            "so this works while 'serve' holds it. Not with --store. A token, where needed, from ALIGNKG_TOKEN." })
    String url;

    /** Whether {@code --server} was given. */
    boolean given() {
        return url != null;
    }

    /**
     * The client of {@code --server}, waiting at most {@code timeout} for each answer. {@code --server}
     * with {@code --store}, or a URL that is not http(s), is a usage error (exit 2).
     */
    ServerClient client(Duration timeout) {
        if (command.commandLine().getParseResult().hasMatchedOption("--store"))
            throw new ParameterException(command.commandLine(),
                "--server and --store exclude each other: --server asks a running alignkg, --store opens a store folder");
        try {
            return ServerClient.of(url, timeout);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), "--server: " + e.getMessage());
        }
    }

    /** The client with the default time limit of a read (60 s). */
    ServerClient client() {
        return client(Duration.ofSeconds(60));
    }
}
