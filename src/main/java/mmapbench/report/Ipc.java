package mmapbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The shared-memory rows: latency per channel and payload, and SHM_SPIN's speed-up over the others. */
public final class Ipc {

    public static final String QUESTION = "SharedMemoryPingPong";
    public static final String SPIN = "SHM_SPIN";

    /** Latencies in nanoseconds; percentiles are NaN when the run had no sample mode. */
    public record Latency(String channel, int payload, double mean, double p50, double p99, double p999, double max) {
        /** The figure to compare channels by: the median where there is one, else the mean. */
        public double typical() {
            return Double.isNaN(p50) ? mean : p50;
        }
    }

    public record SpeedUp(int payload, String other, double ratio) {
    }

    private Ipc() {
    }

    public static List<Latency> latencies(List<Row> rows) {
        // Sample mode wins over average mode for the same channel and payload: it has percentiles.
        Map<String, Latency> byKey = new LinkedHashMap<>();
        for (Row r : rows) {
            if (!r.question().equals(QUESTION) || Double.isNaN(r.score())) {
                continue;
            }
            String key = r.param("channel") + "/" + r.param("payload");
            Map<String, Double> p = r.percentiles();
            Latency l = new Latency(r.param("channel"), Integer.parseInt(r.param("payload")), r.score(),
                    p.getOrDefault("50.0", Double.NaN), p.getOrDefault("99.0", Double.NaN),
                    p.getOrDefault("99.9", Double.NaN), p.getOrDefault("100.0", Double.NaN));
            if (!byKey.containsKey(key) || r.mode().equals("sample")) {
                byKey.put(key, l);
            }
        }
        List<Latency> out = new ArrayList<>(byKey.values());
        out.sort((a, b) -> a.payload() != b.payload() ? Integer.compare(a.payload(), b.payload())
                : Integer.compare(channelOrder(a.channel()), channelOrder(b.channel())));
        return out;
    }

    private static int channelOrder(String c) {
        int i = List.of("SHM_SPIN", "SHM_LOCK", "UNIX_SOCKET", "TCP_LOOPBACK", "PIPE").indexOf(c);
        return i < 0 ? 99 : i;
    }

    /** How many times faster SHM_SPIN's typical round trip is than each other channel's, per payload. */
    public static List<SpeedUp> speedUps(List<Latency> latencies) {
        List<SpeedUp> out = new ArrayList<>();
        for (Latency spin : latencies) {
            if (!spin.channel().equals(SPIN)) {
                continue;
            }
            for (Latency other : latencies) {
                if (other.payload() == spin.payload() && !other.channel().equals(SPIN)) {
                    out.add(new SpeedUp(spin.payload(), other.channel(), other.typical() / spin.typical()));
                }
            }
        }
        return out;
    }
}
