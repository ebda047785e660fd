package dev.storefront.loadtests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Drops the lines Gatling prints for every run (banner, "Simulation ... started"), which would drown the benchmark's
 * own progress lines: the driver runs dozens of short simulations. Everything else passes through, line by line.
 */
final class ConsoleFilter extends OutputStream {

    private static final Pattern NOISE =
            Pattern.compile("^(Gatling \\S+ is available!.*|Simulation \\S+ (started|completed).*)\\R?$");

    private final OutputStream out;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    ConsoleFilter(OutputStream out) {
        this.out = out;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    private void emit() throws IOException {
        if (!NOISE.matcher(line.toString(StandardCharsets.UTF_8)).matches()) {
            line.writeTo(out);
            out.flush();
        }
        line.reset();
    }
}
