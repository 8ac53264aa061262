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

package io.github.egainauth.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real forward HTTP proxy on loopback: it takes each request in absolute form
 * ({@code POST http://host:port/path HTTP/1.1}), forwards it to the host it names and
 * copies the answer back, or tunnels a {@code CONNECT host:port} (as Reactor Netty asks
 * even for plain http). It records the {@code host:port} each request was for. One
 * request per connection; enough for the token and API requests of a test.
 *
 * @author egain-auth authors
 */
final class TestEgainForwardProxy implements AutoCloseable {

	private final ServerSocket server;

	private final ExecutorService executor = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "test-forward-proxy");
		thread.setDaemon(true);
		return thread;
	});

	private final List<String> targets = new CopyOnWriteArrayList<>();

	private TestEgainForwardProxy() throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.executor.execute(this::accept);
	}

	static TestEgainForwardProxy start() throws IOException {
		return new TestEgainForwardProxy();
	}

	int getPort() {
		return this.server.getLocalPort();
	}

	/**
	 * Returns the {@code host:port} of each request that passed through, in order.
	 */
	List<String> getTargets() {
		return List.copyOf(this.targets);
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		this.executor.shutdownNow();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				this.executor.execute(() -> forward(client));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void forward(Socket client) {
		try (client) {
			InputStream in = client.getInputStream();
			String requestLine = readLine(in);
			List<String> headers = new ArrayList<>();
			int contentLength = 0;
			for (String header = readLine(in); !header.isEmpty(); header = readLine(in)) {
				String name = header.substring(0, header.indexOf(':')).trim().toLowerCase(Locale.ROOT);
				if (name.equals("content-length")) {
					contentLength = Integer.parseInt(header.substring(header.indexOf(':') + 1).trim());
				}
				if (!name.startsWith("proxy-") && !name.equals("connection")) {
					headers.add(header);
				}
			}
			String[] parts = requestLine.split(" ");
			if ("CONNECT".equals(parts[0])) {
				tunnel(client, parts[1]);
				return;
			}
			byte[] body = in.readNBytes(contentLength);
			URI target = URI.create(parts[1]);
			this.targets.add(target.getHost() + ":" + target.getPort());
			try (Socket upstream = new Socket(target.getHost(), target.getPort())) {
				OutputStream out = upstream.getOutputStream();
				StringBuilder head = new StringBuilder(parts[0] + " " + target.getRawPath()
						+ ((target.getRawQuery() != null) ? "?" + target.getRawQuery() : "") + " HTTP/1.1\r\n");
				headers.forEach((header) -> head.append(header).append("\r\n"));
				head.append("Connection: close\r\n\r\n");
				out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
				out.write(body);
				out.flush();
				upstream.getInputStream().transferTo(client.getOutputStream());
			}
		}
		catch (IOException | RuntimeException ex) {
			// The client sees the connection close, as with any broken proxy.
		}
	}

	private void tunnel(Socket client, String authority) throws IOException {
		int colon = authority.lastIndexOf(':');
		this.targets.add(authority);
		try (Socket upstream = new Socket(authority.substring(0, colon),
				Integer.parseInt(authority.substring(colon + 1)))) {
			client.getOutputStream()
				.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
			client.getOutputStream().flush();
			this.executor.execute(() -> {
				try {
					client.getInputStream().transferTo(upstream.getOutputStream());
					upstream.shutdownOutput();
				}
				catch (IOException ex) {
					// The other direction ends the tunnel.
				}
			});
			upstream.getInputStream().transferTo(client.getOutputStream());
		}
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.ISO_8859_1);
	}

}
