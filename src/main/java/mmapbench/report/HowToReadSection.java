package mmapbench.report;

/**
 * What a speed-up is, how its interval is made, and the classes it falls in.
 *
 * @param rounds whether the run measured in rounds (it has a rounds file); a run from before
 *               rounds ran each row's forks back to back, and its fork i pairs with no other row's
 */
record HowToReadSection(boolean rounds) implements Section {

    @Override
    public String markdown() {
        return "## How to read it\n\n"
                + "Speed-up = the non-mapped API's time per operation / the mapped API's (above 1: the mapping is"
                + " faster). " + (rounds ? "A leg runs as rounds, one fork of every row each, in a shuffled order;"
                + " fork i of a row is the i-th round it ran in." : "This run has no rounds file: each row's forks"
                + " ran back to back, so fork i of two rows shares no round, and their paired interval is only as"
                + " tight as an unpaired one.") + " Per fork the log of its mean time; a ratio is the mean over rounds"
                + " of each round's log difference of its two rows, its 95% interval from the spread of those"
                + " per-round differences (rounds − 1 degrees of freedom, never below the rows' own noise within"
                + " their forks; no variance is borrowed from another row). A group's decisive interval, of its best"
                + " mapped API against its best other, holds whichever pair the estimates pick (Bonferroni bounds"
                + " over its APIs); in a run that may add rounds, each of a group's two looks spends half of its 5%"
                + " miss chance. The interval never reaches 0 or infinity. Classes: " + RatioClass.DESCRIPTION + ".\n\n";
    }
}
