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

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;

import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.CaffeineOAuth2AuthorizedClientService;
import io.github.egainauth.client.EgainAccessTokens;
import io.github.egainauth.client.EgainAuthorizedClientManager;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * Part (c): the heap each stack retains after serving many distinct subjects (default
 * 1,000,000). Every subject is authorized once through the stack's manager; tokens come
 * from a provider that builds them locally (a distinct 64-character value per subject,
 * valid for an hour), so no HTTP is involved. Used heap is read after full collections at
 * checkpoints, relative to a baseline taken before the stack is built; the first
 * checkpoint, at no subjects, is the stack itself.
 *
 * <p>
 * Run with an explicit heap: {@code java -Xmx4g -cp benchmarks.jar
 * io.github.egainauth.benchmarks.RetainedHeap [subjects]}.
 *
 * @author egain-auth authors
 */
public final class RetainedHeap {

	private static final int[] CHECKPOINTS = { 0, 10_000, 100_000, 250_000, 500_000, 1_000_000 };

	private RetainedHeap() {
	}

	/**
	 * Fills each stack in turn and prints the retained heap at each checkpoint.
	 * @param args the number of subjects, optional
	 * @throws InterruptedException if interrupted while waiting for collections
	 */
	public static void main(String[] args) throws InterruptedException {
		int subjects = (args.length > 0) ? Integer.parseInt(args[0]) : 1_000_000;
		EgainClientRegistrationRepository registrations = TokenStacks.registrations("http://127.0.0.1:9/unused");
		System.out.printf("Retained heap: %,d distinct subjects, max heap %,d MB, %s%n", subjects,
				Runtime.getRuntime().maxMemory() / (1024 * 1024),
				ManagementFactory.getGarbageCollectorMXBeans()
					.stream()
					.map((bean) -> bean.getName())
					.reduce((a, b) -> a + ", " + b)
					.orElse(""));
		System.out.printf("%-6s %12s %14s %16s %14s  %s%n", "stack", "subjects", "retained MB", "bytes/subject",
				"fill seconds", "oldest subject of the last step still stored");
		warmUp(registrations);
		egain(registrations, subjects);
		stock(registrations, subjects);
	}

	/**
	 * Builds and uses each stack once and drops it, so that one-time class and static
	 * initialization (e.g. the message converters of the token clients that egain-auth's
	 * manager builds) is in every baseline rather than charged to whichever stack is
	 * measured first.
	 * @param registrations the client registrations
	 */
	private static void warmUp(EgainClientRegistrationRepository registrations) {
		EgainAuthorizedClientManager egain = TokenStacks.egainManager(registrations,
				new CaffeineOAuth2AuthorizedClientService());
		egain.setAuthorizedClientProvider(new LocalTokenProvider());
		new EgainAccessTokens(egain).getToken(TokenStacks.ON_BEHALF_OF, EgainSubject.username("warm-up"));
		TokenStacks
			.stockOnBehalfOfManager(registrations, TokenStacks.stockStore(registrations), new LocalTokenProvider())
			.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(TokenStacks.ON_BEHALF_OF)
				.principal(TokenStacks.principal("warm-up"))
				.build());
	}

	private static void egain(EgainClientRegistrationRepository registrations, int subjects)
			throws InterruptedException {
		long baseline = usedHeapAfterGc();
		CaffeineOAuth2AuthorizedClientService store = new CaffeineOAuth2AuthorizedClientService();
		EgainAuthorizedClientManager manager = TokenStacks.egainManager(registrations, store);
		manager.setAuthorizedClientProvider(new LocalTokenProvider());
		EgainAccessTokens accessTokens = new EgainAccessTokens(manager);
		fill("egain", subjects, baseline,
				(i) -> accessTokens.getToken(TokenStacks.ON_BEHALF_OF, EgainSubject.username(subjectName(i))),
				(i) -> store.loadAuthorizedClient(TokenStacks.ON_BEHALF_OF,
						EgainSubject.username(subjectName(i)).toString()) != null);
		System.out.printf("egain store holds %,d subject tokens (bound %,d)%n", store.subjectCount(),
				CaffeineOAuth2AuthorizedClientService.DEFAULT_MAX_SUBJECTS);
		Reference.reachabilityFence(manager);
	}

	private static void stock(EgainClientRegistrationRepository registrations, int subjects)
			throws InterruptedException {
		long baseline = usedHeapAfterGc();
		InMemoryOAuth2AuthorizedClientService store = TokenStacks.stockStore(registrations);
		AuthorizedClientServiceOAuth2AuthorizedClientManager manager = TokenStacks.stockOnBehalfOfManager(registrations,
				store, new LocalTokenProvider());
		fill("stock", subjects, baseline,
				(i) -> manager.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(TokenStacks.ON_BEHALF_OF)
					.principal(TokenStacks.principal(subjectName(i)))
					.build()),
				(i) -> store.loadAuthorizedClient(TokenStacks.ON_BEHALF_OF, subjectName(i)) != null);
		Reference.reachabilityFence(manager);
	}

	private static void fill(String stack, int subjects, long baseline, IntConsumer authorize, IntPredicate stored)
			throws InterruptedException {
		long fillNanos = 0;
		int done = 0;
		for (int checkpoint : CHECKPOINTS) {
			int target = Math.min(checkpoint, subjects);
			int oldest = done;
			long began = System.nanoTime();
			for (; done < target; done++) {
				authorize.accept(done);
			}
			fillNanos += System.nanoTime() - began;
			long retained = usedHeapAfterGc() - baseline;
			// Probe a subject never read since it was stored: reading one makes it
			// frequent, and the bounded store keeps frequent subjects.
			if (done == 0) {
				// The stack itself, before any subject: managers, providers, token
				// clients.
				System.out.printf("%-6s %,12d %,14.1f %16s %14s  -%n", stack, done, retained / (1024.0 * 1024), "-",
						"-");
				continue;
			}
			System.out.printf("%-6s %,12d %,14.1f %,16d %14.1f  %s: %s%n", stack, done, retained / (1024.0 * 1024),
					retained / done, fillNanos / 1e9, subjectName(oldest), stored.test(oldest) ? "yes" : "no");
			if (target == subjects) {
				return;
			}
		}
	}

	private static String subjectName(int i) {
		return "user-" + i;
	}

	private static long usedHeapAfterGc() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(100);
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	/**
	 * Issues a new token, with a distinct random 64-character value valid for an hour,
	 * whenever the context has none; leaves a stored one alone.
	 */
	private static final class LocalTokenProvider implements OAuth2AuthorizedClientProvider {

		private static final Duration LIFETIME = Duration.ofHours(1);

		private final SecureRandom random = new SecureRandom();

		@Override
		public @Nullable OAuth2AuthorizedClient authorize(OAuth2AuthorizationContext context) {
			if (context.getAuthorizedClient() != null) {
				return null;
			}
			byte[] bytes = new byte[48];
			this.random.nextBytes(bytes);
			Instant issuedAt = Instant.now();
			OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
					Base64.getUrlEncoder().encodeToString(bytes), issuedAt, issuedAt.plus(LIFETIME),
					context.getClientRegistration().getScopes());
			return new OAuth2AuthorizedClient(context.getClientRegistration(), context.getPrincipal().getName(), token);
		}

	}

}
