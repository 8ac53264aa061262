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

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.egainauth.EgainFlow;
import io.github.egainauth.EgainSubject;
import io.github.egainauth.client.CaffeineOAuth2AuthorizedClientService;
import io.github.egainauth.client.EgainTokenExpiry;
import io.github.egainauth.client.endpoint.EgainRetryPolicy;
import io.github.egainauth.client.registration.EgainClientRegistrations;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;

/**
 * Configuration properties for eGain clients.
 *
 * @author egain-auth authors
 */
@ConfigurationProperties("egain.auth")
public class EgainAuthProperties implements InitializingBean {

	/**
	 * eGain tenant id, e.g. TMPRODB88619984. Needed wherever a token URL is derived.
	 */
	private @Nullable String tenantId;

	/**
	 * Base URL of eGain's auth server, from which the on-behalf-of and client-credentials
	 * token URLs are derived.
	 */
	private String authBaseUrl = EgainClientRegistrations.DEFAULT_AUTH_BASE_URL;

	/**
	 * Base URL of eGain's APIs, against which API calls are made and from which the
	 * anonymous-customer token URL and default scope prefix are derived.
	 */
	private String apiBaseUrl = EgainClientRegistrations.DEFAULT_API_BASE_URL;

	/**
	 * Accept-Language header sent on API calls made with the ready-made RestClient and
	 * WebClient.
	 */
	private String acceptLanguage = "en-US";

	/**
	 * Further origins that may receive eGain tokens, besides the API base URL's, each as
	 * https://host or https://host:port (http:// only for loopback hosts). Requests
	 * carrying an eGain token to any other origin are refused.
	 */
	private List<String> allowedOrigins = new ArrayList<>();

	/**
	 * Further hosts that may receive eGain tokens over https on port 443.
	 */
	private List<String> allowedHosts = new ArrayList<>();

	/**
	 * How long before its expiry a token is renewed.
	 */
	private Duration clockSkew = EgainTokenExpiry.DEFAULT_CLOCK_SKEW;

	/**
	 * Lifetime of a token whose response has no expires_in and that is not a JWT with an
	 * exp claim. Must be longer than the clock skew.
	 */
	private Duration defaultTokenLifetime = EgainClientRegistrations.DEFAULT_TOKEN_LIFETIME;

	/**
	 * Token endpoint connection settings.
	 */
	private final TokenEndpoint tokenEndpoint = new TokenEndpoint();

	/**
	 * Token cache settings.
	 */
	private final Cache cache = new Cache();

	/**
	 * Settings for renewing tokens in use ahead of their expiry.
	 */
	private final RefreshAhead refreshAhead = new RefreshAhead();

	/**
	 * Where tokens are stored.
	 */
	private final Store store = new Store();

	/**
	 * Settings for reading token URLs and scope prefixes from eGain's tenant metadata
	 * document.
	 */
	private final Discovery discovery = new Discovery();

	/**
	 * eGain clients, by name. The name is the client's registration id.
	 */
	private final Map<String, Client> clients = new LinkedHashMap<>();

	public @Nullable String getTenantId() {
		return this.tenantId;
	}

	public void setTenantId(@Nullable String tenantId) {
		this.tenantId = tenantId;
	}

	public String getAuthBaseUrl() {
		return this.authBaseUrl;
	}

	public void setAuthBaseUrl(String authBaseUrl) {
		this.authBaseUrl = authBaseUrl;
	}

	public String getApiBaseUrl() {
		return this.apiBaseUrl;
	}

	public void setApiBaseUrl(String apiBaseUrl) {
		this.apiBaseUrl = apiBaseUrl;
	}

	public String getAcceptLanguage() {
		return this.acceptLanguage;
	}

	public void setAcceptLanguage(String acceptLanguage) {
		this.acceptLanguage = acceptLanguage;
	}

	public List<String> getAllowedOrigins() {
		return this.allowedOrigins;
	}

	public void setAllowedOrigins(List<String> allowedOrigins) {
		this.allowedOrigins = allowedOrigins;
	}

	@Deprecated(since = "0.1.0")
	@DeprecatedConfigurationProperty(replacement = "egain.auth.allowed-origins",
			reason = "A host alone leaves the scheme and port open; an origin names all three", since = "0.1.0")
	public List<String> getAllowedHosts() {
		return this.allowedHosts;
	}

	@Deprecated(since = "0.1.0")
	public void setAllowedHosts(List<String> allowedHosts) {
		this.allowedHosts = allowedHosts;
	}

	public Duration getClockSkew() {
		return this.clockSkew;
	}

	public void setClockSkew(Duration clockSkew) {
		this.clockSkew = clockSkew;
	}

	public Duration getDefaultTokenLifetime() {
		return this.defaultTokenLifetime;
	}

	public void setDefaultTokenLifetime(Duration defaultTokenLifetime) {
		this.defaultTokenLifetime = defaultTokenLifetime;
	}

	public TokenEndpoint getTokenEndpoint() {
		return this.tokenEndpoint;
	}

	public Cache getCache() {
		return this.cache;
	}

	public RefreshAhead getRefreshAhead() {
		return this.refreshAhead;
	}

	public Store getStore() {
		return this.store;
	}

	public Discovery getDiscovery() {
		return this.discovery;
	}

	public Map<String, Client> getClients() {
		return this.clients;
	}

	@Override
	public void afterPropertiesSet() {
		validate();
	}

	/**
	 * Checks every setting, whatever is built from them, and fails with one report of all
	 * that is wrong: each property, its problem and how to fix it.
	 */
	public void validate() {
		new EgainAuthPropertiesValidator(this).validate();
	}

	/**
	 * An eGain client.
	 */
	public static class Client {

		/**
		 * How tokens are obtained: on-behalf-of-user, on-behalf-of-customer,
		 * client-credentials, anonymous-customer or token-exchange.
		 */
		private @Nullable EgainFlow flow;

		/**
		 * Client id of the eGain client application.
		 */
		private @Nullable String clientId;

		/**
		 * Client secret of the eGain client application.
		 */
		private @Nullable String clientSecret;

		/**
		 * Scopes to request, as a list or space-separated. Optional for token-exchange
		 * clients only.
		 */
		private List<String> scopes = new ArrayList<>();

		/**
		 * How on-behalf-of-user subjects are identified: username (recommended by eGain)
		 * or user-id. On-behalf-of-user clients only.
		 */
		private @Nullable UserIdentifier userIdentifier;

		/**
		 * Token endpoint URL, e.g. the "Access Token URL" from eGain's console. Overrides
		 * the URL discovered from the tenant metadata document or derived from the tenant
		 * id and base URLs.
		 */
		private @Nullable String tokenUri;

		/**
		 * Prefix put before every scope that is not an absolute URL, e.g. the "Scope
		 * Prefix" from eGain's console. Overrides the prefix discovered from the tenant
		 * metadata document. Otherwise anonymous-customer clients default to the API base
		 * URL followed by /auth/, and other flows send scopes unprefixed.
		 */
		private @Nullable String scopePrefix;

		/**
		 * The id eGain's console shows for the identity provider (SSO provider) whose
		 * access tokens a token-exchange client trades, sent as registration_id.
		 * Token-exchange clients only, and required there.
		 */
		private @Nullable String registrationId;

		public @Nullable EgainFlow getFlow() {
			return this.flow;
		}

		public void setFlow(@Nullable EgainFlow flow) {
			this.flow = flow;
		}

		public @Nullable String getClientId() {
			return this.clientId;
		}

		public void setClientId(@Nullable String clientId) {
			this.clientId = clientId;
		}

		public @Nullable String getClientSecret() {
			return this.clientSecret;
		}

		public void setClientSecret(@Nullable String clientSecret) {
			this.clientSecret = clientSecret;
		}

		public List<String> getScopes() {
			return this.scopes;
		}

		public void setScopes(List<String> scopes) {
			this.scopes = scopes;
		}

		public @Nullable UserIdentifier getUserIdentifier() {
			return this.userIdentifier;
		}

		public void setUserIdentifier(@Nullable UserIdentifier userIdentifier) {
			this.userIdentifier = userIdentifier;
		}

		public @Nullable String getTokenUri() {
			return this.tokenUri;
		}

		public void setTokenUri(@Nullable String tokenUri) {
			this.tokenUri = tokenUri;
		}

		public @Nullable String getScopePrefix() {
			return this.scopePrefix;
		}

		public void setScopePrefix(@Nullable String scopePrefix) {
			this.scopePrefix = scopePrefix;
		}

		public @Nullable String getRegistrationId() {
			return this.registrationId;
		}

		public void setRegistrationId(@Nullable String registrationId) {
			this.registrationId = registrationId;
		}

		@Override
		public String toString() {
			return "Client{flow=" + this.flow + ", clientId=" + this.clientId + ", clientSecret="
					+ ((this.clientSecret != null) ? "******" : null) + ", scopes=" + this.scopes + ", tokenUri="
					+ this.tokenUri + ((this.registrationId != null) ? ", registrationId=" + this.registrationId : "")
					+ "}";
		}

	}

	/**
	 * Token endpoint connection settings.
	 */
	public static class TokenEndpoint {

		/**
		 * Connect timeout for token requests.
		 */
		private Duration connectTimeout = Duration.ofSeconds(5);

		/**
		 * Read timeout for token requests.
		 */
		private Duration readTimeout = Duration.ofSeconds(10);

		/**
		 * Maximum attempts per token request when eGain cannot be reached or answers 5xx
		 * or 429. 1 disables retries; 400 and 401 are never retried.
		 */
		private int maxAttempts = EgainRetryPolicy.DEFAULT.maxAttempts();

		/**
		 * Wait before the second attempt, doubled for each further one (with jitter).
		 */
		private Duration initialBackoff = EgainRetryPolicy.DEFAULT.initialBackoff();

		/**
		 * Longest wait between attempts, unless eGain asks for longer (Retry-After, or
		 * X-RateLimit-Reset on a 429).
		 */
		private Duration maxBackoff = EgainRetryPolicy.DEFAULT.maxBackoff();

		/**
		 * Overall time a token request may take, retries included. No attempt starts once
		 * it would be passed.
		 */
		private Duration deadline = EgainRetryPolicy.DEFAULT.deadline();

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) used for token requests, e.g. one
		 * whose trust store holds a corporate root certificate. By default the HTTP
		 * client's own trust applies.
		 */
		private @Nullable String sslBundle;

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public Duration getDeadline() {
			return this.deadline;
		}

		public void setDeadline(Duration deadline) {
			this.deadline = deadline;
		}

		public @Nullable String getSslBundle() {
			return this.sslBundle;
		}

		public void setSslBundle(@Nullable String sslBundle) {
			this.sslBundle = sslBundle;
		}

	}

	/**
	 * How the subjects of an on-behalf-of-user client are identified.
	 */
	public enum UserIdentifier {

		/**
		 * By username (subject_username), as eGain recommends for latency.
		 */
		USERNAME(EgainSubject.Kind.USERNAME),

		/**
		 * By user id (subject_userid).
		 */
		USER_ID(EgainSubject.Kind.USER_ID);

		private final EgainSubject.Kind subjectKind;

		UserIdentifier(EgainSubject.Kind subjectKind) {
			this.subjectKind = subjectKind;
		}

		/**
		 * Returns the kind of the subjects so identified.
		 * @return the subject kind
		 */
		public EgainSubject.Kind getSubjectKind() {
			return this.subjectKind;
		}

	}

	/**
	 * Token cache settings.
	 */
	public static class Cache {

		/**
		 * Maximum number of on-behalf-of tokens kept in memory, one per (client,
		 * subject); past that, those least likely to be used again (by recency and
		 * frequency) are evicted. Application-level tokens are kept apart, one per
		 * client.
		 */
		private long maxSubjects = CaffeineOAuth2AuthorizedClientService.DEFAULT_MAX_SUBJECTS;

		public long getMaxSubjects() {
			return this.maxSubjects;
		}

		public void setMaxSubjects(long maxSubjects) {
			this.maxSubjects = maxSubjects;
		}

	}

	/**
	 * Settings for renewing tokens in use ahead of their expiry.
	 */
	public static class RefreshAhead {

		/**
		 * Whether a token in use is renewed in the background before it enters the clock
		 * skew of its expiry, and, while eGain cannot renew it, served until it actually
		 * expires.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Where tokens are stored.
	 */
	public static class Store {

		/**
		 * Where tokens are stored: in-memory keeps them in each instance; redis shares
		 * them between all instances through the application's Spring Data Redis
		 * connection, encrypted, so that they request each token once between them.
		 */
		private StoreType type = StoreType.IN_MEMORY;

		/**
		 * Settings of the Redis store.
		 */
		private final Redis redis = new Redis();

		public StoreType getType() {
			return this.type;
		}

		public void setType(StoreType type) {
			this.type = type;
		}

		public Redis getRedis() {
			return this.redis;
		}

	}

	/**
	 * Settings of the Redis store.
	 */
	public static class Redis {

		/**
		 * AES-256-GCM keys that encrypt tokens in Redis, each the base64 of 32 random
		 * bytes (e.g. from "openssl rand -base64 32"), the same on every instance.
		 * Required with the redis store. The first key encrypts what is written; every
		 * key is tried on what is read, so a new key is rolled out by putting it first
		 * and removing the old one once its tokens have expired.
		 */
		private List<String> encryptionKey = new ArrayList<>();

		/**
		 * Prefix of the store's Redis keys.
		 */
		private String keyPrefix = "egain-auth:";

		/**
		 * How long Redis is left alone after it failed before one call tries it again.
		 * Meanwhile each instance serves tokens from its own cache and requests its own.
		 */
		private Duration retryInterval = Duration.ofSeconds(5);

		public List<String> getEncryptionKey() {
			return this.encryptionKey;
		}

		public void setEncryptionKey(List<String> encryptionKey) {
			this.encryptionKey = encryptionKey;
		}

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		public Duration getRetryInterval() {
			return this.retryInterval;
		}

		public void setRetryInterval(Duration retryInterval) {
			this.retryInterval = retryInterval;
		}

	}

	/**
	 * Where tokens are stored.
	 */
	public enum StoreType {

		/**
		 * In each instance's memory, bounded by {@code egain.auth.cache.max-subjects}.
		 */
		IN_MEMORY,

		/**
		 * In Redis, shared by all instances, with each instance's memory in front.
		 */
		REDIS

	}

	/**
	 * Settings for reading token URLs and scope prefixes from eGain's tenant metadata
	 * document.
	 */
	public static class Discovery {

		/**
		 * Whether token URLs and scope prefixes not configured for a client are read from
		 * eGain's tenant metadata document (API base URL followed by
		 * /core/authmgr/v3/metadata/tenant/{tenant-id}). The document is read before the
		 * first token request, never at startup, and read again after a token request
		 * finds no token endpoint at a discovered URL.
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
