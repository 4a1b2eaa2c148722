package mmapbench.environment;

import mmapbench.fixture.Shell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The machine's description: the parsers against fixture text, the capture against the system's own tools. */
class MachineTest {

    @TempDir
    Path dir;

    private static final String CPUINFO = """
            processor\t: 0
            vendor_id\t: GenuineIntel
            model name\t: Intel(R) Xeon(R) Processor
            flags\t\t: fpu vme de pse tsc msr hypervisor lahf_lm
            
            processor\t: 1
            model name\t: Intel(R) Xeon(R) Processor
            """;

    private static final String LSCPU = """
            Architecture:                         x86_64
            Model name:                           Intel(R) Xeon(R) Processor
            Thread(s) per core:                   1
            Core(s) per socket:                   2
            Socket(s):                            1
            Hypervisor vendor:                    KVM
            Virtualization type:                  full
            L3 cache:                             480 MiB (1 instance)
            Flags:                                fpu vme: odd
            """;

    @Test
    void theCpuModelIsTheFirstModelName() {
        assertEquals("Intel(R) Xeon(R) Processor", Machine.cpuModel(CPUINFO));
        assertNull(Machine.cpuModel("processor\t: 0\nBogoMIPS\t: 50.00\n"), "arm64 prints no model name");
    }

    @Test
    void ramIsMemTotalInGiB() {
        assertEquals("23.5 GiB", Machine.ram("MemTotal:       24684084 kB\nMemFree:        23399912 kB\n"));
        assertNull(Machine.ram("MemFree:        23399912 kB\n"));
    }

    @Test
    void lscpuIsReadAsNameAndValueSplitAtTheFirstColon() {
        Map<String, String> fields = Machine.lscpu(LSCPU);
        assertEquals("fpu vme: odd", fields.get("Flags"));
        assertEquals(Map.of("sockets", "1", "coresPerSocket", "2", "threadsPerCore", "1", "l3", "480 MiB (1 instance)"),
                Machine.topology(fields));
        assertEquals(Map.of(), Machine.lscpu(null), "no lscpu, no fields");
    }

    @Test
    void theHypervisorIsLscpusVendorElseCpuinfosFlag() {
        assertEquals("KVM (full virtualization)", Machine.hypervisor(Machine.lscpu(LSCPU), CPUINFO));
        assertEquals("yes (cpuinfo's hypervisor flag; vendor unknown)", Machine.hypervisor(Map.of(), CPUINFO));
        // A flag that merely contains the word is not the flag.
        assertEquals("none", Machine.hypervisor(Map.of(), "flags\t\t: fpu nohypervisor_x\n"));
        assertNull(Machine.hypervisor(Map.of(), "processor\t: 0\n"));
    }

    @Test
    void haltpollIsItsParametersInNameOrder() throws Exception {
        Files.writeString(dir.resolve("guest_halt_poll_ns"), "200000\n");
        Files.writeString(dir.resolve("guest_halt_poll_allow_shrink"), "Y\n");
        assertEquals("guest_halt_poll_allow_shrink=Y, guest_halt_poll_ns=200000", Machine.haltpoll(dir));
        assertNull(Machine.haltpoll(dir.resolve("absent")), "not loaded");
    }

    @Test
    void theMachineIsWhatItsToolsSay() throws Exception {
        Map<String, Object> env = Machine.capture();
        assertEquals(Shell.output("uname", "-r"), env.get("kernel"));
        assertEquals(Integer.parseInt(Shell.output("nproc")), env.get("cores"));
        long memKb = Long.parseLong(Shell.output("sh", "-c", "free -k | awk '/^Mem:/ {print $2}'"));
        assertEquals(String.format(java.util.Locale.ROOT, "%.1f GiB", memKb / 1048576.0), env.get("ram"));
        assertEquals(Shell.output("sh", "-c", "lscpu | sed -n 's/^Thread(s) per core: *//p'"),
                ((Map<?, ?>) env.get("cpuTopology")).get("threadsPerCore"));
        Path faultAround = Path.of("/sys/kernel/debug/fault_around_bytes");
        String said = (String) env.get("faultAroundBytes");
        if (Files.isReadable(faultAround)) {
            assertEquals(Shell.output("cat", faultAround.toString()), said);
        } else {
            assertTrue(said.startsWith("unreadable: "), "unreadable is said, never left out: " + said);
        }
        Path thp = Path.of("/sys/kernel/mm/transparent_hugepage");
        assumeTrue(Files.isDirectory(thp), "no transparent huge pages on this kernel");
        assertEquals(inForce(thp.resolve("enabled")), env.get("transparentHugepages"));
        assertEquals(inForce(thp.resolve("shmem_enabled")), env.get("transparentHugepagesShmem"));
        assertEquals(inForce(thp.resolve("defrag")), env.get("transparentHugepagesDefrag"));
    }

    @Test
    void theIdleSettingsAreReadWhereTheyExist() throws Exception {
        Map<String, Object> env = Machine.capture();
        Path cpuidle = Path.of("/sys/devices/system/cpu/cpuidle");
        assertEquals(Files.exists(cpuidle.resolve("current_driver"))
                ? Shell.output("cat", cpuidle.resolve("current_driver").toString()) : null, env.get("cpuidleDriver"));
        Path haltpoll = Path.of("/sys/module/haltpoll/parameters");
        assertEquals(Files.isDirectory(haltpoll)
                ? Shell.output("sh", "-c", "export LC_ALL=C; cd " + haltpoll + " && for f in *; do printf '%s=%s, ' \"$f\" \"$(cat $f)\"; done"
                        + " | sed 's/, $//'") : null,
                env.get("haltpoll"));
    }

    /** A field of /proc/cpuinfo's first processor, as grep and sed find it; null when it has none. */
    private static String cpuinfo(String field) throws Exception {
        String v = Shell.output("sh", "-c", "grep -m1 '^" + field + "[[:space:]]*:' /proc/cpuinfo | sed 's/^[^:]*: *//'");
        return v.isEmpty() ? null : v;
    }

    @Test
    void theCpuIdIsWhatCpuinfoSays() throws Exception {
        Map<?, ?> id = (Map<?, ?>) Machine.details().get("cpuId");
        assertEquals(cpuinfo("vendor_id"), id.get("vendor"));
        assertEquals(cpuinfo("model name"), id.get("modelName"));
        assertEquals(cpuinfo("cpu family"), id.get("family"));
        assertEquals(cpuinfo("model"), id.get("model"));
        assertEquals(cpuinfo("stepping"), id.get("stepping"));
        assertEquals(cpuinfo("microcode"), id.get("microcode"));
    }

    @Test
    void theMitigationsAreEachVulnerabilityFileAsCatPrintsIt() throws Exception {
        Path dir = Path.of("/sys/devices/system/cpu/vulnerabilities");
        Map<?, ?> said = (Map<?, ?>) Machine.details().get("mitigations");
        assumeTrue(Files.isDirectory(dir), "this kernel lists no vulnerabilities");
        assertEquals(Shell.output("ls", dir.toString()).lines().toList(), List.copyOf(said.keySet()));
        for (Object name : said.keySet()) {
            assertEquals(Shell.output("cat", dir.resolve((String) name).toString()), said.get(name), (String) name);
        }
        assertTrue(said.containsKey("spectre_v2"), said.toString());
    }

    @Test
    void theClocksourceIsWhatCatPrints() throws Exception {
        assertEquals(Shell.output("cat", "/sys/devices/system/clocksource/clocksource0/current_clocksource"),
                Machine.details().get("clocksource"));
    }

    @Test
    void theCpuIdOfAnotherArchitectureLacksWhatItsCpuinfoLacks() {
        Map<String, String> id = Machine.cpuId("processor\t: 0\nBogoMIPS\t: 50.00\n");
        assertTrue(id.values().stream().allMatch(java.util.Objects::isNull), id.toString());
        assertNull(Machine.mitigations(dir.resolve("absent")));
    }

    /** The bracketed choice of a sysfs list, as sed finds it. */
    private static String inForce(Path file) throws Exception {
        return Shell.output("sed", "s/.*\\[\\(.*\\)\\].*/\\1/", file.toString());
    }
}
