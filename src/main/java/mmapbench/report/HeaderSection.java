package mmapbench.report;

import mmapbench.environment.EnvironmentFile;

/**
 * The title, then what makes the whole report doubtful (a partial run, a failed control) before
 * any number, then the bottom line, then which result file it read and whether the machine is known.
 *
 * @param resultFile the name of the file the report read, as it is on disk ({@code jmh-result.json.gz}
 *                   when it read the gzipped one)
 * @param status     null for a result file without a status (older runs, runs by hand)
 */
record HeaderSection(String resultFile, boolean machineKnown, RunStatus status, Control control,
                     Section bottomLine) implements Section {

    @Override
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# mmap-bench: is a mapped file ~10x faster for random I/O, and slower for sequential?\n\n");
        if (status != null && status.partial()) {
            md.append(status.warning()).append("\n\n");
        }
        if (control.present() && !control.passed()) {
            md.append("**This run's verdict is not to be trusted: its control failed.** The same API measured twice"
                    + " differs more than the intervals allow, so the speed-ups below may be noise. Run again, on a"
                    + " quieter machine.\n\n");
        }
        md.append(bottomLine.markdown());
        md.append("Results: `").append(resultFile).append("`");
        md.append(machineKnown ? "" : " (no " + EnvironmentFile.FILE + " beside it: the machine is unknown)");
        return md.append(".\n\n").toString();
    }
}
