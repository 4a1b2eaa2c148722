package mmapbench.cli;

/** A mistake of the user's: printed as one line, no stack trace, exit status 2. */
public final class UsageException extends Exception {

    public UsageException(String message) {
        super(message);
    }
}
