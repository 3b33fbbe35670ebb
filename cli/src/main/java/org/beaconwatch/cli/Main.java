package org.beaconwatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Command-line entry point. */
@Command(name = "beaconwatch", mixinStandardHelpOptions = true,
        description = "Finds command-and-control beaconing and other malicious traffic in network logs.")
public final class Main implements Runnable {
    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
