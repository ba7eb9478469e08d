package booth.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MavenClasspathTest {
    @Test
    void progressCountsMavensDownloadedLinesAndTheirSizes() {
        assertEquals("3 files downloaded (2.5 MB)", MavenClasspath.downloaded(List.of(
                "[INFO] Scanning for projects...",
                "Downloading from central: https://repo.example/a.jar",
                "Downloaded from central: https://repo.example/a.jar (2.0 MB at 4.1 MB/s)",
                "[INFO] Downloaded from central: https://repo.example/b.pom (500 kB at 1.0 MB/s)",
                "Downloaded from central: https://repo.example/c.sha1 (40 B at 1 kB/s)")));
        assertEquals("0 files downloaded (0.0 MB)", MavenClasspath.downloaded(List.of("[INFO] BUILD SUCCESS")));
    }
}
