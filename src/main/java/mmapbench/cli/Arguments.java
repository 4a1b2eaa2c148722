package mmapbench.cli;

import mmapbench.fixture.DataFile;
import mmapbench.fixture.Sizes;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What the user asked {@code run-bench.sh} for, parsed and checked before anything is written.
 *
 * @param fileSize      null when not given
 * @param budgetSeconds the time the rounds may take; null: the profile's
 * @param seed          the seed of the rounds' orders; null: a new one
 * @param jmhArgs  everything after {@code --}, for JMH
 */
record Arguments(Profile profile, Long fileSize, Path dataDir, boolean dataDirGiven, Path resultsDir,
                 boolean withFio, Double budgetSeconds, Long seed, List<String> jmhArgs) {

    static final String HELP_HINT = "see ./run-bench.sh --help";

    static Arguments parse(String... args) throws UsageException {
        Profile profile = null;
        Long fileSize = null;
        Path dataDir = Path.of(DataFile.DEFAULT_DATA_DIR);
        boolean dataDirGiven = false;
        Path resultsDir = Path.of("results");
        boolean withFio = false;
        Double budget = null;
        Long seed = null;
        List<String> jmhArgs = List.of();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            boolean inline = arg.startsWith("--") && arg.contains("=");
            String name = inline ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (name) {
                case "--" -> {
                    jmhArgs = List.of(Arrays.copyOfRange(args, i + 1, args.length));
                    i = args.length;
                }
                case "--quick", "--full" -> {
                    Profile chosen = name.equals("--quick") ? Profile.QUICK : Profile.FULL;
                    if (profile != null && profile != chosen) {
                        throw new UsageException("--quick and --full exclude each other: give one of them");
                    }
                    profile = chosen;
                }
                case "--file-size" -> {
                    String value = value(args, i, "4g");
                    i += inline ? 0 : 1;
                    try {
                        fileSize = Sizes.parse(value);
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--file-size " + e.getMessage());
                    }
                }
                case "--data-dir" -> {
                    dataDir = Path.of(value(args, i, "/mnt/scratch"));
                    i += inline ? 0 : 1;
                    dataDirGiven = true;
                }
                case "--results-dir" -> {
                    resultsDir = Path.of(value(args, i, "results"));
                    i += inline ? 0 : 1;
                }
                case "--with-fio" -> withFio = true;
                case "--budget" -> {
                    String value = value(args, i, "300");
                    i += inline ? 0 : 1;
                    try {
                        budget = Double.parseDouble(value);
                    } catch (NumberFormatException e) {
                        budget = Double.NaN;
                    }
                    if (!(budget >= 0) || budget.isInfinite()) {
                        throw new UsageException("--budget " + value + " is not a number of seconds: use e.g."
                                + " --budget 300 (0: the minimum rounds alone)");
                    }
                }
                case "--seed" -> {
                    String value = value(args, i, "42");
                    i += inline ? 0 : 1;
                    try {
                        seed = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new UsageException("--seed " + value + " is not a whole number: use the seed a run's"
                                + " rounds.json gives, e.g. --seed 42");
                    }
                }
                default -> {
                    if (arg.startsWith("-")) {
                        throw new UsageException("unknown option '" + arg + "': " + HELP_HINT
                                + " (JMH's own options go after --)");
                    }
                    throw new UsageException("unexpected argument '" + arg + "': JMH options go after --, as in"
                            + " ./run-bench.sh -- RandomRead -p blockSize=8");
                }
            }
        }
        return new Arguments(profile == null ? Profile.QUICK : profile, fileSize, dataDir, dataDirGiven, resultsDir,
                withFio, budget, seed, jmhArgs);
    }

    /** The value of the option at {@code i}: after its '=', else the next argument. */
    private static String value(String[] args, int i, String example) throws UsageException {
        String arg = args[i];
        boolean inline = arg.contains("=");
        String name = inline ? arg.substring(0, arg.indexOf('=')) : arg;
        String value = inline ? arg.substring(arg.indexOf('=') + 1) : i + 1 < args.length ? args[i + 1] : null;
        if (value == null || value.isEmpty() || (!inline && value.startsWith("--"))) {
            throw new UsageException(name + " needs a value, e.g. " + name + " " + example);
        }
        return value;
    }
}
