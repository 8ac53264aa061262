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

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.autoconfigure.EgainAuthPropertiesMapper.Source;
import io.github.egainauth.autoconfigure.InvalidEgainConfigurationException.Problem;
import io.github.egainauth.client.EgainAccessTokens;
import io.github.egainauth.client.EgainAuthorizedClientManager;
import io.github.egainauth.client.EgainClientCredentialsOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.EgainClientFailure;
import io.github.egainauth.client.EgainSubjectResolver;
import io.github.egainauth.client.EgainTokenExpiry;
import io.github.egainauth.client.EgainTokenStatistics;
import io.github.egainauth.client.EgainTokenStoreStatus;
import io.github.egainauth.client.OnBehalfOfOAuth2AuthorizedClientProvider;
import io.github.egainauth.client.registration.EgainClientRegistrationRepository;
import io.github.egainauth.client.web.EgainAllowedOrigins;
import io.github.egainauth.client.web.client.EgainClientHttpRequestInterceptor;
import io.github.egainauth.client.web.client.EgainRestClients;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.log.LogMessage;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.security.oauth2.client.DelegatingOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;

/**
 * The beans of the eGain auto-configuration, built the same way on every Spring Boot
 * line: each line's auto-configuration declares them with its own conditions and HTTP
 * client infrastructure, and builds them here.
 *
 * @author egain-auth authors
 * @see ReactiveEgainAuthBeans
 */
final class EgainAuthBeans {

	/**
	 * The name of the application-defined {@code OAuth2AuthorizedClientService} (or
	 * {@code ReactiveOAuth2AuthorizedClientService}) bean that, if present, stores eGain
	 * tokens instead of the bounded in-memory store.
	 */
	static final String AUTHORIZED_CLIENT_SERVICE_BEAN_NAME = "egainAuthorizedClientService";

	private static final String SSL_BUNDLE_PROPERTY = "egain.auth.token-endpoint.ssl-bundle";

	private static final Log logger = LogFactory.getLog("io.github.egainauth.autoconfigure.EgainAuthAutoConfiguration");

	private EgainAuthBeans() {
	}

	/**
	 * Returns the eGain registrations, and logs one line naming each client, its flow,
	 * its token URL and scope prefix and where they come from. With discovery, a client
	 * whose token URL or scope prefix is not configured is built from eGain's tenant
	 * metadata document when first looked up, never now.
	 * @param properties the checked properties
	 * @param tenantMetadataClient the client of the tenant metadata document, asked for
	 * only when the document is first read
	 * @return the registrations
	 */
	static EgainClientRegistrationRepository registrations(EgainAuthProperties properties,
			Supplier<EgainTenantMetadataClient> tenantMetadataClient) {
		EgainAuthPropertiesMapper mapper = new EgainAuthPropertiesMapper(properties);
		EgainClientRegistrationRepository registrations = new EgainClientRegistrationRepository(
				mapper.asClientRegistrations().values(), mapper.asDiscoveredClientRegistrations(),
				() -> tenantMetadataClient.get().fetch());
		logger.info(LogMessage.of(() -> describe(registrations)));
		return registrations;
	}

	/**
	 * Returns one line naming each client, its flow, and its token URL and scope prefix
	 * with where each comes from ({@code configured}, {@code discovered} or
	 * {@code derived}); nothing secret.
	 * @param registrations the registrations
	 * @return the line
	 */
	static String describe(EgainClientRegistrationRepository registrations) {
		StringBuilder line = new StringBuilder("eGain clients:");
		for (ClientRegistration registration : registrations) {
			EgainFlow flow = EgainFlow.from(registration);
			line.append(' ')
				.append(registration.getRegistrationId())
				.append(" (")
				.append((flow != null) ? flow.getValue() : registration.getAuthorizationGrantType().getValue());
			Source tokenUriSource = EgainAuthPropertiesMapper.tokenUriSource(registration);
			Source scopePrefixSource = EgainAuthPropertiesMapper.scopePrefixSource(registration);
			if (tokenUriSource == null || scopePrefixSource == null) {
				line.append(" at ").append(registration.getProviderDetails().getTokenUri()).append(')');
				continue;
			}
			boolean awaiting = EgainAuthPropertiesMapper.isAwaitingDiscovery(registration);
			String prefix = EgainAuthPropertiesMapper.scopePrefix(registration);
			line.append("; token URL ")
				.append(describe(tokenUriSource, awaiting, registration.getProviderDetails().getTokenUri()))
				.append("; scope prefix ")
				.append(describe(scopePrefixSource, awaiting, (prefix != null) ? prefix : "none"))
				.append(')');
		}
		return line.toString();
	}

	private static String describe(Source source, boolean awaiting, String value) {
		return (awaiting && source == Source.DISCOVERED) ? "to be discovered" : source.getValue() + ": " + value;
	}

	/**
	 * Returns the tenant id, which the properties have whenever discovery is enabled.
	 * @param properties the checked properties
	 * @return the tenant id
	 */
	static String tenantId(EgainAuthProperties properties) {
		String tenantId = properties.getTenantId();
		Assert.state(StringUtils.hasText(tenantId), "egain.auth.tenant-id is missing");
		return tenantId.trim();
	}

	/**
	 * Returns what the token clients tell of a token URL at which no token endpoint
	 * answered: if the URL came from eGain's tenant metadata document, the document is
	 * read again before the next token request.
	 * @param registrations the registrations
	 * @return the handler
	 */
	static Consumer<ClientRegistration> tokenUriFailureHandler(EgainClientRegistrationRepository registrations) {
		return (registration) -> {
			if (EgainAuthPropertiesMapper.tokenUriSource(registration) == Source.DISCOVERED) {
				registrations.discoverAgain(registration);
			}
		};
	}

	/**
	 * Returns the one expiry policy that the providers and the manager share.
	 * @param properties the properties
	 * @return the policy
	 */
	static EgainTokenExpiry tokenExpiry(EgainAuthProperties properties) {
		return new EgainTokenExpiry(Clock.systemUTC(), properties.getClockSkew());
	}

	/**
	 * Returns the origins that may receive eGain tokens: the API base URL's and any
	 * configured further ones; a host under the deprecated allowed-hosts stands for its
	 * https origin on port 443.
	 * @param properties the properties
	 * @return the allowed origins
	 */
	@SuppressWarnings("deprecation")
	static EgainAllowedOrigins allowedOrigins(EgainAuthProperties properties) {
		URI apiBaseUrl = URI.create(properties.getApiBaseUrl().trim());
		Set<String> origins = new LinkedHashSet<>();
		origins.add(apiBaseUrl.getScheme() + "://" + apiBaseUrl.getHost()
				+ ((apiBaseUrl.getPort() != -1) ? ":" + apiBaseUrl.getPort() : ""));
		origins.addAll(properties.getAllowedOrigins());
		properties.getAllowedHosts().forEach((host) -> origins.add("https://" + host.trim()));
		return EgainAllowedOrigins.of(origins);
	}

	/**
	 * Returns the client that calls naming none use: the only one, if only one is
	 * configured.
	 * @param registrations the registrations
	 * @return the client's name, or {@code null} if there are several
	 */
	static @Nullable String defaultClientName(EgainClientRegistrationRepository registrations) {
		return (registrations.getNames().size() == 1) ? registrations.getNames().iterator().next() : null;
	}

	/**
	 * Returns the blocking manager: tokens go to the application's
	 * {@code egainAuthorizedClientService} bean if it defines one, else to Redis with
	 * {@code egain.auth.store.type: redis}, else to a bounded in-memory store.
	 * @param registrations the registrations
	 * @param subjectResolver the subject resolver
	 * @param tokenExpiry the token expiry policy
	 * @param onBehalfOf the on-behalf-of provider
	 * @param clientCredentials the client-credentials provider
	 * @param authorizedClientService the application's store, if any
	 * @param properties the properties
	 * @param renewalExecutor the executor of renewals ahead of expiry, if enabled
	 * @param sharedStores the shared stores, if {@code egain.auth.store.type} is
	 * {@code redis} and Spring Data Redis is there
	 * @return the manager
	 */
	static EgainAuthorizedClientManager authorizedClientManager(EgainClientRegistrationRepository registrations,
			EgainSubjectResolver subjectResolver, EgainTokenExpiry tokenExpiry,
			OnBehalfOfOAuth2AuthorizedClientProvider onBehalfOf,
			EgainClientCredentialsOAuth2AuthorizedClientProvider clientCredentials,
			ObjectProvider<OAuth2AuthorizedClientService> authorizedClientService, EgainAuthProperties properties,
			ObjectProvider<EgainTokenRenewalExecutor> renewalExecutor,
			ObjectProvider<EgainSharedTokenStores> sharedStores) {
		EgainAuthorizedClientManager manager = new EgainAuthorizedClientManager(registrations::findByRegistrationId,
				authorizedClientService
					.getIfAvailable(() -> EgainSharedTokenStores.blocking(properties, sharedStores.getIfAvailable())));
		manager
			.setAuthorizedClientProvider(new DelegatingOAuth2AuthorizedClientProvider(onBehalfOf, clientCredentials));
		manager.setSubjectResolver(subjectResolver);
		manager.setTokenExpiry(tokenExpiry);
		manager.setRefreshAhead(properties.getRefreshAhead().isEnabled());
		manager.setRenewalBackoff(properties.getTokenEndpoint().getMaxBackoff());
		renewalExecutor.ifAvailable((renewals) -> manager.setRenewalExecutor(renewals.executor()));
		return manager;
	}

	/**
	 * Returns the {@code RestClient} interceptor.
	 * @param accessTokens the source of tokens
	 * @param registrations the registrations
	 * @param allowedOrigins the origins that may receive tokens
	 * @return the interceptor
	 */
	static EgainClientHttpRequestInterceptor clientHttpRequestInterceptor(EgainAccessTokens accessTokens,
			EgainClientRegistrationRepository registrations, EgainAllowedOrigins allowedOrigins) {
		EgainClientHttpRequestInterceptor interceptor = new EgainClientHttpRequestInterceptor(accessTokens);
		interceptor.setDefaultClientName(defaultClientName(registrations));
		interceptor.setAllowedOrigins(allowedOrigins);
		return interceptor;
	}

	/**
	 * Returns the ready-made {@code RestClient}s, starting from Spring Boot's
	 * {@code RestClient.Builder}, with the given request factory.
	 * @param builders the builders Spring Boot configures
	 * @param interceptor the interceptor
	 * @param properties the properties
	 * @param requestFactory the request factory, which never follows redirects
	 * @return the ready-made clients
	 */
	static EgainRestClients restClients(ObjectProvider<RestClient.Builder> builders,
			EgainClientHttpRequestInterceptor interceptor, EgainAuthProperties properties,
			ClientHttpRequestFactory requestFactory) {
		EgainRestClients restClients = new EgainRestClients(() -> builders.getIfAvailable(RestClient::builder),
				interceptor, properties.getApiBaseUrl(), properties.getAcceptLanguage());
		restClients.setRequestFactory(requestFactory);
		return restClients;
	}

	/**
	 * Returns the SSL bundle of token requests, named by
	 * {@code egain.auth.token-endpoint.ssl-bundle}.
	 * @param sslBundles the application's SSL bundles, if any
	 * @param name the bundle's name
	 * @return the bundle
	 * @throws InvalidEgainConfigurationException if no such bundle is configured
	 */
	static SslBundle sslBundle(ObjectProvider<SslBundles> sslBundles, String name) {
		SslBundles bundles = sslBundles.getIfAvailable();
		Supplier<InvalidEgainConfigurationException> unknown = () -> new InvalidEgainConfigurationException(
				List.of(new Problem(SSL_BUNDLE_PROPERTY,
						"'" + name + "' is not a configured SSL bundle" + knownBundles(bundles),
						"Set " + SSL_BUNDLE_PROPERTY + " to the name of a bundle configured under "
								+ "spring.ssl.bundle.jks.<name> or spring.ssl.bundle.pem.<name>, or configure "
								+ "that bundle")));
		if (bundles == null) {
			throw unknown.get();
		}
		try {
			return bundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw unknown.get();
		}
	}

	private static String knownBundles(@Nullable SslBundles bundles) {
		return (bundles == null || bundles.getBundleNames().isEmpty()) ? " (no SSL bundle is configured)"
				: " (configured: " + String.join(", ", bundles.getBundleNames()) + ")";
	}

	/**
	 * Returns the health of the eGain clients: {@code DOWN} while the latest token
	 * request of any client failed for a reason of the client or of eGain, with only its
	 * error code and time; a subject's own failures do not count. The store's status is
	 * shown too; an unavailable shared store fails no call, so it leaves the health up.
	 * @param registrations the registrations
	 * @param failingClients the failing clients
	 * @param statistics the statistics
	 * @param storeStatus the token store's status
	 * @return whether the clients are up, and the details
	 */
	static Health health(EgainClientRegistrationRepository registrations,
			Supplier<Map<String, EgainClientFailure>> failingClients, Supplier<EgainTokenStatistics> statistics,
			Supplier<EgainTokenStoreStatus> storeStatus) {
		Map<String, EgainClientFailure> failing = failingClients.get();
		Map<String, Object> clients = new LinkedHashMap<>();
		for (String name : registrations.getNames()) {
			EgainClientFailure failure = failing.get(name);
			clients.put(name, (failure != null) ? describe(failure) : "ok");
		}
		EgainTokenStatistics current = statistics.get();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("clients", clients);
		details.put("cacheHits", current.cacheHits());
		details.put("tokenRequests", current.tokenRequests());
		// A shared store that is unavailable fails no call: reported, but not DOWN.
		details.put("store", storeStatus.get().name().toLowerCase(Locale.ROOT).replace('_', '-'));
		return new Health(failing.isEmpty(), details);
	}

	private static Map<String, Object> describe(EgainClientFailure failure) {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("error", failure.error().getErrorCode());
		description.put("time", failure.time().toString());
		return description;
	}

	/**
	 * The health of the eGain clients, for each line's health indicator to report.
	 *
	 * @param up whether every client is up
	 * @param details the details
	 */
	record Health(boolean up, Map<String, Object> details) {

	}

}
