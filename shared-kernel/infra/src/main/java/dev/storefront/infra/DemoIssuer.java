package dev.storefront.infra;

import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The local stack's token issuer: an RSA key pair generated at the first start and kept under the stack's state
 * folder (git-ignored), so tokens survive a restart. The private key sits in {@code issuer/signing-key.json}, readable
 * by its owner only, and is read by the local stack and by {@code deploy/mint-token.sh}; the services are given only
 * the public {@code jwks.json} (STOREFRONT_JWKS_URL, a {@code file:} URL) and so hold nothing that can sign.
 *
 * <p>Deleting the {@code issuer} folder makes a new key on the next start; tokens of the old one are then refused.
 */
public final class DemoIssuer {

    private final RSAKey signingKey;
    private final Path jwks;

    private DemoIssuer(RSAKey signingKey, Path jwks) {
        this.signingKey = signingKey;
        this.jwks = jwks;
    }

    /** The issuer kept in {@code state} (the local stack's {@code .storefront}), created there when it is not yet. */
    public static DemoIssuer openOrCreate(Path state) throws IOException {
        Path keyFile = keyFile(state);
        RSAKey key;
        if (Files.isRegularFile(keyFile)) {
            key = read(keyFile);
        } else {
            key = SigningKeys.generate("local-" + LocalDate.now() + "-"
                    + UUID.randomUUID().toString().substring(0, 8));
            Files.createDirectories(keyFile.getParent());
            SigningKeys.restrictToOwner(keyFile.getParent(), "rwx------");
            SigningKeys.writeOwnerOnly(keyFile, key.toJSONString());
        }
        Path jwks = state.resolve("jwks.json");
        String published = SigningKeys.publicJwks(List.of(key));
        if (!Files.isRegularFile(jwks) || !Files.readString(jwks).equals(published)) {
            Files.writeString(jwks, published);
        }
        return new DemoIssuer(key, jwks.toAbsolutePath());
    }

    /** The issuer kept in {@code state}; fails when the local stack has not created one there yet. */
    public static DemoIssuer open(Path state) throws IOException {
        if (!Files.isRegularFile(keyFile(state))) {
            throw new IllegalStateException(
                    "no signing key in " + keyFile(state) + ": start the local stack first (deploy/run-local.sh)");
        }
        return openOrCreate(state);
    }

    /** A token for {@code subject} with {@code roles}; a negative lifetime gives an already expired token. */
    public String mint(String subject, List<String> roles, Duration lifetime) {
        return DemoTokens.mint(signingKey, subject, roles, lifetime);
    }

    /** The key id tokens carry and the JWKS lists. */
    public String keyId() {
        return signingKey.getKeyID();
    }

    /** Where the public JWK Set is, as the services are told (STOREFRONT_JWKS_URL). */
    public String jwksUrl() {
        return jwks.toUri().toString();
    }

    private static Path keyFile(Path state) {
        return state.resolve("issuer").resolve("signing-key.json");
    }

    private static RSAKey read(Path keyFile) throws IOException {
        try {
            RSAKey key = RSAKey.parse(Files.readString(keyFile));
            if (!key.isPrivate()) {
                throw new IllegalStateException(keyFile + " holds no private key");
            }
            return key;
        } catch (ParseException e) {
            throw new IllegalStateException(keyFile + " is not an RSA JWK: delete it to generate a new key", e);
        }
    }
}
