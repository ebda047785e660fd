package dev.storefront.localstack;

import dev.storefront.infra.ServiceDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Fills the catalog schema with generated categories, products and stock, for demos and benchmarks. Products are
 * {@code SKU-0000001} to {@code SKU-000000N}, so a benchmark can address product {@code i} without asking the API; each
 * product's attributes depend only on the seed and its index, so two loads with the same seed agree.
 *
 * <p>Rows go in with PostgreSQL COPY, in chunks of {@value #CHUNK} products per transaction, streamed through a small
 * buffer: a million products need no more heap than a thousand. Loading is idempotent: a chunk whose products all
 * exist is skipped, one with none of them is copied straight into the tables, and one with some of them is copied
 * into a temporary table and merged with {@code ON CONFLICT DO NOTHING}. Categories are inserted the same way.
 *
 * <p>The rows bypass the service: no {@code catalog.product.v1} event is published for them. Usage (through {@code
 * deploy/load-catalog.sh}): {@code CatalogDataGenerator [products=10000] [seed=42]}, with {@code DB_URL}, {@code
 * DB_USER} and {@code DB_PASSWORD} overriding the local stack's catalog database.
 */
public final class CatalogDataGenerator {

    /** The seed the local stack and the benchmarks use, so everyone sees the same demo catalog. */
    public static final long DEFAULT_SEED = 42;

    /** The highest product count: SKUs have seven digits. */
    public static final int MAX_PRODUCTS = 9_999_999;

    static final int CHUNK = 20_000;
    private static final int FLUSH_BYTES = 64 * 1024;
    private static final String SCHEMA = ServiceDatabase.CATALOG.schema();
    private static final String PRODUCT_COLUMNS = "sku, name, description, category, price_minor, currency, active";
    private static final String LOAD_TABLE = "catalog_generator_load";

    /** What one load did. */
    public record Result(
            int categoriesInserted, long productsInserted, long productsSkipped, long stockInserted, Duration elapsed) {

        public double productsPerSecond() {
            double seconds = elapsed.toNanos() / 1e9;
            return seconds <= 0 ? 0 : productsInserted / seconds;
        }
    }

    /** One generated product with its initial stock. */
    record Product(
            String sku,
            String name,
            String description,
            String category,
            long priceMinor,
            String currency,
            boolean active,
            int onHand) {}

    /** Which columns a COPY writes. */
    private enum Columns {
        PRODUCTS,
        STOCK,
        PRODUCTS_AND_STOCK
    }

    private record Category(String slug, String name, List<String> materials, List<String> nouns) {}

    private static final List<Category> CATEGORIES = List.of(
            new Category(
                    "kitchen",
                    "Kitchen",
                    List.of("Ceramic", "Cast Iron", "Stainless Steel", "Bamboo", "Copper", "Enamel", "Glass"),
                    List.of("Saucepan", "Kettle", "Mug", "Mixing Bowl", "Cutting Board", "Colander", "Teapot")),
            new Category(
                    "garden",
                    "Garden",
                    List.of("Terracotta", "Galvanised Steel", "Teak", "Willow", "Zinc", "Stoneware"),
                    List.of("Planter", "Watering Can", "Trowel", "Bird Feeder", "Hose Reel", "Plant Stand")),
            new Category(
                    "books",
                    "Books",
                    List.of("Hardcover", "Paperback", "Clothbound", "Leather-Bound", "Illustrated"),
                    List.of("Cookbook", "Field Guide", "Atlas", "Notebook", "Sketchbook", "Journal")),
            new Category(
                    "toys",
                    "Toys",
                    List.of("Wooden", "Plush", "Felt", "Tin", "Cardboard", "Beech"),
                    List.of("Train Set", "Puzzle", "Building Blocks", "Spinning Top", "Rocking Horse", "Kite")),
            new Category(
                    "outdoor",
                    "Outdoor",
                    List.of("Canvas", "Ripstop Nylon", "Aluminium", "Waxed Cotton", "Merino"),
                    List.of("Backpack", "Tent", "Camping Stool", "Lantern", "Sleeping Bag", "Flask")),
            new Category(
                    "electronics",
                    "Electronics",
                    List.of("Aluminium", "Matte Black", "Walnut", "Brushed Steel", "Recycled Plastic"),
                    List.of("Desk Lamp", "Speaker", "Headphones", "Charging Dock", "Alarm Clock", "Radio")),
            new Category(
                    "furniture",
                    "Furniture",
                    List.of("Oak", "Walnut", "Ash", "Pine", "Rattan", "Steel", "Birch"),
                    List.of("Chair", "Table", "Stool", "Bench", "Bookshelf", "Sideboard", "Desk")),
            new Category(
                    "lighting",
                    "Lighting",
                    List.of("Brass", "Opal Glass", "Paper", "Linen", "Copper", "Concrete"),
                    List.of("Pendant Lamp", "Floor Lamp", "Wall Light", "Table Lamp", "Lantern")),
            new Category(
                    "bath",
                    "Bath",
                    List.of("Cotton", "Linen", "Bamboo", "Marble", "Waffle Cotton", "Teak"),
                    List.of("Bath Towel", "Bath Mat", "Soap Dish", "Shower Caddy", "Bathrobe")),
            new Category(
                    "bedding",
                    "Bedding",
                    List.of("Linen", "Cotton Percale", "Sateen", "Wool", "Flannel", "Silk"),
                    List.of("Duvet Cover", "Pillowcase", "Fitted Sheet", "Throw", "Quilt")),
            new Category(
                    "office",
                    "Office",
                    List.of("Leather", "Cork", "Steel", "Oak", "Felt", "Recycled Paper"),
                    List.of("Desk Organiser", "Pen Holder", "Document Tray", "Planner", "Monitor Stand")),
            new Category(
                    "sports",
                    "Sports",
                    List.of("Rubber", "Neoprene", "Carbon", "Cork", "Mesh", "Foam"),
                    List.of("Yoga Mat", "Water Bottle", "Skipping Rope", "Gym Bag", "Foam Roller")),
            new Category(
                    "pet-supplies",
                    "Pet Supplies",
                    List.of("Ceramic", "Canvas", "Fleece", "Rope", "Stainless Steel"),
                    List.of("Dog Bed", "Food Bowl", "Cat Scratcher", "Leash", "Chew Toy")),
            new Category(
                    "tools",
                    "Tools",
                    List.of("Forged Steel", "Chrome Vanadium", "Hickory", "Fibreglass", "Hardened Steel"),
                    List.of("Hammer", "Screwdriver Set", "Spirit Level", "Hand Saw", "Tool Box", "Wrench")),
            new Category(
                    "home-decor",
                    "Home Decor",
                    List.of("Stoneware", "Rattan", "Jute", "Brass", "Glass", "Velvet"),
                    List.of("Vase", "Picture Frame", "Cushion Cover", "Candle Holder", "Mirror", "Rug")),
            new Category(
                    "storage",
                    "Storage",
                    List.of("Seagrass", "Bamboo", "Metal", "Canvas", "Pine", "Wicker"),
                    List.of("Basket", "Storage Box", "Coat Rack", "Shoe Rack", "Drawer Divider")),
            new Category(
                    "baby",
                    "Baby",
                    List.of("Organic Cotton", "Muslin", "Beech", "Silicone", "Merino"),
                    List.of("Swaddle", "Teether", "Baby Blanket", "Bib", "Rattle")),
            new Category(
                    "beauty",
                    "Beauty",
                    List.of("Boar Bristle", "Jade", "Bamboo", "Rose Quartz", "Konjac"),
                    List.of("Hairbrush", "Face Roller", "Toiletry Bag", "Comb", "Cleansing Sponge")),
            new Category(
                    "travel",
                    "Travel",
                    List.of("Polycarbonate", "Leather", "Nylon", "Canvas", "Aluminium"),
                    List.of("Suitcase", "Weekender Bag", "Passport Cover", "Packing Cube", "Neck Pillow")),
            new Category(
                    "music",
                    "Music",
                    List.of("Spruce", "Mahogany", "Maple", "Rosewood", "Brass"),
                    List.of("Ukulele", "Harmonica", "Music Stand", "Tambourine", "Metronome")));

    private static final List<String> ADJECTIVES = List.of(
            "Sturdy",
            "Classic",
            "Compact",
            "Handmade",
            "Rustic",
            "Modern",
            "Elegant",
            "Everyday",
            "Lightweight",
            "Heritage",
            "Minimalist",
            "Deluxe",
            "Natural",
            "Vintage",
            "Essential",
            "Premium",
            "Slim",
            "Generous",
            "Soft",
            "Bold");

    private static final List<String> FEATURES = List.of(
            "Made to last, with carefully finished edges.",
            "Designed in small batches by independent makers.",
            "A customer favourite since it first appeared in our range.",
            "Thoughtfully sized to fit smaller homes.",
            "Sourced from suppliers we have worked with for years.",
            "Finished by hand, so no two are exactly alike.",
            "Tested for everyday use in busy households.",
            "Pairs well with the rest of the collection.");

    private static final List<String> CARE = List.of(
            "Wipe clean with a damp cloth.",
            "Store in a dry place.",
            "Hand wash only.",
            "Machine washable at 30 degrees.",
            "Avoid direct sunlight to keep the colour.",
            "No special care needed.");

    private CatalogDataGenerator() {}

    public static void main(String[] args) throws SQLException {
        int products = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : DEFAULT_SEED;
        ServiceDatabase catalog = ServiceDatabase.CATALOG;
        String url = env(
                "DB_URL",
                "jdbc:postgresql://127.0.0.1:5432/" + catalog.database() + "?currentSchema=" + catalog.schema());
        String user = env("DB_USER", catalog.role());
        String password = env("DB_PASSWORD", catalog.password());
        Result result = load(url, user, password, products, seed);
        System.out.printf(
                Locale.ROOT,
                "Catalog loaded: %d products inserted, %d already present, %d stock rows, %d new categories in %.2f s"
                        + " (%.0f products/s)%n",
                result.productsInserted(),
                result.productsSkipped(),
                result.stockInserted(),
                result.categoriesInserted(),
                result.elapsed().toNanos() / 1e9,
                result.productsPerSecond());
    }

    /**
     * Makes sure the categories and products {@code SKU-0000001} to {@code products} exist, inserting what is missing.
     * The schema must have been migrated (the catalog-service does it when it starts).
     */
    public static Result load(String jdbcUrl, String user, String password, int products, long seed)
            throws SQLException {
        if (products < 0 || products > MAX_PRODUCTS) {
            throw new IllegalArgumentException("products must be between 0 and " + MAX_PRODUCTS + ": " + products);
        }
        long started = System.nanoTime();
        try (Connection db = DriverManager.getConnection(jdbcUrl, user, password)) {
            db.setAutoCommit(false);
            int categories = insertCategories(db);
            db.commit();
            CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
            long inserted = 0;
            long stock = 0;
            for (int first = 1; first <= products; first += CHUNK) {
                int last = Math.min(products, first + CHUNK - 1);
                long[] chunk = loadChunk(db, copy, seed, first, last);
                inserted += chunk[0];
                stock += chunk[1];
            }
            return new Result(
                    categories, inserted, products - inserted, stock, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** The SKU of product {@code index} (1-based), as benchmarks address it. */
    public static String sku(int index) {
        return String.format(Locale.ROOT, "SKU-%07d", index);
    }

    private static int insertCategories(Connection db) throws SQLException {
        int inserted = 0;
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO " + SCHEMA + ".categories (slug, name) VALUES (?, ?) ON CONFLICT (slug) DO NOTHING")) {
            for (Category category : CATEGORIES) {
                insert.setString(1, category.slug());
                insert.setString(2, category.name());
                inserted += insert.executeUpdate();
            }
        }
        return inserted;
    }

    /** Loads products first..last in one transaction; returns {products inserted, stock rows inserted}. */
    private static long[] loadChunk(Connection db, CopyManager copy, long seed, int first, int last)
            throws SQLException {
        int size = last - first + 1;
        long present = countPresent(db, first, last);
        if (present == size) {
            return new long[] {0, 0};
        }
        if (present == 0) {
            try {
                long products = copyRows(
                        copy,
                        "COPY " + SCHEMA + ".products (" + PRODUCT_COLUMNS + ") FROM STDIN",
                        seed,
                        first,
                        last,
                        Columns.PRODUCTS);
                long stock = copyRows(
                        copy, "COPY " + SCHEMA + ".stock (sku, on_hand) FROM STDIN", seed, first, last, Columns.STOCK);
                db.commit();
                return new long[] {products, stock};
            } catch (SQLException e) {
                db.rollback();
                if (!"23505".equals(e.getSQLState())) {
                    throw e;
                }
                // Someone inserted one of these products meanwhile: merge instead.
            }
        }
        long[] merged = merge(db, copy, seed, first, last);
        db.commit();
        return merged;
    }

    private static long countPresent(Connection db, int first, int last) throws SQLException {
        try (PreparedStatement count = db.prepareStatement(
                "SELECT count(*) FROM " + SCHEMA + ".products WHERE sku BETWEEN ? AND ? AND sku ~ '^SKU-[0-9]{7}$'")) {
            count.setString(1, sku(first));
            count.setString(2, sku(last));
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Copies the chunk into a temporary table and inserts the products (and their stock) that do not exist yet. */
    private static long[] merge(Connection db, CopyManager copy, long seed, int first, int last) throws SQLException {
        try (Statement sql = db.createStatement()) {
            sql.execute("CREATE TEMPORARY TABLE IF NOT EXISTS " + LOAD_TABLE
                    + " (sku VARCHAR(32) NOT NULL, name VARCHAR(200) NOT NULL, description VARCHAR(2000) NOT NULL,"
                    + " category VARCHAR(64) NOT NULL, price_minor BIGINT NOT NULL, currency CHAR(3) NOT NULL,"
                    + " active BOOLEAN NOT NULL, on_hand INT NOT NULL) ON COMMIT DELETE ROWS");
        }
        copyRows(
                copy,
                "COPY " + LOAD_TABLE + " (" + PRODUCT_COLUMNS + ", on_hand) FROM STDIN",
                seed,
                first,
                last,
                Columns.PRODUCTS_AND_STOCK);
        String statement = "WITH inserted AS (INSERT INTO " + SCHEMA + ".products (" + PRODUCT_COLUMNS + ") SELECT "
                + PRODUCT_COLUMNS + " FROM " + LOAD_TABLE + " ORDER BY sku ON CONFLICT (sku) DO NOTHING RETURNING sku),"
                + " stocked AS (INSERT INTO " + SCHEMA + ".stock (sku, on_hand) SELECT l.sku, l.on_hand FROM "
                + LOAD_TABLE + " l JOIN inserted i ON i.sku = l.sku ON CONFLICT (sku) DO NOTHING RETURNING sku)"
                + " SELECT (SELECT count(*) FROM inserted), (SELECT count(*) FROM stocked)";
        try (Statement sql = db.createStatement();
                ResultSet counts = sql.executeQuery(statement)) {
            counts.next();
            return new long[] {counts.getLong(1), counts.getLong(2)};
        }
    }

    /** Streams products first..last through one COPY in text format; returns the rows copied. */
    private static long copyRows(CopyManager copy, String sql, long seed, int first, int last, Columns columns)
            throws SQLException {
        CopyIn in = copy.copyIn(sql);
        try {
            StringBuilder buffer = new StringBuilder(FLUSH_BYTES + 4096);
            for (int i = first; i <= last; i++) {
                Product p = product(seed, i);
                buffer.append(p.sku()).append('\t');
                if (columns != Columns.STOCK) {
                    escape(buffer, p.name()).append('\t');
                    escape(buffer, p.description()).append('\t');
                    buffer.append(p.category()).append('\t');
                    buffer.append(p.priceMinor()).append('\t');
                    buffer.append(p.currency()).append('\t');
                    buffer.append(p.active() ? 't' : 'f');
                }
                if (columns == Columns.PRODUCTS_AND_STOCK) {
                    buffer.append('\t');
                }
                if (columns != Columns.PRODUCTS) {
                    buffer.append(p.onHand());
                }
                buffer.append('\n');
                if (buffer.length() >= FLUSH_BYTES) {
                    flush(in, buffer);
                }
            }
            flush(in, buffer);
            return in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private static void flush(CopyIn in, StringBuilder buffer) throws SQLException {
        if (buffer.isEmpty()) {
            return;
        }
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(bytes, 0, bytes.length);
        buffer.setLength(0);
    }

    /** Escapes a value for COPY's text format. */
    private static StringBuilder escape(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out;
    }

    /** Product {@code index} for {@code seed}: the same inputs always give the same product. */
    static Product product(long seed, int index) {
        SplittableRandom random = new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + index));
        Category category = pick(random, CATEGORIES);
        String adjective = pick(random, ADJECTIVES);
        String material = pick(random, category.materials());
        String noun = pick(random, category.nouns());
        String name = adjective + " " + material + " " + noun;
        String description = "A " + adjective.toLowerCase(Locale.ROOT) + " " + noun.toLowerCase(Locale.ROOT)
                + " in " + material.toLowerCase(Locale.ROOT) + ". " + pick(random, FEATURES) + " "
                + pick(random, CARE);
        return new Product(
                sku(index),
                name,
                description,
                category.slug(),
                price(random),
                "EUR",
                random.nextInt(100) < 95,
                stock(random));
    }

    /** Minor units between 99 and 99999, log-uniform (most things are cheap), ending in 49 or 99 like shop prices. */
    private static long price(SplittableRandom random) {
        double log = Math.log(99) + random.nextDouble() * (Math.log(99_999) - Math.log(99));
        long euros = (long) Math.exp(log) / 100;
        long minor = euros * 100 + (random.nextBoolean() ? 99 : 49);
        return Math.max(99, Math.min(99_999, minor));
    }

    /** 0..500 on hand: about one product in twenty is sold out, most have a few dozen. */
    private static int stock(SplittableRandom random) {
        if (random.nextInt(20) == 0) {
            return 0;
        }
        double u = random.nextDouble();
        return 1 + (int) (499 * u * u);
    }

    private static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Stafford's mix13, so that neighbouring indexes give unrelated random streams. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static List<String> categorySlugs() {
        return CATEGORIES.stream().map(Category::slug).toList();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
