package booth.tools;

import booth.bench.DaemonBenchmark;
import booth.bench.KafkaBenchmark;
import booth.bench.PlateBenchmark;
import booth.chaos.ChaosCommand;
import booth.cluster.BoothFilesCommand;
import booth.cluster.ClusterCheck;
import booth.cluster.LocalClusterCommand;
import booth.cluster.LocalKafkaCommand;
import booth.protocol.command.ManPages;
import booth.protocol.command.Program;
import booth.screen.BoothScreenCommand;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every command of the staff laptop and the booth builder (the booth screen and the tools); the
 * client Pi's are {@code booth.daemon.PiPrograms}, which the tools do not see. The tests run
 * {@code --help}, {@code --version} and a bad option over both lists, and check the man pages
 * and docs/exit-codes.md against them. {@code demo-scripts/man} writes the pages with
 * {@link #main} (and the Pi's with PiPrograms').
 */
public final class Programs {
    /** The man page writer of every program that has a page: {@code man-pages DIRECTORY}. */
    public static final Program MAN_PAGES = Program.of((out, err) -> new ManPages(Programs.ALL));

    public static final List<Program> ALL = Stream.of(BoothScreenCommand.PROGRAM, LocalClusterCommand.PROGRAM,
            LocalKafkaCommand.PROGRAM, BoothFilesCommand.PROGRAM,
            ClusterCheck.PROGRAM, ChaosCommand.PROGRAM, DaemonBenchmark.PROGRAM, KafkaBenchmark.PROGRAM,
            PlateBenchmark.PROGRAM, MAN_PAGES).toList();

    private Programs() {
    }

    public static void main(String[] args) {
        System.exit(MAN_PAGES.run(args));
    }
}
