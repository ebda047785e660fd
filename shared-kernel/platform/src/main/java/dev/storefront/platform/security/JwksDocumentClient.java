package dev.storefront.platform.security;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.Resource;
import io.micronaut.context.annotation.Primary;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.token.jwt.signature.jwks.JwksClient;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Reads the JSON Web Key Set the services verify tokens with from STOREFRONT_JWKS_URL, which is either the identity
 * provider's JWKS endpoint ({@code https://…/protocol/openid-connect/certs}) or a {@code file:} URL (the local stack's
 * and the tests' public keys). Micronaut's own clients each cover one of the two: its HTTP client fetches no files
 * and is not on every service's runtime class path, while its fallback retriever waits without a time limit. This one
 * reads both, gives up on a silent endpoint after {@value #TIMEOUT_MILLIS} ms and refuses documents larger than
 * {@value #SIZE_LIMIT_BYTES} bytes. Micronaut keeps what it returns for a minute and reads again after that, so a key
 * added to the set is trusted within a minute; when the read fails no token is accepted and the next one reads again.
 */
@Primary
@Singleton
public class JwksDocumentClient implements JwksClient {

    static final int TIMEOUT_MILLIS = 3_000;
    static final int SIZE_LIMIT_BYTES = 256 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(JwksDocumentClient.class);

    private final DefaultResourceRetriever retriever =
            new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS, SIZE_LIMIT_BYTES);
    private final Scheduler scheduler;

    public JwksDocumentClient(@Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this(Schedulers.fromExecutorService(blocking));
    }

    JwksDocumentClient(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public Publisher<String> load(@Nullable String providerName, String url) {
        return Mono.fromCallable(() -> read(url)).subscribeOn(scheduler);
    }

    /** The document at {@code url}, or null (an empty answer) when it cannot be read now. */
    @Nullable
    private String read(String url) {
        URI location = URI.create(url);
        String scheme = location.getScheme() == null ? "" : location.getScheme();
        if (!scheme.equals("file") && !scheme.equals("https") && !scheme.equals("http")) {
            LOG.error("STOREFRONT_JWKS_URL must be an https:, http: or file: URL, not {}", url);
            return null;
        }
        try {
            Resource resource = retriever.retrieveResource(location.toURL());
            return resource.getContent();
        } catch (IOException | IllegalArgumentException e) {
            LOG.error("Could not read the JSON Web Key Set at {}: {}", url, e.toString());
            return null;
        }
    }
}
