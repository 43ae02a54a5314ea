package dev.baton.engine.observe;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.baton.StepContext;
import dev.baton.spi.StepContextBinding;

import java.util.Iterator;
import java.util.Locale;

/**
 * A Logback appender that stores what a step logs through SLF4J with the step's attempt: each
 * event logged on a thread running a step body becomes log lines of that attempt (stream = the
 * level in lower case, e.g. {@code info}), subject to the step log limit and to secret masking.
 * Events on other threads are ignored at the cost of one thread-local read.
 *
 * <p>The engine attaches it to Logback's root logger when it starts; a {@code logback.xml} may
 * also declare it ({@code <appender name="BATON_STEPS" class="dev.baton.engine.observe.StepLogAppender"/>}
 * referenced from the root logger), in which case the engine leaves the configured one alone.
 * Only events that pass the logger's level reach it.
 */
public final class StepLogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    /** The name it is attached under. */
    public static final String NAME = "BATON_STEPS";

    @Override
    protected void append(ILoggingEvent event) {
        StepContext step = StepContextBinding.get();
        if (step == null) {
            return;
        }
        String stream = event.getLevel().toString().toLowerCase(Locale.ROOT);
        String message = event.getFormattedMessage();
        logLines(step, stream, shortName(event.getLoggerName()) + " - ", message == null ? "" : message);
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            logLines(step, stream, "", ThrowableProxyUtil.asString(thrown).stripTrailing());
        }
    }

    /** One stored line per line of the text, the first with the prefix. */
    private static void logLines(StepContext step, String stream, String prefix, String text) {
        int start = 0;
        while (true) {
            int end = text.indexOf('\n', start);
            String line = end < 0 ? text.substring(start) : text.substring(start, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            step.log(stream, start == 0 ? prefix + line : line);
            if (end < 0) {
                return;
            }
            start = end + 1;
        }
    }

    /** {@code com.example.load.Loader} is shown as {@code Loader}: the step says where it ran. */
    private static String shortName(String logger) {
        int dot = logger == null ? -1 : logger.lastIndexOf('.');
        return dot < 0 ? String.valueOf(logger) : logger.substring(dot + 1);
    }

    /**
     * Attaches an appender to the root logger of {@code context} unless one is there already.
     *
     * @param context Logback's logger context
     * @return true when it was attached now
     */
    static boolean attachTo(Object context) {
        LoggerContext logback = (LoggerContext) context;
        Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        synchronized (StepLogAppender.class) {
            for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
                if (it.next() instanceof StepLogAppender) {
                    return false;
                }
            }
            StepLogAppender appender = new StepLogAppender();
            appender.setName(NAME);
            appender.setContext(logback);
            appender.start();
            root.addAppender(appender);
            return true;
        }
    }
}
