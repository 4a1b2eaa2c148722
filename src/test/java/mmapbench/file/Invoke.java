package mmapbench.file;

import java.lang.reflect.InvocationTargetException;

/** Calls a benchmark method by its API's name, as JMH would, without JMH. */
final class Invoke {

    private Invoke() {
    }

    static Object op(Object benchmark, Api api) throws Exception {
        try {
            return benchmark.getClass().getMethod(api.method).invoke(benchmark);
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }
}
