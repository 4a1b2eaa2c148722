package mmapbench.report;

import mmapbench.fio.Fio;
import mmapbench.file.Question;
import mmapbench.fixture.CacheState;
import mmapbench.fixture.Folios;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Java's time per operation over fio's, for the engine the API stands on: Java's own overhead,
 * printed only where both ran in the same cache state and folios. Without a {@value Fio#FILE}
 * beside the result file, one line that says how to get one.
 *
 * <p>fio has no mapping to pre-fault and maps the file afresh for every job, so none of its jobs
 * is HOT (an older {@value Fio#FILE}'s "HOT" jobs were WARM ones). For {@code psync}, which maps
 * nothing, HOT is WARM: a Java HOT row that uses no mapping is compared with fio's WARM job. A
 * Java HOT mapped row is pre-faulted, fio's {@code mmap} job is not: it has no peer.
 */
record FioSection(Path fioFile, List<Measured> measured) implements Section {

    static FioSection beside(Path resultFile, List<Measured> measured) {
        return new FioSection(resultFile.toAbsolutePath().resolveSibling(Fio.FILE), measured);
    }

    @Override
    public String markdown() {
        if (!Files.isRegularFile(fioFile)) {
            return "No fio cross-check in this run (`./run-bench.sh --with-fio`; fio: apt-get install fio).\n\n";
        }
        List<Fio.Result> fio;
        try {
            fio = Fio.read(fioFile);
        } catch (IOException e) {
            return "The fio cross-check cannot be read: " + e.getMessage() + "\n\n";
        }
        StringBuilder md = new StringBuilder("## Java against fio\n\n");
        md.append("Each Java API's time per operation divided by fio's on the same file, block size and pattern, with"
                + " the engine the API stands on (mapped APIs: `mmap`; the others: `psync`), where both ran in the same"
                + " cache state and folios: fio's job in the state the suite's own fixture establishes and checks"
                + " before it starts. 1.0 means Java adds nothing; the excess is Java's own overhead. fio maps the"
                + " file afresh for every job and has no mapping to pre-fault, so it has no HOT: for `psync`, which"
                + " maps nothing, HOT is WARM, and a Java HOT row that maps nothing is compared with fio's WARM job;"
                + " a Java HOT mapped row (pre-faulted) has no fio peer and is left out. fio has no pattern for "
                + String.join(" or ", Arrays.stream(Question.values())
                .filter(q -> !q.crossCheckedByFio()).map(Question::label).toList()) + ".\n\n");
        md.append("| question | block | API | Java state | Java (ns/op) | fio engine | fio state | fio (ns/op) | Java / fio |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        int hotMapped = 0;
        int unpaired = 0;
        for (Measured m : measured) {
            Row r = m.row();
            if (!m.group().variant().plain() || r.control() || !m.group().question().crossCheckedByFio()) {
                continue;
            }
            Fio.Engine engine = Fio.Engine.of(r.api().orElseThrow());
            if (m.group().cache() == CacheState.HOT && engine == Fio.Engine.MMAP) {
                hotMapped++;
                continue;
            }
            Optional<Fio.Result> peer = peer(m, engine, fio);
            if (peer.isEmpty()) {
                unpaired++;
                continue;
            }
            Fio.Result f = peer.get();
            String problem = f.state() == null ? null : f.state().problem(f.job());
            String fioFigure = f.error() != null ? "failed: " + f.error() : Numbers.fmt(f.nsPerOp());
            md.append(String.format(Locale.ROOT, "| %s | %d B | %s | %s | %s | %s | %s | %s | %s |%n",
                    m.group().question().label(), m.group().blockSize(), r.api().orElseThrow().method,
                    javaState(m.group(), engine), Numbers.fmt(r.score()), engine, fioState(f), fioFigure,
                    f.error() == null && problem == null ? Numbers.fmt(r.score() / f.nsPerOp()) : ""));
        }
        md.append('\n');
        if (hotMapped > 0 || unpaired > 0) {
            md.append(String.format(Locale.ROOT, "Left out: %d HOT mapped rows (no fio peer), %d rows without a fio job"
                    + " in their state%s.%n%n", hotMapped, unpaired, unpaired > 0
                    ? " (e.g. 4 KiB folios, which a " + Fio.FILE + " made before folios were a state lacks)" : ""));
        }
        return md.toString();
    }

    /**
     * fio's job for the row: the same question, block size, engine and folios, in the state that
     * is the row's own (HOT is WARM for an API that maps nothing); of an older file's "HOT" and
     * WARM jobs, both WARM, the one named WARM.
     */
    static Optional<Fio.Result> peer(Measured m, Fio.Engine engine, List<Fio.Result> fio) {
        Group g = m.group();
        CacheState wanted = g.cache() == CacheState.HOT ? CacheState.WARM : g.cache();
        return fio.stream()
                .filter(f -> f.job().question() == g.question() && f.job().blockSize() == g.blockSize()
                        && f.job().engine() == engine && asRun(f.job().cache()) == wanted
                        && Objects.equals(f.job().folios(), g.folios()))
                .min(Comparator.comparing(f -> f.job().cache() == wanted ? 0 : 1));
    }

    /** The state a fio job ran in: its mapping is always fresh, so "HOT" was WARM. */
    private static CacheState asRun(CacheState cache) {
        return cache == CacheState.HOT ? CacheState.WARM : cache;
    }

    private static String javaState(Group g, Fio.Engine engine) {
        String state = g.cache() == CacheState.HOT && engine == Fio.Engine.PSYNC ? "HOT (= WARM: no mapping)"
                : g.cache().name();
        return state + folios(g.folios());
    }

    private static String fioState(Fio.Result f) {
        String state = asRun(f.job().cache()) + folios(f.job().folios());
        Fio.CheckedState c = f.state();
        if (c == null) {
            return state + " (set by the fixture; the check was not recorded)";
        }
        String problem = c.problem(f.job());
        if (problem != null) {
            return state + ": **not reached**, " + problem;
        }
        return state + String.format(Locale.ROOT, ": %.0f%% resident", 100 * c.resident())
                + (Double.isNaN(c.largeFolioShare()) ? ""
                : String.format(Locale.ROOT, ", %.0f%% 2 MiB-mapped", 100 * c.largeFolioShare()));
    }

    private static String folios(Folios folios) {
        return folios == null ? "" : folios == Folios.SMALL ? ", 4 KiB folios" : ", large folios";
    }
}
