package mmapbench.rounds;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import mmapbench.fixture.WholeFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How a run's legs were measured in rounds, written beside JMH's result JSON as {@value #FILE}: the
 * seed of the shuffles (the same seed gives the same orders), each round's order and time, and for
 * each group that stopped undecided, why. Fork {@code i} of a row in the result JSON is its
 * {@code i}-th round.
 *
 * @param budgetSeconds the run's time for rounds (the minimum rounds are run whatever it is)
 * @param stops         the groups that stopped undecided, and why
 */
public record RoundsLog(long seed, int maxRounds, double budgetSeconds, double seconds,
                        List<LegRounds> legs, List<Stop> stops) {

    public static final String FILE = "rounds.json";

    /** @param pass "minimum" for the rounds every row gets, "extra" for those only undecided groups get */
    public record Round(int round, String pass, double seconds, List<String> order) {
    }

    public record LegRounds(String leg, int minRounds, List<Round> rounds) {
    }

    /** @param reason "budget", "cap" or "hopeless", with what it means in {@link #words} */
    public record Stop(String group, int rounds, String reason, String words) {
    }

    public void write(Path file) throws IOException {
        WholeFile.write(file, out -> new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, this));
    }

    /** The rounds file beside a result file, or null where there is none (runs before rounds, runs by hand). */
    public static RoundsLog beside(Path resultFile) {
        Path file = resultFile.toAbsolutePath().resolveSibling(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return new ObjectMapper().readValue(file.toFile(), RoundsLog.class);
        } catch (IOException e) {
            return null;
        }
    }
}
