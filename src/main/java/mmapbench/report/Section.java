package mmapbench.report;

/**
 * A part of {@code report.md} that renders itself from the parts of the run it is given: its
 * heading, its text and the blank line after it, or nothing when the run has nothing for it. The
 * report is its sections one after the other.
 */
@FunctionalInterface
interface Section {

    String markdown();
}
