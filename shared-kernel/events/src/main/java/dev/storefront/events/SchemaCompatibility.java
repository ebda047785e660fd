package dev.storefront.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether a changed event schema still suits the consumers already running: given the {@code released}
 * version of a schema and the {@code current} one, it lists every way in which a message written under
 * {@code current} could be rejected or misread by a reader built against {@code released} ("backward compatible for
 * existing readers"). An empty list means the change can ship in place; anything else needs a new schema version.
 *
 * <p>Why this class exists: no maintained Java library checks compatibility between two JSON Schemas. Validators
 * (such as the one {@link SchemaValidator} uses) check instances, not schemas, and Confluent's schema-registry checker
 * is not available from the repository our builds resolve from. The schemas in {@code schemas/} use a small subset of
 * JSON Schema, so a small checker that understands that subset exactly, and refuses anything else, is enough.
 *
 * <p>The question asked of every schema pair is "does {@code current} allow only values that {@code released}
 * allows?". Understood, recursively through {@code properties}, {@code items}, local {@code $ref}s (to
 * {@code #/$defs/...} or any other JSON pointer inside the same document) and boolean schemas:
 *
 * <ul>
 *   <li>{@code type}, as a string or an array: current may narrow it ({@code number} to {@code integer}, {@code
 *       [string, null]} to {@code string}); changing or widening it is breaking.
 *   <li>{@code enum} and {@code const}: current may allow fewer values, never a value released does not know.
 *   <li>{@code pattern} and {@code format}: may be added; changing or removing one is breaking, since two regular
 *       expressions cannot be compared in general.
 *   <li>lower bounds ({@code minimum}, {@code exclusiveMinimum}, {@code minLength}, {@code minItems}, {@code
 *       minProperties}) may be raised, upper bounds ({@code maximum}, {@code exclusiveMaximum}, {@code maxLength},
 *       {@code maxItems}, {@code maxProperties}) may be lowered; the opposite, or dropping a bound, is breaking. So is
 *       dropping {@code uniqueItems} or changing {@code multipleOf} to a value that is not a multiple of the old one.
 *   <li>{@code required}: current may require more; a property released requires must stay declared and required.
 *   <li>{@code properties}: each property both versions declare is compared recursively. A property only current
 *       declares must be acceptable to released's {@code additionalProperties}. A property only released declares
 *       must either be forbidden in current ({@code additionalProperties: false}) or still be acceptable to released.
 *   <li>{@code additionalProperties}: going from {@code true} or absent to anything is fine. From {@code false}, the
 *       payload records emit declared properties only, so relaxing it breaks readers only when current declares a
 *       property released does not know (reported as such). A schema value (a map of values) must stay a schema that
 *       accepts no more than the released one, or become {@code false}.
 * </ul>
 *
 * <p>Annotations ({@code title}, {@code description}, {@code $comment}, {@code examples}, {@code default}, {@code
 * deprecated}, {@code readOnly}, {@code writeOnly}) and document-level keywords ({@code $schema}, {@code $id}, {@code
 * $defs}) never matter. Any other keyword (for instance {@code anyOf}, {@code patternProperties}, {@code if}) is
 * outside the understood subset: when its value differs between the two versions, the difference is reported as
 * breaking. So is a {@code $ref} with sibling keywords other than annotations, or one that names an anchor or another
 * document. The checker is thus conservative: apart from the {@code additionalProperties: false} rule above, it may
 * refuse a change that is in fact safe, never the other way round.
 *
 * <p>Problems read as {@code <path>: <what changed>}, where the path names the place in the data ({@code $} is the
 * payload, {@code $.lines[*].quantity} the quantity of every line).
 */
public final class SchemaCompatibility {

    private static final Set<String> ANNOTATIONS = Set.of(
            "title",
            "description",
            "$comment",
            "examples",
            "default",
            "deprecated",
            "readOnly",
            "writeOnly",
            "$schema",
            "$id",
            "$defs",
            "definitions");

    private static final Set<String> UNDERSTOOD = Set.of(
            "$ref",
            "type",
            "enum",
            "const",
            "pattern",
            "format",
            "minimum",
            "exclusiveMinimum",
            "maximum",
            "exclusiveMaximum",
            "minLength",
            "maxLength",
            "minItems",
            "maxItems",
            "minProperties",
            "maxProperties",
            "multipleOf",
            "uniqueItems",
            "required",
            "properties",
            "additionalProperties",
            "items");

    private final JsonNode releasedRoot;
    private final JsonNode currentRoot;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> comparedReferences = new HashSet<>();

    private SchemaCompatibility(JsonNode releasedRoot, JsonNode currentRoot) {
        this.releasedRoot = releasedRoot;
        this.currentRoot = currentRoot;
    }

    /**
     * Every way in which a reader of {@code released} could reject or misread a message valid under {@code current};
     * empty when {@code current} is backward compatible for existing readers.
     */
    public static List<String> breakingChanges(JsonNode released, JsonNode current) {
        Objects.requireNonNull(released, "released");
        Objects.requireNonNull(current, "current");
        SchemaCompatibility check = new SchemaCompatibility(released, current);
        check.compare("$", released, current);
        return List.copyOf(check.problems);
    }

    private void compare(String path, JsonNode released, JsonNode current) {
        Resolved old = resolve(path, released, releasedRoot);
        Resolved now = resolve(path, current, currentRoot);
        if (old == null || now == null) {
            return;
        }
        if (old.reference != null && now.reference != null) {
            // Recursive definitions: a pair of references already under comparison is assumed compatible.
            if (!comparedReferences.add(old.reference + " -> " + now.reference)) {
                return;
            }
        }
        compareResolved(path, old.schema, now.schema);
    }

    private void compareResolved(String path, JsonNode released, JsonNode current) {
        if (!isSchema(released) || !isSchema(current)) {
            if (!released.equals(current)) {
                problems.add(path + ": " + summary(released) + " -> " + summary(current)
                        + " is not a schema this check understands");
            }
            return;
        }
        if (released.isBoolean() || current.isBoolean()) {
            compareBooleanSchemas(path, released, current);
            return;
        }
        compareTypes(path, released, current);
        compareAllowedValues(path, released, current);
        compareExact(path, "pattern", released, current);
        compareExact(path, "format", released, current);
        compareNumericBounds(path, released, current);
        compareCount(path, "minLength", true, released, current);
        compareCount(path, "maxLength", false, released, current);
        compareCount(path, "minItems", true, released, current);
        compareCount(path, "maxItems", false, released, current);
        compareCount(path, "minProperties", true, released, current);
        compareCount(path, "maxProperties", false, released, current);
        compareMultipleOf(path, released, current);
        compareUniqueItems(path, released, current);
        compareObjects(path, released, current);
        compareItems(path, released, current);
        compareUnknownKeywords(path, released, current);
    }

    // --- references ---------------------------------------------------------------------------------------------

    private record Resolved(JsonNode schema, String reference) {}

    /** Follows local {@code $ref}s; null (after reporting) when the reference cannot be followed. */
    private Resolved resolve(String path, JsonNode schema, JsonNode root) {
        JsonNode node = schema;
        String reference = null;
        Set<String> followed = new LinkedHashSet<>();
        while (node.isObject() && node.has("$ref")) {
            String ref = node.get("$ref").asText();
            for (String name : keywords(node)) {
                if (!name.equals("$ref") && !ANNOTATIONS.contains(name)) {
                    problems.add(path + ": $ref next to '" + name + "' is outside the subset this check understands");
                    return null;
                }
            }
            if (!ref.startsWith("#")) {
                problems.add(
                        path + ": $ref " + ref + " is not local; only references inside the document are understood");
                return null;
            }
            if (!ref.equals("#") && !ref.startsWith("#/")) {
                problems.add(path + ": $ref " + ref + " names an anchor; only JSON pointers are understood");
                return null;
            }
            if (!followed.add(ref)) {
                problems.add(path + ": $ref " + ref + " refers to itself");
                return null;
            }
            JsonNode target = root.at(ref.substring(1));
            if (target.isMissingNode()) {
                problems.add(path + ": $ref " + ref + " points nowhere");
                return null;
            }
            reference = ref;
            node = target;
        }
        return new Resolved(node, reference);
    }

    // --- keywords -----------------------------------------------------------------------------------------------

    private void compareBooleanSchemas(String path, JsonNode released, JsonNode current) {
        boolean releasedAcceptsAll = released.isBoolean() ? released.asBoolean() : isEmptyOfAssertions(released);
        boolean currentAcceptsNothing = current.isBoolean() && !current.asBoolean();
        if (releasedAcceptsAll || currentAcceptsNothing) {
            return;
        }
        if (released.isBoolean()) {
            problems.add(path + ": released accepts no value here, current does");
        } else {
            problems.add(path + ": current accepts any value here, released restricts it");
        }
    }

    private static boolean isSchema(JsonNode node) {
        return node.isObject() || node.isBoolean();
    }

    private static boolean isEmptyOfAssertions(JsonNode schema) {
        return keywords(schema).stream().allMatch(ANNOTATIONS::contains);
    }

    private void compareTypes(String path, JsonNode released, JsonNode current) {
        Set<String> old = types(released);
        if (old == null) {
            return;
        }
        Set<String> now = types(current);
        if (now == null) {
            problems.add(path + ": type " + old + " was dropped; current allows any type");
            return;
        }
        Set<String> added = new TreeSet<>();
        for (String type : now) {
            boolean known = old.contains(type) || (type.equals("integer") && old.contains("number"));
            if (!known) {
                added.add(type);
            }
        }
        if (!added.isEmpty()) {
            problems.add(
                    path + ": type changed from " + old + " to " + now + "; released readers do not accept " + added);
        }
    }

    private static Set<String> types(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return null;
        }
        Set<String> types = new TreeSet<>();
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else {
            types.add(type.asText());
        }
        return types;
    }

    private void compareAllowedValues(String path, JsonNode released, JsonNode current) {
        List<JsonNode> old = allowedValues(released);
        if (old == null) {
            return;
        }
        String oldKeyword = released.has("const") ? "const" : "enum";
        List<JsonNode> now = allowedValues(current);
        if (now == null) {
            problems.add(path + ": " + oldKeyword + " was dropped; current allows values released readers do not know");
            return;
        }
        List<JsonNode> added =
                now.stream().filter(value -> !old.contains(value)).toList();
        if (added.isEmpty()) {
            return;
        }
        if (oldKeyword.equals("const")) {
            problems.add(path + ": const changed from " + old.getFirst() + " to " + describe(current));
        } else {
            problems.add(path + ": enum gained " + added + "; released readers cannot handle them");
        }
    }

    private static List<JsonNode> allowedValues(JsonNode schema) {
        if (schema.has("const")) {
            return List.of(schema.get("const"));
        }
        JsonNode values = schema.get("enum");
        if (values == null) {
            return null;
        }
        List<JsonNode> allowed = new ArrayList<>();
        values.forEach(allowed::add);
        return allowed;
    }

    private static String describe(JsonNode schema) {
        return schema.has("const") ? schema.get("const").toString() : "enum " + schema.get("enum");
    }

    private void compareExact(String path, String keyword, JsonNode released, JsonNode current) {
        JsonNode old = released.get(keyword);
        if (old == null) {
            return;
        }
        JsonNode now = current.get(keyword);
        if (now == null) {
            problems.add(path + ": " + keyword + " " + old + " was dropped");
        } else if (!old.equals(now)) {
            problems.add(path + ": " + keyword + " changed from " + old + " to " + now);
        }
    }

    /** A bound on a number: the value and whether the bound itself is excluded. */
    private record Bound(BigDecimal value, boolean exclusive) {}

    private void compareNumericBounds(String path, JsonNode released, JsonNode current) {
        compareBound(path, "minimum", bound(released, "minimum", "exclusiveMinimum", true), current, true);
        compareBound(path, "maximum", bound(released, "maximum", "exclusiveMaximum", false), current, false);
    }

    private void compareBound(String path, String name, Bound old, JsonNode current, boolean lower) {
        if (old == null) {
            return;
        }
        Bound now = lower
                ? bound(current, "minimum", "exclusiveMinimum", true)
                : bound(current, "maximum", "exclusiveMaximum", false);
        if (now == null) {
            problems.add(path + ": " + name + " " + show(old) + " was dropped");
            return;
        }
        int order = now.value.compareTo(old.value);
        boolean wider = lower ? order < 0 : order > 0;
        boolean sameButInclusive = order == 0 && old.exclusive && !now.exclusive;
        if (wider || sameButInclusive) {
            problems.add(path + ": " + name + " " + (lower ? "lowered" : "raised") + " from " + show(old) + " to "
                    + show(now) + "; released readers reject values current writers may send");
        }
    }

    /** The tighter of the inclusive and the exclusive bound, or null when there is none. */
    private static Bound bound(JsonNode schema, String inclusive, String exclusive, boolean lower) {
        Bound result = null;
        if (schema.has(inclusive) && schema.get(inclusive).isNumber()) {
            result = new Bound(schema.get(inclusive).decimalValue(), false);
        }
        if (schema.has(exclusive) && schema.get(exclusive).isNumber()) {
            Bound candidate = new Bound(schema.get(exclusive).decimalValue(), true);
            if (result == null) {
                result = candidate;
            } else {
                int order = candidate.value.compareTo(result.value);
                boolean tighter = order == 0 || (lower ? order > 0 : order < 0);
                result = tighter ? candidate : result;
            }
        }
        return result;
    }

    private static String show(Bound bound) {
        return bound.value.toPlainString() + (bound.exclusive ? " (exclusive)" : "");
    }

    private void compareCount(String path, String keyword, boolean lower, JsonNode released, JsonNode current) {
        JsonNode old = released.get(keyword);
        if (old == null || !old.isNumber()) {
            return;
        }
        JsonNode now = current.get(keyword);
        if (now == null || !now.isNumber()) {
            problems.add(path + ": " + keyword + " " + old + " was dropped");
            return;
        }
        int order = now.decimalValue().compareTo(old.decimalValue());
        if (lower ? order < 0 : order > 0) {
            problems.add(path + ": " + keyword + " " + (lower ? "lowered" : "raised") + " from " + old + " to " + now
                    + "; released readers reject values current writers may send");
        }
    }

    private void compareMultipleOf(String path, JsonNode released, JsonNode current) {
        JsonNode old = released.get("multipleOf");
        if (old == null || !old.isNumber() || old.decimalValue().signum() <= 0) {
            return;
        }
        JsonNode now = current.get("multipleOf");
        if (now == null || !now.isNumber()) {
            problems.add(path + ": multipleOf " + old + " was dropped");
        } else if (now.decimalValue().remainder(old.decimalValue()).signum() != 0) {
            problems.add(path + ": multipleOf changed from " + old + " to " + now + ", which is not a multiple of it");
        }
    }

    private void compareUniqueItems(String path, JsonNode released, JsonNode current) {
        if (released.path("uniqueItems").asBoolean(false)
                && !current.path("uniqueItems").asBoolean(false)) {
            problems.add(path + ": uniqueItems was dropped; current allows repeated items");
        }
    }

    private void compareObjects(String path, JsonNode released, JsonNode current) {
        JsonNode oldProperties = released.path("properties");
        JsonNode newProperties = current.path("properties");
        Set<String> oldRequired = names(released.get("required"));
        Set<String> newRequired = names(current.get("required"));
        JsonNode oldAdditional = released.get("additionalProperties");
        JsonNode newAdditional = current.get("additionalProperties");

        for (String name : oldRequired) {
            if (newRequired.contains(name)) {
                continue;
            }
            if (newProperties.has(name)) {
                problems.add(property(path, name) + ": required in released, optional in current; released readers"
                        + " reject messages without it");
            } else {
                problems.add(property(path, name) + ": required in released, removed in current; released readers"
                        + " reject messages without it");
            }
        }

        for (Map.Entry<String, JsonNode> field : oldProperties.properties()) {
            String name = field.getKey();
            String at = property(path, name);
            if (newProperties.has(name)) {
                compare(at, field.getValue(), newProperties.get(name));
            } else if (!oldRequired.contains(name)) {
                // No longer declared: current writers may still send it, under current's additionalProperties.
                if (newAdditional == null || (newAdditional.isBoolean() && newAdditional.asBoolean())) {
                    if (!isUnconstrained(field.getValue())) {
                        problems.add(at + ": removed from current, which then allows any value under this name;"
                                + " released readers expect " + summary(field.getValue()));
                    }
                } else if (!newAdditional.isBoolean()) {
                    compare(at, field.getValue(), newAdditional);
                }
            }
        }

        for (String name : keywords(newProperties)) {
            if (oldProperties.has(name)) {
                continue;
            }
            String at = property(path, name);
            if (oldAdditional == null || (oldAdditional.isBoolean() && oldAdditional.asBoolean())) {
                continue;
            }
            if (oldAdditional.isBoolean()) {
                problems.add(at + ": new property, but released forbids properties it does not declare"
                        + " (additionalProperties: false)");
            } else {
                compare(at, oldAdditional, newProperties.get(name));
            }
        }

        if (oldAdditional != null && !oldAdditional.isBoolean()) {
            String at = path + ".*";
            if (newAdditional == null || (newAdditional.isBoolean() && newAdditional.asBoolean())) {
                problems.add(
                        at + ": additionalProperties was " + summary(oldAdditional) + ", current allows any value");
            } else if (!newAdditional.isBoolean()) {
                compare(at, oldAdditional, newAdditional);
            }
        }
    }

    private void compareItems(String path, JsonNode released, JsonNode current) {
        JsonNode old = released.get("items");
        if (old == null) {
            return;
        }
        JsonNode now = current.get("items");
        String at = path + "[*]";
        if (now == null) {
            if (!isUnconstrained(old)) {
                problems.add(at + ": items " + summary(old) + " was dropped; current allows any item");
            }
            return;
        }
        compare(at, old, now);
    }

    private void compareUnknownKeywords(String path, JsonNode released, JsonNode current) {
        Set<String> keywords = new TreeSet<>(keywords(released));
        keywords.addAll(keywords(current));
        for (String keyword : keywords) {
            if (UNDERSTOOD.contains(keyword) || ANNOTATIONS.contains(keyword)) {
                continue;
            }
            JsonNode old = released.get(keyword);
            JsonNode now = current.get(keyword);
            if (!Objects.equals(old, now)) {
                problems.add(path + ": '" + keyword + "' differs (" + old + " -> " + now
                        + "); this check does not understand it and assumes the change breaks readers");
            }
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    /** The member names of an object node, in document order; empty for anything else. */
    private static Set<String> keywords(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        if (node.isObject()) {
            node.properties().forEach(member -> names.add(member.getKey()));
        }
        return names;
    }

    private static Set<String> names(JsonNode array) {
        Set<String> names = new LinkedHashSet<>();
        if (array != null && array.isArray()) {
            array.forEach(name -> names.add(name.asText()));
        }
        return names;
    }

    private static boolean isUnconstrained(JsonNode schema) {
        return schema.isBoolean() ? schema.asBoolean() : isEmptyOfAssertions(schema);
    }

    private static String property(String path, String name) {
        return path + "." + name;
    }

    private static String summary(JsonNode schema) {
        String text = schema.toString();
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
