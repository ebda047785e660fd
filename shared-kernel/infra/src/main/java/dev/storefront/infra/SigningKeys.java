package dev.storefront.infra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * RSA signing keys as JWKs (RS256, {@code use: sig}) and the public JWK Set the services verify tokens with. Only the
 * holder of a private key can sign; what {@link #publicJwks} returns carries no private part.
 */
public final class SigningKeys {

    /** RSA modulus length; 2048 bits is what Keycloak generates by default. */
    private static final int KEY_SIZE = 2048;

    private SigningKeys() {}

    /** A new RSA key pair identified by {@code keyId}. */
    public static RSAKey generate(String keyId) {
        try {
            return new RSAKeyGenerator(KEY_SIZE)
                    .keyID(keyId)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyUse(KeyUse.SIGNATURE)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate an RSA key", e);
        }
    }

    /** The JWK Set of the public halves of {@code keys}, as the JSON a JWKS endpoint serves. */
    public static String publicJwks(List<? extends JWK> keys) {
        return new JWKSet(keys.stream().map(JWK::toPublicJWK).toList()).toString(true);
    }

    /** Writes {@code content} to {@code file} readable by its owner only (where the file system has permissions). */
    public static void writeOwnerOnly(Path file, String content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = Files.createTempFile(parent, ".key-", ".tmp");
        try {
            restrictToOwner(partial, "rw-------");
            Files.writeString(partial, content);
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    static void restrictToOwner(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the file still lives in a git-ignored folder
        }
    }
}
