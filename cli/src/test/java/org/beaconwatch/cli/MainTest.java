package org.beaconwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class MainTest {
    @Test
    void helpListsExitCodes() {
        CliRunner.Result r = CliRunner.run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Exit codes:").contains("3   detect found alerts");
    }

    @Test
    void versionNamesTheTool() {
        CliRunner.Result r = CliRunner.run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("beaconwatch 0.");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRunner.Result r = CliRunner.run("--no-such-option");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option");
    }

    @Test
    void theSubcommandTableNamesEachCommandAsItsAnnotationDoes() {
        for (Map.Entry<String, Class<?>> sub : Main.SUBCOMMANDS) {
            assertThat(sub.getValue().getAnnotation(Command.class).name()).isEqualTo(sub.getKey());
        }
    }

    @Test
    void aCommandLineBuildsOnlyTheCommandItNames() {
        assertThat(Main.commandLine(new String[] {"detect", "x.log"}).getSubcommands()).containsOnlyKeys("detect");
        assertThat(Main.commandLine(new String[] {"--debug", "inspect", "--help"}).getSubcommands()).containsOnlyKeys("inspect");
        assertThat(Main.commandLine(new String[] {"--version"}).getSubcommands()).isEmpty();
        String[] all = Main.SUBCOMMANDS.stream().map(Map.Entry::getKey).toArray(String[]::new);
        for (String[] args : new String[][] {{}, {"--help"}, {"help", "detect"}, {"detcet"}, {"--bogus", "detect"}, {"-V", "detect"}}) {
            assertThat(Main.commandLine(args).getSubcommands()).as(String.join(" ", args)).containsOnlyKeys(all);
        }
    }

    @Test
    void helpListsEveryCommandAndAMisspeltCommandIsAUsageErrorWithSuggestions() {
        CliRunner.Result help = CliRunner.run("--help");
        for (Map.Entry<String, Class<?>> sub : Main.SUBCOMMANDS) {
            assertThat(help.out()).contains("  " + sub.getKey() + " ");
        }
        CliRunner.Result misspelt = CliRunner.run("detcet", "conn.log");
        assertThat(misspelt.exitCode()).isEqualTo(2);
        assertThat(misspelt.err()).contains("Did you mean").contains("detect");
    }

    @Test
    void theInheritedDebugOptionReachesACommandBuiltAlone() {
        CommandLine cl = Main.commandLine(new String[] {"detect", "--debug", "x.log"});
        assertThat(cl.getSubcommands().get("detect").getCommandSpec().findOption("--debug")).isNotNull();
        CliRunner.Result r = CliRunner.run("detect", "--debug", "no-such-file.log");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("no-such-file.log");
    }
}
