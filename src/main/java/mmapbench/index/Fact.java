package mmapbench.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fact about the machine a run measured that decides whether a mapping is 10x faster there, as
 * its {@code environment.json} records it: what a system call costs (CPU, kernel, hypervisor,
 * mitigations), what a fault reads and maps (read_ahead_kb, THP, file system), and the JDK. A fact
 * the file lacks (a run made before it was captured, or a file written by hand) is "unknown".
 */
enum Fact {
    PROFILE("profile", "profile"),
    CPU("cpu", "CPU"),
    KERNEL("kernel", "kernel"),
    HYPERVISOR("hypervisor", "hypervisor"),
    /** Of /sys/devices/system/cpu/vulnerabilities: the kernel's speculation mitigations, a map of name to text. */
    MITIGATIONS("mitigations", "mitigations"),
    READ_AHEAD_KB("readAheadKb", "read_ahead_kb"),
    THP("transparentHugepages", "THP"),
    FILE_SYSTEM("filesystem", "file system"),
    JDK("jdk", "JDK");

    static final String UNKNOWN = "unknown";

    /** Its key in environment.json. */
    final String key;
    /** Its column's heading. */
    final String heading;

    Fact(String key, String heading) {
        this.key = key;
        this.heading = heading;
    }

    /** Its value in {@code environment}, for a table cell; {@value #UNKNOWN} where the run lacks it. */
    String of(Map<String, Object> environment) {
        Object v = environment.get(key);
        if (v == null || v.toString().isBlank()) {
            return UNKNOWN;
        }
        return this == MITIGATIONS ? mitigations(v) : v.toString();
    }

    /**
     * E.g. "4 mitigated, 2 vulnerable (retbleed, spec_store_bypass), 13 not affected": the kernel's
     * own words for each ("Mitigation: ...", "Vulnerable...", "Not affected"), counted; the
     * vulnerable ones are named, since a mitigation turned off is what makes a system call cheaper.
     */
    static String mitigations(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return value.toString();
        }
        if (map.isEmpty()) {
            return UNKNOWN;
        }
        int mitigated = 0;
        int notAffected = 0;
        List<String> vulnerable = new ArrayList<>();
        List<String> unclear = new ArrayList<>();
        for (Map.Entry<String, String> e : texts(map).entrySet()) {
            if (e.getValue().startsWith("Not affected")) {
                notAffected++;
            } else if (e.getValue().startsWith("Mitigation")) {
                mitigated++;
            } else if (e.getValue().startsWith("Vulnerable")) {
                vulnerable.add(e.getKey());
            } else {
                unclear.add(e.getKey());
            }
        }
        List<String> parts = new ArrayList<>();
        parts.add(mitigated + " mitigated");
        parts.add(vulnerable.size() + " vulnerable" + (vulnerable.isEmpty() ? "" : " (" + String.join(", ", vulnerable)
                + ")"));
        parts.add(notAffected + " not affected");
        if (!unclear.isEmpty()) {
            parts.add(unclear.size() + " unclear (" + String.join(", ", unclear) + ")");
        }
        return String.join(", ", parts);
    }

    private static Map<String, String> texts(Map<?, ?> map) {
        Map<String, String> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v).trim()));
        return out;
    }
}
