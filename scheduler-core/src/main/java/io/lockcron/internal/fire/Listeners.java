package io.lockcron.internal.fire;

import io.lockcron.SchedulerListener;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** All of a node's listeners as one; a listener that throws is logged and does not stop the others. */
public final class Listeners {
    private static final Logger log = LoggerFactory.getLogger(Listeners.class);
    private final List<SchedulerListener> listeners;

    public Listeners(List<SchedulerListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    public void each(Consumer<SchedulerListener> event) {
        for (SchedulerListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                log.warn("Scheduler listener {} failed: {}", listener, e.toString());
            }
        }
    }
}
