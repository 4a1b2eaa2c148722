package mmapbench.report;

import mmapbench.file.Api;
import mmapbench.file.Question;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Per question, every group's time per operation for every API, in the unit JMH measured it in. */
record TimesSection(List<Measured> measured) implements Section {

    @Override
    public String markdown() {
        StringBuilder md = new StringBuilder("## Times per operation\n\n");
        for (Question question : Question.values()) {
            md.append(table(question));
        }
        return md.toString();
    }

    /** A group a line, an API a column (and the control twin's, when the run has one); "" without rows. */
    private String table(Question question) {
        List<Measured> mine = measured.stream().filter(m -> m.group().question() == question).toList();
        if (mine.isEmpty()) {
            return "";
        }
        Set<Group> groups = new TreeSet<>();
        mine.forEach(m -> groups.add(m.group()));
        List<String> methods = new ArrayList<>();
        for (Api api : Api.values()) {
            methods.add(api.method);
        }
        if (mine.stream().anyMatch(m -> m.row().control())) {
            methods.add(Api.FILE_CHANNEL.method + Api.CONTROL_SUFFIX);
        }
        String unitName = mine.getFirst().row().unit();
        StringBuilder md = new StringBuilder();
        md.append("### ").append(question.label()).append(" (").append(unitName)
                .append(", ± JMH's error; forks × iterations)\n\n");
        md.append("| block, cache | ").append(String.join(" | ", methods)).append(" |\n");
        md.append("|---|").append("---|".repeat(methods.size())).append('\n');
        double unit = JmhResults.nanosPer(unitName);
        for (Group g : groups) {
            md.append("| ").append(g.label()).append(" |");
            for (String method : methods) {
                Row r = mine.stream().filter(m -> m.group().equals(g) && m.row().method().equals(method))
                        .map(Measured::row).findFirst().orElse(null);
                md.append(r == null ? " |" : String.format(Locale.ROOT, " %s ± %s (%d×%d) |",
                        Numbers.fmt(r.score() / unit), Numbers.fmt(r.error() / unit), r.forks().size(),
                        r.forks().getFirst().size()));
            }
            md.append('\n');
        }
        return md.append('\n').toString();
    }
}
