/*
 * Copyright 2026 the egain-auth authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.egainauth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event, at every level, while a test runs: the root logger and the
 * loggers of Spring, Reactor and egain-auth are set to {@code TRACE} and the root
 * logger's appenders are replaced by one that keeps the events. Levels and appenders are
 * restored afterwards. Register it with {@code @RegisterExtension}.
 *
 * @author egain-auth authors
 */
public final class TestEgainLogs implements BeforeEachCallback, AfterEachCallback {

	private static final List<String> LOGGERS = List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "org.springframework",
			"reactor", "io.netty", "io.github.egainauth");

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final Map<String, Level> levels = new HashMap<>();

	private final List<Appender<ILoggingEvent>> detached = new ArrayList<>();

	@Override
	public void beforeEach(ExtensionContext context) {
		LoggerContext loggerContext = (LoggerContext) LoggerFactory.getILoggerFactory();
		for (String name : LOGGERS) {
			Logger logger = loggerContext.getLogger(name);
			this.levels.put(name, logger.getLevel());
			logger.setLevel(Level.TRACE);
		}
		Logger root = loggerContext.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		// The console would drown the build's output at TRACE.
		for (Iterator<Appender<ILoggingEvent>> appenders = root.iteratorForAppenders(); appenders.hasNext();) {
			this.detached.add(appenders.next());
		}
		this.detached.forEach(root::detachAppender);
		this.appender.setContext(loggerContext);
		this.appender.start();
		root.addAppender(this.appender);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		LoggerContext loggerContext = (LoggerContext) LoggerFactory.getILoggerFactory();
		Logger root = loggerContext.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.detachAppender(this.appender);
		this.appender.stop();
		this.detached.forEach(root::addAppender);
		this.levels.forEach((name, level) -> loggerContext.getLogger(name).setLevel(level));
	}

	/**
	 * Returns the events captured so far.
	 * @return the events
	 */
	public List<ILoggingEvent> events() {
		// Events arrive from many threads; the appender appends under its own lock.
		synchronized (this.appender) {
			return List.copyOf(this.appender.list);
		}
	}

	/**
	 * Returns each captured event as its logger, level, formatted message and, if it has
	 * one, its throwable with causes and stack trace: all a log line can show.
	 * @return the lines
	 */
	public List<String> lines() {
		return events().stream().map(TestEgainLogs::line).toList();
	}

	private static String line(ILoggingEvent event) {
		IThrowableProxy throwable = event.getThrowableProxy();
		return event.getLevel() + " " + event.getLoggerName() + " - " + event.getFormattedMessage()
				+ ((throwable != null) ? System.lineSeparator() + ThrowableProxyUtil.asString(throwable) : "");
	}

}
