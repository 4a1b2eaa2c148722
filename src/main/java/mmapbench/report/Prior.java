package mmapbench.report;

import org.apache.commons.math3.special.Gamma;

import java.util.List;

/**
 * The fork-to-fork variance that the rows of one leg (one question and cache state of a run)
 * have in common, estimated jointly on the log scale, and each row's variance moderated towards
 * it: the empirical-Bayes estimator of Smyth (2004, "limma", Stat. Appl. Genet. Mol. Biol. 3:3).
 * With 2 forks a row's own variance has 1 degree of freedom and a t-interval over it is 12.7
 * standard errors wide; the rows of a leg share a machine, a cache state and a time, so their
 * relative (log) fork spreads are alike, and pooling gives the many more degrees of freedom that
 * a decision needs. How alike they are is estimated from the data too ({@code priorDf}): rows
 * that differ much from one another get a small {@code priorDf} and keep mostly their own
 * variance; alike rows get a large one (capped at the pooled degrees of freedom: no more
 * information than the leg holds).
 *
 * @param variance s0², the leg's typical log variance of one fork mean (NaN when no row has 2 forks)
 * @param df       d0, how many degrees of freedom the leg's prior is worth (0: none)
 */
public record Prior(double variance, double df) {

    static final Prior NONE = new Prior(Double.NaN, 0);

    public static Prior of(List<Spread> leg) {
        List<Spread> usable = leg.stream().filter(s -> s.ownDf() >= 1).toList();
        int g = usable.size();
        if (g == 0) {
            return NONE;
        }
        double pooledDf = usable.stream().mapToInt(Spread::ownDf).sum();
        if (g == 1) {
            return new Prior(usable.getFirst().flooredVariance(), 0);
        }
        // Smyth's moment estimates on log s²: E = log s0² + digamma(d/2) - log(d/2) + ..., Var = trigamma terms.
        double[] e = new double[g];
        double mean = 0;
        double expectedSpread = 0;
        for (int i = 0; i < g; i++) {
            Spread s = usable.get(i);
            double half = s.ownDf() / 2.0;
            e[i] = Math.log(s.flooredVariance()) - Gamma.digamma(half) + Math.log(half);
            mean += e[i] / g;
            expectedSpread += Gamma.trigamma(half) / g;
        }
        double observed = 0;
        for (double x : e) {
            observed += (x - mean) * (x - mean) / (g - 1);
        }
        double excess = observed - expectedSpread;
        double d0 = excess <= 0 ? pooledDf : Math.min(pooledDf, 2 * trigammaInverse(excess));
        double s0 = Math.exp(mean + Gamma.digamma(d0 / 2) - Math.log(d0 / 2));
        return new Prior(s0, d0);
    }

    /** x with trigamma(x) = y, by bisection on the log scale (trigamma falls monotonically). */
    static double trigammaInverse(double y) {
        double lo = 1e-4;
        double hi = 1e7;
        for (int i = 0; i < 200; i++) {
            double mid = Math.sqrt(lo * hi);
            if (Gamma.trigamma(mid) > y) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Math.sqrt(lo * hi);
    }

    /** A row's variance of one fork mean, moderated towards the leg's, with its degrees of freedom. */
    public Moderated moderate(Spread s) {
        double d = s.ownDf();
        if (d == 0 && df == 0) {
            return new Moderated(Double.NaN, 0);
        }
        double own = d == 0 ? 0 : s.flooredVariance();
        double v = (df * (df == 0 ? 0 : variance) + d * own) / (df + d);
        if (!Double.isNaN(s.floor())) {
            // As in Spread: never more precise than the row's own iterations show.
            v = Math.max(v, s.floor());
        }
        return new Moderated(v, df + d);
    }

    /** @param variance of one fork mean (log scale); NaN when nothing is known; @param df its degrees of freedom */
    public record Moderated(double variance, double df) {
    }
}
