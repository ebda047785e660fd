package dev.storefront.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local stack's JWT signing key: STOREFRONT_JWT_SECRET when set, otherwise a random key generated once and kept
 * in .storefront/jwt-secret (git-ignored, owner-only), so tokens survive a restart of the stack.
 */
final class Secrets {

    private Secrets() {}

    static String jwtSecret(Path work) throws IOException {
        String fromEnv = System.getenv("STOREFRONT_JWT_SECRET");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        Path file = work.resolve("jwt-secret");
        if (Files.isRegularFile(file)) {
            return Files.readString(file).trim();
        }
        byte[] key = new byte[48];
        new SecureRandom().nextBytes(key);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        Files.writeString(file, secret);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system; the file still lives in a git-ignored folder
        }
        return secret;
    }
}
