package booth.model;

import java.util.List;
import java.util.Optional;

/**
 * One partition as the brokers describe it: its leader, in-sync replicas and eligible leader
 * replicas (KIP-966: replicas that left the in-sync set below min.insync.replicas but hold
 * everything committed, so one may still be elected leader).
 */
public record PartitionView(String topic, int partition, Optional<Integer> leader, List<Integer> replicas,
                            List<Integer> isr, List<Integer> elr, int minInsync) {
    public PartitionView {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
        elr = List.copyOf(elr);
    }
}
