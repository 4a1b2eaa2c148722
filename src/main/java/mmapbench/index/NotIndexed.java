package mmapbench.index;

import java.nio.file.Path;

/**
 * A file or folder given to the index, or found under one, that holds no run it can read.
 *
 * @param why one line that names it and says what is wrong with it and, where there is one, the fix
 */
record NotIndexed(Path path, String why) {
}
