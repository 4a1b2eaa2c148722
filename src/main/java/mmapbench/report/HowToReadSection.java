package mmapbench.report;

/** What a speed-up is, how its interval is made, and the classes it falls in. */
record HowToReadSection() implements Section {

    @Override
    public String markdown() {
        return "## How to read it\n\n"
                + "Speed-up = the non-mapped API's time per operation / the mapped API's (above 1: the mapping is"
                + " faster). Each row's forks are its independent samples (JMH's forks differ more than the iterations"
                + " within one): per fork the log of its mean time, the ratio from the difference of the two rows' mean"
                + " logs, its 95% interval from the fork-to-fork variance, pooled over the rows of the same question"
                + " and cache state (empirical Bayes, Welch–Satterthwaite degrees of freedom). The interval never"
                + " reaches 0 or infinity. Classes: " + RatioClass.DESCRIPTION + ".\n\n";
    }
}
