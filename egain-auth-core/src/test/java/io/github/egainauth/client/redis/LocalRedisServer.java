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

package io.github.egainauth.client.redis;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} (Debian's {@code redis-server} package) on a free loopback
 * port, for tests. It keeps nothing on disk; {@link #stop()} and {@link #start()} take it
 * down and bring it back on the same port, as an outage would.
 *
 * @author egain-auth authors
 */
public final class LocalRedisServer implements AutoCloseable {

	private static final Duration STARTUP = Duration.ofSeconds(20);

	private final int port;

	private final Path directory;

	private Process process;

	private LocalRedisServer(int port, Path directory) {
		this.port = port;
		this.directory = directory;
	}

	/**
	 * Starts a server on a free loopback port.
	 * @return the running server
	 */
	public static LocalRedisServer startOnFreePort() {
		try {
			int port;
			try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				port = socket.getLocalPort();
			}
			LocalRedisServer server = new LocalRedisServer(port, Files.createTempDirectory("redis"));
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Starts the server (again) on its port.
	 */
	public synchronized void start() {
		String executable = executable();
		try {
			this.process = new ProcessBuilder(executable, "--port", String.valueOf(this.port), "--bind", "127.0.0.1",
					"--save", "", "--appendonly", "no", "--dir", this.directory.toString())
				.redirectErrorStream(true)
				.redirectOutput(this.directory.resolve("redis.log").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start " + executable, ex);
		}
		long deadline = System.nanoTime() + STARTUP.toNanos();
		while (!"+PONG".equals(command("PING"))) {
			if (!this.process.isAlive() || System.nanoTime() > deadline) {
				throw new IllegalStateException("redis-server did not start on port " + this.port + ": " + log());
			}
			sleep(20);
		}
	}

	/**
	 * Stops the server, as an outage would.
	 */
	public synchronized void stop() {
		if (this.process != null) {
			this.process.destroy();
			try {
				if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
					this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.process = null;
		}
	}

	/**
	 * Returns the server's port.
	 * @return the port
	 */
	public int getPort() {
		return this.port;
	}

	/**
	 * Sends one inline command and returns the first line of the answer, or {@code null}
	 * if the server cannot be reached.
	 * @param command the command, e.g. {@code PING}
	 * @return the answer's first line
	 */
	public String command(String command) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(2000);
			OutputStream out = socket.getOutputStream();
			out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder line = new StringBuilder();
			int read;
			while ((read = in.read()) != -1 && read != '\n') {
				if (read != '\r') {
					line.append((char) read);
				}
			}
			return line.toString();
		}
		catch (IOException ex) {
			return null;
		}
	}

	private String log() {
		try {
			return Files.readString(this.directory.resolve("redis.log"));
		}
		catch (IOException ex) {
			return "(no log)";
		}
	}

	private static String executable() {
		for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
			if (new File(candidate).canExecute()) {
				return candidate;
			}
		}
		String path = System.getenv("PATH");
		if (path != null) {
			for (String directory : path.split(File.pathSeparator)) {
				File candidate = new File(directory, "redis-server");
				if (candidate.canExecute()) {
					return candidate.getPath();
				}
			}
		}
		throw new IllegalStateException("redis-server is not installed: install Debian's redis-server package "
				+ "(apt-get install redis-server); .ci/run installs it when it is missing");
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		stop();
	}

}
