package mmapbench.report;

import mmapbench.fio.Fio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Java's time per operation over fio's, for the engine the API stands on: Java's own overhead.
 * Without a {@value Fio#FILE} beside the result file, one line that says how to get one.
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
        md.append("Each Java API's time per operation divided by fio's on the same file, block size, pattern and cache"
                + " state, with the engine the API stands on (mapped APIs: `mmap`; the others: `psync`). 1.0 means"
                + " Java adds nothing; the excess is Java's own overhead.\n\n");
        md.append("| question | block, cache | API | Java (ns/op) | fio engine | fio (ns/op) | Java / fio |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Measured m : measured) {
            Row r = m.row();
            if (!m.group().variant().plain() || r.control()) {
                continue;
            }
            Fio.Engine engine = Fio.Engine.of(r.api().orElseThrow());
            for (Fio.Result f : fio) {
                if (sameJob(f.job(), m, engine)) {
                    md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n",
                            m.group().question().label(), m.group().label(), r.api().orElseThrow().method,
                            Numbers.fmt(r.score()), engine,
                            f.error() == null ? Numbers.fmt(f.nsPerOp()) : "failed: " + f.error(),
                            f.error() == null ? Numbers.fmt(r.score() / f.nsPerOp()) : ""));
                }
            }
        }
        return md.append('\n').toString();
    }

    /** fio's job for the same question, block size and cache state as the row, on the row's engine. */
    private static boolean sameJob(Fio.Job j, Measured m, Fio.Engine engine) {
        return j.question() == m.group().question() && j.engine() == engine
                && j.cache() == m.group().cache() && j.blockSize() == m.group().blockSize();
    }
}
