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

package io.github.egainauth.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A throwaway Redis server for the load runs: Debian's {@code /usr/bin/redis-server} on a
 * free loopback port, without persistence. It can be stopped and started again on the
 * same port, as a Redis outage would.
 *
 * @author egain-auth authors
 */
final class RedisServerProcess implements AutoCloseable {

	private static final String EXECUTABLE = "/usr/bin/redis-server";

	private static final Duration STARTUP_LIMIT = Duration.ofSeconds(10);

	private final int port;

	private Process process;

	private RedisServerProcess(int port) {
		this.port = port;
		this.process = launch(port);
	}

	/**
	 * Starts a server on a free loopback port.
	 * @return the running server
	 */
	static RedisServerProcess start() {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new RedisServerProcess(port);
	}

	/**
	 * Returns the server's port on 127.0.0.1.
	 * @return the port
	 */
	int getPort() {
		return this.port;
	}

	/**
	 * Returns a new connection factory to this server, as each application instance has
	 * its own, with the 500 ms command timeout the store's documentation asks for.
	 * @return the started connection factory
	 */
	LettuceConnectionFactory connectionFactory() {
		LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", this.port),
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(500)).build());
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
		return connectionFactory;
	}

	/**
	 * Removes every key.
	 */
	void flushAll() {
		command("FLUSHALL");
	}

	/**
	 * Stops the server, as a crash would: connections are refused until
	 * {@link #restart()}.
	 */
	void stop() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Starts the server again, empty, on the same port.
	 */
	void restart() {
		stop();
		this.process = launch(this.port);
	}

	@Override
	public void close() {
		stop();
	}

	private static Process launch(int port) {
		Process process;
		try {
			process = new ProcessBuilder(EXECUTABLE, "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save",
					"", "--appendonly", "no")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + EXECUTABLE, ex);
		}
		long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
		while (true) {
			try {
				if ("+PONG".equals(command(port, "PING"))) {
					return process;
				}
			}
			catch (UncheckedIOException ex) {
				// Not listening yet.
			}
			if (!process.isAlive() || System.nanoTime() - deadline >= 0) {
				process.destroyForcibly();
				throw new IllegalStateException(EXECUTABLE + " did not start on port " + port);
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				process.destroyForcibly();
				throw new IllegalStateException("Interrupted while starting " + EXECUTABLE, ex);
			}
		}
	}

	private String command(String name) {
		return command(this.port, name);
	}

	// Sends one argument-less command in RESP and returns the first line of the reply.
	private static String command(int port, String name) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write(("*1\r\n$" + name.length() + "\r\n" + name + "\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder reply = new StringBuilder();
			int c;
			while ((c = in.read()) != -1 && c != '\r') {
				reply.append((char) c);
			}
			return reply.toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
