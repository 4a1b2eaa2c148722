package mmapbench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mmapbench.file.Api;
import mmapbench.file.Question;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Synthetic rows with known truth: log(time) = log(true time) + fork effect (normal, sd tau) +
 * iteration noise (normal, sd sigma), seeded. Also writes them as a JMH result file.
 */
final class Synthetic {

    private Synthetic() {
    }

    static List<List<Double>> forks(Random rnd, double nanos, int forks, int iterations, double tau, double sigma) {
        List<List<Double>> out = new ArrayList<>();
        for (int f = 0; f < forks; f++) {
            double fork = tau * rnd.nextGaussian();
            List<Double> it = new ArrayList<>();
            for (int i = 0; i < iterations; i++) {
                it.add(nanos * Math.exp(fork + sigma * rnd.nextGaussian()));
            }
            out.add(it);
        }
        return out;
    }

    static Row row(Question q, String method, long blockSize, String cache, Map<String, String> extra, int threads,
                   List<List<Double>> forks) {
        boolean control = method.endsWith(Api.CONTROL_SUFFIX);
        Api api = Api.ofMethod(control ? method.substring(0, method.length() - Api.CONTROL_SUFFIX.length()) : method);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("blockSize", String.valueOf(blockSize));
        params.put("cache", cache);
        params.put("fileSize", "67108864");
        params.putAll(extra);
        double score = forks.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        return new Row(q.benchmark.getName() + "." + method, Optional.of(q), Optional.of(api), control, "avgt", threads,
                params, score, 0, "ns/op", forks, Map.of(), Map.of(), List.of());
    }

    static Row row(Question q, String method, long blockSize, String cache, List<List<Double>> forks) {
        return row(q, method, blockSize, cache, Map.of(), 1, forks);
    }

    /** The rows as JMH's JSON writes them (the parts the report reads). */
    static Path write(List<Row> rows, Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ArrayNode all = json.createArrayNode();
        for (Row r : rows) {
            ObjectNode o = all.addObject();
            o.put("jmhVersion", "1.37");
            o.put("benchmark", r.benchmark());
            o.put("mode", r.mode());
            o.put("threads", r.threads());
            o.put("forks", r.forks().size());
            ObjectNode p = o.putObject("params");
            r.params().forEach(p::put);
            ObjectNode pm = o.putObject("primaryMetric");
            if (Double.isNaN(r.score())) {
                pm.put("score", "NaN");
                pm.put("scoreError", "NaN");
            } else {
                pm.put("score", r.score());
                pm.put("scoreError", r.error());
            }
            pm.put("scoreUnit", r.unit());
            ArrayNode raw = pm.putArray("rawData");
            for (List<Double> f : r.forks()) {
                ArrayNode fork = raw.addArray();
                f.forEach(fork::add);
            }
        }
        json.writeValue(file.toFile(), all);
        return file;
    }
}
