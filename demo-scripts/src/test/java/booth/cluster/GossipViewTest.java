package booth.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GossipViewTest {
    @Test
    void statesAreNodetoolsTwoLetters() {
        assertEquals(Map.of("127.0.1.1", "UN", "127.0.1.2", "DN", "127.0.1.3", "UJ", "127.0.2.1", "DL"),
                GossipView.states(List.of("127.0.1.1", "127.0.1.3"), List.of("127.0.1.2", "127.0.2.1"),
                        List.of("127.0.1.3"), List.of("127.0.2.1"), List.of()));
    }
}
