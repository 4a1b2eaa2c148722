package mmapbench.report;

import mmapbench.rounds.RoundsLog;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How the run measured: its legs' rounds (one fork of every row each, in a seeded shuffled
 * order), how many rounds each decisive group took and why it stopped, and the rows whose rounds
 * fall into two clusters ({@link Mixture}). A run without a rounds file ran each row's forks back
 * to back: its intervals still pair fork i with fork i, which is as honest as an unpaired
 * interval and no better.
 */
record RoundsSection(RoundsLog log, List<Comparison> comparisons, List<Measured> measured) implements Section {

    @Override
    public String markdown() {
        StringBuilder md = new StringBuilder("## Rounds\n\n");
        if (log == null) {
            md.append("This run has no rounds file (`" + RoundsLog.FILE + "`): its rows' forks ran back to back, not in"
                    + " rounds, so fork i of two rows are minutes apart. Its intervals pair them anyway, which is as"
                    + " honest as an unpaired interval and no narrower.\n\n");
        } else {
            md.append(String.format(Locale.ROOT, "Each leg ran as rounds: one fork of every row per round, in an order"
                            + " shuffled with seed %d (`--seed %d` repeats the orders), each control twin last in its round. Fork i of a row is the i-th round it ran in (a group's rows"
                            + " always run in the same rounds), and every ratio's interval is over the rounds its two rows share. After each leg's minimum, only groups still undecided got"
                            + " more rounds, up to %d, within a budget of %.0f s; the rounds took %.0f s.%n%n", log.seed(),
                    log.seed(), log.maxRounds(), log.budgetSeconds(), log.seconds()));
            md.append("| leg | rounds (minimum + extra) | seconds |\n|---|---|---|\n");
            for (RoundsLog.LegRounds leg : log.legs()) {
                long extra = leg.rounds().stream().filter(r -> r.pass().equals("extra")).count();
                double seconds = leg.rounds().stream().mapToDouble(RoundsLog.Round::seconds).sum();
                md.append(String.format(Locale.ROOT, "| %s | %d + %d | %.0f |%n", leg.leg(), leg.rounds().size() - extra,
                        extra, seconds));
            }
            md.append('\n');
        }
        md.append("| question | group | decisive pair | rounds | stopped |\n|---|---|---|---|---|\n");
        Map<String, RoundsLog.Stop> stops = new TreeMap<>();
        if (log != null) {
            log.stops().forEach(s -> stops.put(s.group(), s));
        }
        for (Comparison c : comparisons) {
            if (!c.decisive()) {
                continue;
            }
            RoundsLog.Stop stop = stops.get(OpenGroups.key(c.group()));
            String why = switch (c.verdict()) {
                case UNDECIDED -> stop == null ? "undecided" : "undecided: " + stop.words();
                case BORDERLINE -> "on the border";
                default -> "decided: " + c.verdict().label;
            };
            md.append(String.format(Locale.ROOT, "| %s | %s | %s / %s | %d | %s |%n", c.group().question().label(),
                    c.group().label(), c.mapped().method, c.other().method, c.interval().forks(), why));
        }
        md.append('\n');
        md.append(mixtures());
        return md.toString();
    }

    private String mixtures() {
        StringBuilder md = new StringBuilder("### Rows in two clusters\n\n");
        StringBuilder rows = new StringBuilder();
        for (Measured m : measured) {
            Optional<Mixture> x = Mixture.of(m.spread());
            x.ifPresent(mix -> rows.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n",
                    m.group().question().label(), m.group().label(), m.row().method(), mix.words())));
        }
        if (rows.isEmpty()) {
            return md.append("No row's rounds fall into two clusters (more than ").append(Numbers.fmt(Mixture.APART))
                    .append("x and ").append(Numbers.fmt(Mixture.SIGMAS)).append(" standard deviations apart).\n\n")
                    .toString();
        }
        md.append("These rows' rounds fall into two clusters far apart: a state that lasts a fork's life took one of"
                + " two values. Their means mix the two; their intervals are as wide as the clusters make them.\n\n");
        md.append("| question | group | method | rounds |\n|---|---|---|---|\n").append(rows).append('\n');
        return md.toString();
    }
}
