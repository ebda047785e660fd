package dev.storefront.testing;

import com.nimbusds.jose.jwk.RSAKey;
import dev.storefront.infra.SigningKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The test-only RSA key pairs, generated afresh in every test JVM (no private key is committed), and the public JWK
 * Set the services under test trust. It publishes two keys, as during a rotation: {@link #PREVIOUS}, still trusted for
 * the tokens it signed, and {@link #CURRENT}, which {@link TestTokens} sign with. {@link #UNPUBLISHED} carries
 * CURRENT's key id but is another key, and {@link #UNKNOWN} has a key id the set does not list: tokens of either must
 * be refused.
 */
public final class TestKeys {

    /** The key a rotation retires: still in the JWKS, so its tokens are still accepted. */
    public static final RSAKey PREVIOUS = SigningKeys.generate("test-key-1");

    /** The key a rotation introduces: {@link TestTokens} sign with it. */
    public static final RSAKey CURRENT = SigningKeys.generate("test-key-2");

    /** Not in the JWKS, under the key id of {@link #CURRENT}: a forger who copied the header. */
    public static final RSAKey UNPUBLISHED = SigningKeys.generate(CURRENT.getKeyID());

    /** Not in the JWKS, under a key id the set does not list. */
    public static final RSAKey UNKNOWN = SigningKeys.generate("test-key-unknown");

    private static final Path JWKS = write(SigningKeys.publicJwks(List.of(PREVIOUS, CURRENT)));

    private TestKeys() {}

    /** The {@code file:} URL of the public JWK Set (PREVIOUS and CURRENT): what the services are given. */
    public static String jwksUrl() {
        return JWKS.toUri().toString();
    }

    /** Writes a JWK Set of the public halves of {@code keys} to a new file: its {@code file:} URL. */
    public static String publish(List<RSAKey> keys) {
        return write(SigningKeys.publicJwks(keys)).toUri().toString();
    }

    private static Path write(String jwks) {
        try {
            Path file = Files.createTempFile("storefront-test-jwks-", ".json");
            file.toFile().deleteOnExit();
            Files.writeString(file, jwks);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
