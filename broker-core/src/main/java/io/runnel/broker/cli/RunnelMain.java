package io.runnel.broker.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code runnel} command line: the entry point of the launcher script at the repository root.
 * Sub-commands: {@code broker} (run a broker in the foreground).
 */
@Command(name = "runnel", mixinStandardHelpOptions = true, version = "Runnel 0.1.0-SNAPSHOT",
        description = "Runnel: a Jakarta Messaging 3.1 broker on a replicated, partitioned log.",
        subcommands = {BrokerCommand.class})
public final class RunnelMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RunnelMain()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a sub-command is required (try 'runnel broker')");
    }
}
