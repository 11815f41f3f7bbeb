package nl.clientapp.support;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** Collects the formatted messages of every log record from {@link #start()} until {@link #close()}, for tests that search the log. */
public final class LogCapture extends Handler {

    private final List<String> messages = new ArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();

    private LogCapture() {
    }

    /** Attaches a new capture to the root logger. */
    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    /** Returns the messages captured so far, one per line. */
    public String text() {
        synchronized (messages) {
            return String.join("\n", messages);
        }
    }

    @Override
    public void publish(LogRecord record) {
        synchronized (messages) {
            messages.add(formatter.formatMessage(record));
        }
    }

    @Override
    public void flush() {
    }

    /** Detaches the capture from the root logger. */
    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
