package mmapbench.report;

import java.util.Locale;

/** The control in words, then each API against its twin: how much of a speed-up this run's noise alone makes. */
record ControlSection(Control control) implements Section {

    @Override
    public String markdown() {
        StringBuilder md = new StringBuilder("## Control: the same API against itself\n\n");
        md.append(control.summary()).append("\n\n");
        if (!control.present()) {
            return md.toString();
        }
        md.append("| question | block, cache | API / its twin [95%] | class |\n|---|---|---|---|\n");
        for (Control.Pair p : control.pairs()) {
            Interval i = p.interval();
            md.append(String.format(Locale.ROOT, "| %s | %s | %sx [%s–%s] | %s |%n", p.group().question().label(),
                    p.group().label(), Numbers.fmt(i.ratio()), Numbers.fmt(i.low()), Numbers.fmt(i.high()),
                    p.verdict().label));
        }
        return md.append('\n').toString();
    }
}
