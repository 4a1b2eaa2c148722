package mmapbench.report;

/** A result file this suite cannot judge: printed as one line, no stack trace. */
public final class BadResultFile extends Exception {

    public BadResultFile(String message) {
        super(message);
    }
}
