package mmapbench.report;

import mmapbench.ipc.Channel;
import mmapbench.ipc.Cpus;
import mmapbench.param.Parameter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The shared-memory rows: latency per channel, payload and CPU placement, with sample mode's
 * percentiles beside average mode's mean, and the speed-ups of the two shared-memory baselines.
 */
public final class IpcLatencies {

    /** The IPC benchmark's rows: their JMH names start with its class name. */
    static final String BENCHMARK = mmapbench.ipc.SharedMemoryPingPongBenchmark.class.getName() + ".";
    /** The busy-waiting floor and the leanest blocking handoff (one futex call a side): the speed-ups are over these. */
    static final List<Channel> BASELINES = List.of(Channel.SHM_SPIN, Channel.SHM_FUTEX);

    /**
     * Latencies in nanoseconds. {@code p50}..{@code max} and {@code sampleMean} come from sample
     * mode (single round trips timed one by one); {@code averageMean} ± {@code averageError} from
     * average mode (an iteration's time over its round trips, with JMH's 99.9% interval). Either
     * side is NaN when the run lacked that mode. Old results without {@code cpus} ran as ANY.
     */
    public record Latency(Channel channel, int payload, Cpus cpus, double p50, double p99, double p999, double max,
                          double sampleMean, double averageMean, double averageError, List<Double> roundMedians) {
        /** The figure to compare channels by: the median where there is one, else the average-mode mean. */
        public double typical() {
            return !Double.isNaN(p50) ? p50 : !Double.isNaN(averageMean) ? averageMean : sampleMean;
        }
    }

    /**
     * {@code other}'s typical round trip over {@code baseline}'s, at one payload and placement, with
     * its 95% interval over the rounds: the ratio of the two rows' medians round by round (NaN ends
     * where fewer than two rounds have both medians: then the report says it has none).
     */
    public record SpeedUp(int payload, Cpus cpus, Channel baseline, Channel other, double ratio, double low,
                          double high, int rounds) {
        /** "43.1x (95%: 30.2–61.5x, 2 rounds)", or "43.1x (no interval: 1 round)". */
        public String words() {
            return Numbers.fmt(ratio) + "x" + (Double.isFinite(low) && Double.isFinite(high)
                    ? " (95%: " + Numbers.fmt(low) + "–" + Numbers.fmt(high) + "x, " + rounds + " rounds)"
                    : rounds == 0 ? " (no interval: the run kept no round's median)"
                    : " (no interval: " + rounds + (rounds == 1 ? " round" : " rounds") + ")");
        }
    }

    /** The speed-up of {@code other} over {@code base}: the ratio of their medians, paired round by round. */
    static SpeedUp speedUp(Latency base, Latency other) {
        List<List<Double>> o = other.roundMedians().stream().map(List::of).toList();
        List<List<Double>> b = base.roundMedians().stream().map(List::of).toList();
        Interval i = Interval.paired(Spread.of(o), Spread.of(b));
        boolean paired = i.bounded();
        return new SpeedUp(base.payload(), base.cpus(), base.channel(), other.channel(),
                paired ? i.ratio() : other.typical() / base.typical(), paired ? i.low() : Double.NaN,
                paired ? i.high() : Double.NaN, i.forks());
    }

    private IpcLatencies() {
    }

    public static List<Latency> latencies(List<Row> rows) {
        Map<String, Latency> byKey = new LinkedHashMap<>();
        for (Row r : rows) {
            Optional<Channel> channel = r.value(Parameter.CHANNEL);
            Optional<Cpus> placement = r.value(Parameter.CPUS);
            Optional<Long> bytes = r.value(Parameter.PAYLOAD);
            if (!r.benchmark().startsWith(BENCHMARK) || Double.isNaN(r.score()) || channel.isEmpty()
                    || placement.isEmpty() || bytes.isEmpty()) {
                continue;
            }
            Cpus cpus = placement.get();
            int payload = Math.toIntExact(bytes.get());
            String key = channel.get() + "/" + payload + "/" + cpus;
            Latency l = byKey.getOrDefault(key, new Latency(channel.get(), payload, cpus, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, List.of()));
            if (r.mode().equals("sample")) {
                Map<String, Double> p = r.percentiles();
                l = new Latency(l.channel(), payload, cpus, p.getOrDefault("50.0", Double.NaN),
                        p.getOrDefault("99.0", Double.NaN), p.getOrDefault("99.9", Double.NaN),
                        p.getOrDefault("100.0", Double.NaN), r.score(), l.averageMean(), l.averageError(),
                        r.forkMedians());
            } else if (r.mode().equals("avgt")) {
                l = new Latency(l.channel(), payload, cpus, l.p50(), l.p99(), l.p999(), l.max(), l.sampleMean(),
                        r.score(), r.error(), l.roundMedians());
            }
            byKey.put(key, l);
        }
        List<Latency> out = new ArrayList<>(byKey.values());
        out.sort(Comparator.comparingInt(Latency::payload).thenComparing(Latency::channel)
                .thenComparing(Latency::cpus));
        return out;
    }

    /**
     * How many times slower each channel's typical round trip is than SHM_SPIN's (the floor) and
     * than SHM_FUTEX's (the leanest blocking handoff, so only over the blocking channels), at the
     * same payload and placement.
     */
    public static List<SpeedUp> speedUps(List<Latency> latencies) {
        List<SpeedUp> out = new ArrayList<>();
        for (Channel baseline : BASELINES) {
            for (Latency base : latencies) {
                if (base.channel() != baseline) {
                    continue;
                }
                for (Latency other : latencies) {
                    if (other.payload() == base.payload() && other.cpus() == base.cpus()
                            && other.channel().compareTo(baseline) > 0) {
                        out.add(speedUp(base, other));
                    }
                }
            }
        }
        return out;
    }

    /** The report's IPC section: the table, what its columns come from, and the speed-ups; empty without IPC rows. */
    public static String markdown(List<Row> rows) {
        List<Latency> latencies = latencies(rows);
        if (latencies.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("## Shared memory IPC: round trip between two JVMs\n\n");
        md.append("p50, p99, p99.9 and the sample mean come from **sample mode** (each round trip timed on its own;"
                + " a few descheduled ones pull its mean up). The **average-mode** mean ± error is an iteration's time"
                + " over its round trips, with JMH's 99.9% interval (none from a single iteration). cpus: ANY = the scheduler's choice, SAME = both"
                + " threads on one CPU, SPLIT = one CPU each. SHM_SPIN under SAME yields the CPU at every look"
                + " (`Thread.yield`) instead of spinning, since a spinner on one CPU waits for a peer that cannot"
                + " run.\n\n");
        md.append("| channel | payload (B) | cpus | p50 (µs, sample) | p99 (µs, sample) | p99.9 (µs, sample) |"
                + " mean (µs, sample) | mean ± error (µs, average) |\n|---|---|---|---|---|---|---|---|\n");
        for (Latency l : latencies) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s |%n", l.channel(), l.payload(),
                    l.cpus(), micros(l.p50()), micros(l.p99()), micros(l.p999()), micros(l.sampleMean()),
                    micros(l.averageMean()) + (Double.isNaN(l.averageError()) ? "" : " ± " + micros(l.averageError()))));
        }
        md.append('\n');
        List<SpeedUp> speedUps = speedUps(latencies);
        for (Channel baseline : BASELINES) {
            md.append(speedUpTable(baseline, speedUps));
        }
        md.append(placement(latencies));
        return md.toString();
    }

    /** One line per payload and cpus, one column per channel: how many times longer than {@code baseline}. */
    private static String speedUpTable(Channel baseline, List<SpeedUp> speedUps) {
        List<SpeedUp> mine = speedUps.stream().filter(s -> s.baseline() == baseline).toList();
        if (mine.isEmpty()) {
            return "";
        }
        List<Channel> channels = mine.stream().map(SpeedUp::other).distinct().sorted().toList();
        StringBuilder md = new StringBuilder("How many times longer a round trip takes than " + baseline.name()
                + "'s, same payload and cpus (medians, else average-mode means):\n\n| payload (B) | cpus | "
                + String.join(" | ", channels.stream().map(Channel::name).toList()) + " |\n|---|---|" + "---|".repeat(channels.size()) + "\n");
        md.insert(md.indexOf(":\n\n") + 1, " each with its 95% interval over the rounds, from the ratio of the two"
                + " rows' medians round by round");
        Map<String, Map<Channel, SpeedUp>> lines = new LinkedHashMap<>();
        for (SpeedUp s : mine) {
            lines.computeIfAbsent(s.payload() + " | " + s.cpus(), k -> new LinkedHashMap<>()).put(s.other(), s);
        }
        lines.forEach((line, ratios) -> {
            md.append("| ").append(line).append(" |");
            for (Channel c : channels) {
                SpeedUp r = ratios.get(c);
                md.append(r == null ? " |" : " " + r.words() + " |");
            }
            md.append('\n');
        });
        return md.append('\n').toString();
    }

    /** SPLIT's typical round trip over SAME's, per channel and payload: what waking the other CPU costs. */
    private static String placement(List<Latency> latencies) {
        StringBuilder md = new StringBuilder();
        for (Latency same : latencies) {
            if (same.cpus() != Cpus.SAME) {
                continue;
            }
            for (Latency split : latencies) {
                if (split.cpus() == Cpus.SPLIT && split.channel() == same.channel()
                        && split.payload() == same.payload()) {
                    md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %.2fx |%n", same.channel(),
                            same.payload(), micros(same.typical()), micros(split.typical()),
                            split.typical() / same.typical()));
                }
            }
        }
        if (md.isEmpty()) {
            return "";
        }
        return "What placement costs: one CPU each (SPLIT) against both on one (SAME):\n\n| channel | payload (B) |"
                + " SAME (µs) | SPLIT (µs) | SPLIT / SAME |\n|---|---|---|---|---|\n" + md + "\n";
    }

    private static String micros(double nanos) {
        if (Double.isNaN(nanos)) {
            return "";
        }
        double v = nanos / 1000;
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", v);
    }
}
