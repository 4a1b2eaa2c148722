package mmapbench.report;

import mmapbench.file.Question;
import mmapbench.fixture.CacheState;
import mmapbench.fixture.Folios;
import mmapbench.fixture.Sizes;
import mmapbench.ipc.Channel;
import mmapbench.ipc.Cpus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The report's first lines: the lecture's three claims answered in words, each with its decisive
 * figures and the setting that decides them, then the control. Built from the verdicts and
 * comparisons the rest of the report prints ({@link Verdict}), never judged again here.
 */
record BottomLineSection(List<Verdict.QuestionVerdict> verdicts, List<Comparison> comparisons, Control control,
                         Map<String, Object> environment, List<IpcLatencies.Latency> latencies, String tail)
        implements Section {

    /** Where a resident or evicted file's pages are: what decides a pair beside its block size. */
    private enum Where {
        PAGE_CACHE("in the page cache"),
        SMALL_FOLIOS("in 4 KiB folios"),
        DEVICE("from the device");

        final String words;

        Where(String words) {
            this.words = words;
        }

        static Where of(Group g) {
            return g.cache() == CacheState.COLD ? DEVICE : g.folios() == Folios.SMALL ? SMALL_FOLIOS : PAGE_CACHE;
        }
    }

    @Override
    public String markdown() {
        List<String> lines = new ArrayList<>();
        for (Question.Claim claim : Question.Claim.values()) {
            claimLine(claim).ifPresent(lines::add);
        }
        if (!tail.isEmpty()) {
            lines.add("**Slow reads**: " + tail);
        }
        ipcLine().ifPresent(lines::add);
        if (control.present()) {
            lines.add(controlLine());
        }
        if (lines.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder();
        lines.forEach(l -> md.append("- ").append(l).append('\n'));
        return md.append('\n').toString();
    }

    private Optional<String> claimLine(Question.Claim claim) {
        List<String> answers = new ArrayList<>();
        boolean fromDevice = false;
        for (Verdict.QuestionVerdict v : verdicts) {
            if (v.variant().plain() && v.claim() == claim && v.answer() != Verdict.Answer.NO_DATA) {
                answers.add(answer(v));
                fromDevice |= comparisons.stream().anyMatch(c -> c.decisive() && c.group().variant().plain()
                        && c.group().question() == v.question() && c.group().cache() == CacheState.COLD);
            }
        }
        if (answers.isEmpty()) {
            return Optional.empty();
        }
        String head = claim == Question.Claim.MAPPED_TEN_X_FASTER ? "Random access, \"a mapping is about 10x faster\""
                : "Sequential access, \"reversed: streams are faster\"";
        Object readAhead = environment.get("readAheadKb");
        return Optional.of("**" + head + "**: " + String.join("; ", answers) + "."
                + (fromDevice && readAhead != null ? " From the device, `read_ahead_kb` = " + readAhead + " KiB decides"
                + " how much each miss reads: a mapped fault reads that far around its page." : ""));
    }

    /** One question: its answer, where the claim holds, and how far off it is elsewhere, by where the pages are. */
    private String answer(Verdict.QuestionVerdict v) {
        StringBuilder s = new StringBuilder(v.question().words().toLowerCase(Locale.ROOT).replaceFirst(" \\(.*", ""))
                .append(": **").append(v.answer().label).append("**");
        if (!v.supporting().isEmpty()) {
            s.append(": at ").append(String.join(", ", v.supporting().stream().map(c -> place(c.group()) + " ("
                    + Speed.words(c.interval().ratio()) + ")").toList()));
        }
        Map<Where, List<Comparison>> against = new LinkedHashMap<>();
        for (Comparison c : comparisons) {
            if (c.decisive() && c.group().variant().plain() && c.group().question() == v.question()
                    && c.verdict() != RatioClass.UNDECIDED && !v.supporting().contains(c) && !v.border().contains(c)) {
                against.computeIfAbsent(Where.of(c.group()), w -> new ArrayList<>()).add(c);
            }
        }
        List<String> parts = new ArrayList<>();
        for (Where where : Where.values()) {
            List<Comparison> cs = against.get(where);
            if (cs != null) {
                double low = cs.stream().mapToDouble(c -> c.interval().ratio()).min().orElseThrow();
                double high = cs.stream().mapToDouble(c -> c.interval().ratio()).max().orElseThrow();
                parts.add((parts.isEmpty() ? "a mapping is " : "") + Speed.span(low, high) + " " + where.words);
            }
        }
        if (!parts.isEmpty()) {
            s.append(v.supporting().isEmpty() ? ": " : "; elsewhere ").append(String.join(", ", parts));
        }
        List<String> neither = new ArrayList<>();
        if (!v.border().isEmpty() && v.answer() != Verdict.Answer.ON_THE_BORDER) {
            neither.add(v.border().size() + " on its border, " + String.join(", ", v.border().stream()
                    .map(c -> place(c.group()) + " at " + Speed.words(c.interval().ratio())).toList()));
        }
        if (!v.undecided().isEmpty()) {
            neither.add(v.undecided().size() + " undecided");
        }
        if (!neither.isEmpty()) {
            s.append(" (").append(String.join("; ", neither)).append(")");
        }
        return s.toString();
    }

    private static String place(Group g) {
        return Sizes.format(g.blockSize()) + " " + g.cache() + (g.folios() == Folios.SMALL ? " in 4 KiB folios" : "");
    }

    /**
     * The shared-memory claim at the lecture's payload (else the largest run) and one CPU each
     * (else what ran): shared memory against the fastest other channel, spinning and blocking.
     * A channel "is faster" by the report's own threshold ({@link RatioClass#FASTER_MIN}), judged
     * on its interval over the rounds: faster when the whole interval is above it, not when the
     * whole is below, undecided between; a ratio without an interval (one round) is judged on its
     * figure and says so.
     */
    private Optional<String> ipcLine() {
        if (latencies.isEmpty()) {
            return Optional.empty();
        }
        int payload = latencies.stream().anyMatch(l -> l.payload() == 2000) ? 2000
                : latencies.stream().mapToInt(IpcLatencies.Latency::payload).max().orElseThrow();
        Cpus cpus = latencies.stream().filter(l -> l.payload() == payload).map(IpcLatencies.Latency::cpus)
                .max(Comparator.naturalOrder()).orElseThrow();
        Map<Channel, IpcLatencies.Latency> at = new LinkedHashMap<>();
        latencies.stream().filter(l -> l.payload() == payload && l.cpus() == cpus).forEach(l -> at.put(l.channel(), l));
        Optional<IpcLatencies.Latency> other = at.values().stream().filter(l -> !l.channel().name().startsWith("SHM_"))
                .min(Comparator.comparingDouble(IpcLatencies.Latency::typical));
        IpcLatencies.Latency spin = at.get(Channel.SHM_SPIN);
        IpcLatencies.Latency lock = at.get(Channel.SHM_LOCK);
        if (other.isEmpty() || spin == null && lock == null) {
            return Optional.empty();
        }
        Boolean spinWins = spin == null ? Boolean.FALSE : wins(IpcLatencies.speedUp(spin, other.get()));
        Boolean lockWins = lock == null ? Boolean.FALSE : wins(IpcLatencies.speedUp(lock, other.get()));
        String answer = answer(spinWins, lockWins);
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "**Shared memory between two processes, \"one"
                        + " of the fastest ways\"**: **%s** at %d B, %s: the fastest other channel (%s) takes %s µs a"
                        + " round trip", answer, payload, placement(cpus), other.get().channel(),
                micros(other.get().typical())));
        if (spin != null) {
            s.append(String.format(Locale.ROOT, ", a spinning receiver (SHM_SPIN) %s µs (%s)", micros(spin.typical()),
                    speed(IpcLatencies.speedUp(spin, other.get()))));
        }
        if (lock != null) {
            s.append(String.format(Locale.ROOT, ", the lecture's mutex and condition (SHM_LOCK) %s µs (%s)",
                    micros(lock.typical()), speed(IpcLatencies.speedUp(lock, other.get()))));
        }
        Optional<IpcLatencies.Latency> same = latencies.stream().filter(l -> l.payload() == payload
                && l.cpus() == Cpus.SAME && l.channel() == other.get().channel()).findFirst();
        if (cpus == Cpus.SPLIT && same.isPresent()) {
            s.append(String.format(Locale.ROOT, "; the placement decides the blocking ones: on one CPU (SAME) %s takes"
                    + " %s µs", other.get().channel(), micros(same.get().typical())));
        }
        boolean intervals = spin != null && Double.isFinite(IpcLatencies.speedUp(spin, other.get()).low())
                || lock != null && Double.isFinite(IpcLatencies.speedUp(lock, other.get()).low());
        return Optional.of(s.append(intervals ? " (medians; each speed-up's interval is over the rounds)."
                : " (medians; single figures: no round-to-round interval).").toString());
    }

    /** The claim for the two shared-memory handoffs, each faster (true), not (false) or undecided (null). */
    static String answer(Boolean spin, Boolean lock) {
        if (spin == null && lock == null) {
            return "undecided";
        }
        if (spin == null) {
            return lock ? "holds for the lecture's lock; undecided for a spinning receiver"
                    : "does not hold for the lecture's lock; undecided for a spinning receiver";
        }
        if (lock == null) {
            return spin ? "holds for a spinning receiver; undecided for the lecture's lock"
                    : "does not hold for a spinning receiver; undecided for the lecture's lock";
        }
        return spin && lock ? "holds" : spin ? "holds for a spinning receiver only"
                : lock ? "holds for the lecture's lock only" : "does not hold";
    }

    /** Whether a shared-memory channel beats the other by the threshold: null when its interval straddles it. */
    private static Boolean wins(IpcLatencies.SpeedUp u) {
        if (!Double.isFinite(u.low())) {
            return u.ratio() >= RatioClass.FASTER_MIN;
        }
        return u.low() >= RatioClass.FASTER_MIN ? Boolean.TRUE : u.high() < RatioClass.FASTER_MIN ? Boolean.FALSE : null;
    }

    /** "43.1x faster, 95%: 30.2–61.5x faster over 2 rounds", or the figure alone where there is no interval. */
    private static String speed(IpcLatencies.SpeedUp u) {
        return Speed.words(u.ratio()) + (Double.isFinite(u.low()) ? ", 95%: " + Speed.range(u.low(), u.high())
                + " over " + u.rounds() + " rounds" : ", a single figure: no interval from " + u.rounds() + " round"
                + (u.rounds() == 1 ? "" : "s"));
    }

    private static String placement(Cpus cpus) {
        return switch (cpus) {
            case SPLIT -> "one CPU each (SPLIT)";
            case SAME -> "both on one CPU (SAME)";
            case ANY -> "where the scheduler put them (ANY)";
        };
    }

    private String controlLine() {
        return String.format(Locale.ROOT, "**Control** (fileChannel against itself in %d groups): **%s**, noise floor"
                        + " ±%.0f%%, %d of %d intervals miss 1 (up to %d may by chance)%s.", control.pairs().size(),
                control.passed() ? "passed" : "FAILED", 100 * control.floor(), control.misses(), control.pairs().size(),
                control.allowedMisses(), control.passed() ? "" : ": the figures above are not to be trusted");
    }

    private static String micros(double nanos) {
        return Numbers.fmt(nanos / 1000);
    }
}
