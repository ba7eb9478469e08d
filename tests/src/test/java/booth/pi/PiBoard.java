package booth.pi;

import java.util.List;

/**
 * A Raspberry Pi as its software sees it: what board detection reads (Pi4J 2.8 reads the
 * {@code Revision} line of /proc/cpuinfo, then /proc/device-tree/model) and the GPIO chips
 * under /dev, each found by its kernel's name and label.
 *
 * @param revision the board's revision code, as /proc/cpuinfo gives it
 * @param model    /proc/device-tree/model, without its closing NUL
 * @param core     what /proc/cpuinfo says of each of its four cores
 * @param chips    /dev/gpiochipN in the order of their numbers; the 40-pin header's is the one
 *                 whose label starts "pinctrl-"
 */
public record PiBoard(String revision, String model, Core core, List<Chip> chips) {
    /** A core as /proc/cpuinfo describes it: its features, and the Arm part it is. */
    public record Core(String features, String variant, String part, String revision) {
    }

    /** A GPIO chip: its device's name (gpiochipN), its label, how many lines it has. */
    public record Chip(String name, String label, int lines) {
    }

    public PiBoard {
        chips = List.copyOf(chips);
    }

    /**
     * A Raspberry Pi 4 Model B (4 GB, rev 1.4) on Raspberry Pi OS's 6.6 and later kernels: the
     * header's lines on gpiochip0, the firmware's expander on gpiochip1.
     */
    public static final PiBoard PI_4 = new PiBoard("c03114", "Raspberry Pi 4 Model B Rev 1.4",
            new Core("fp asimd evtstrm crc32 cpuid", "0x0", "0xd08", "3"), // Cortex-A72
            List.of(
            new Chip("gpiochip0", "pinctrl-bcm2711", 58),
            new Chip("gpiochip1", "raspberrypi-exp-gpio", 8)));

    /**
     * A Raspberry Pi 5 Model B (8 GB, rev 1.0) as its kernels before 6.6.45 numbered its chips:
     * the SoC's four GPIO blocks first, the header's lines (the RP1's) on gpiochip4. Kernels since
     * renumber it gpiochip0; this layout is the one that shows the chip is found by its label.
     */
    public static final PiBoard PI_5 = new PiBoard("d04170", "Raspberry Pi 5 Model B Rev 1.0",
            new Core("fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop asimddp",
                    "0x4", "0xd0b", "1"), // Cortex-A76
            List.of(
            new Chip("gpiochip0", "gpio-brcmstb@107d508500", 32),
            new Chip("gpiochip1", "gpio-brcmstb@107d508520", 4),
            new Chip("gpiochip2", "gpio-brcmstb@107d517c00", 17),
            new Chip("gpiochip3", "gpio-brcmstb@107d517c20", 6),
            new Chip("gpiochip4", "pinctrl-rp1", 54)));

    /** The chip of the 40-pin header. */
    public Chip header() {
        return chips.stream().filter(c -> c.label().startsWith("pinctrl-")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no pinctrl- chip on " + model));
    }

    /**
     * /proc/cpuinfo as the board's arm64 kernel writes it: four cores, then the lines that name
     * the board (HotSpot reads the cores' lines, Pi4J the {@code Revision}).
     */
    public String cpuinfo() {
        StringBuilder b = new StringBuilder();
        for (int cpu = 0; cpu < 4; cpu++) {
            b.append("processor\t: ").append(cpu).append("\nBogoMIPS\t: 108.00\nFeatures\t: ").append(core.features())
                    .append("\nCPU implementer\t: 0x41\nCPU architecture: 8\nCPU variant\t: ").append(core.variant())
                    .append("\nCPU part\t: ").append(core.part()).append("\nCPU revision\t: ").append(core.revision())
                    .append("\n\n");
        }
        return b.append("Revision\t: ").append(revision).append("\nSerial\t\t: 10000000b00c5000\nModel\t\t: ")
                .append(model).append('\n').toString();
    }
}
