/*
 * openapi_assemble: builds the API description served at /api/v1/openapi.json from its
 * fragments. The base fragment (src/web/openapi-base.json) holds what every module shares:
 * info, servers, security schemes, the shared tags and components (Error, pagination, the
 * common responses); each module's folder holds its own openapi.json with its paths, the
 * tags and the components only it uses. A fragment may hold only "paths", "components" and
 * "tags".
 *
 *   openapi_assemble OUT.json OUT.c BASE FRAGMENT...
 *
 * writes the merged document to OUT.json and the same bytes as a C array (wy_openapi_json,
 * declared in web/api.h) to OUT.c, so the server carries its description with it. The build
 * fails, naming both fragments, when two describe the same path and method, when one
 * component name or tag has two different definitions, or when a $ref names a component no
 * fragment defines. Built and run by CMake at build time (CMakeLists.txt); jansson only.
 */
#include <ctype.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kinds[] = {"schemas",         "responses",     "parameters",
                                    "examples",        "requestBodies", "headers",
                                    "securitySchemes", "links",         "callbacks"};

static int errors;

__attribute__((format(printf, 1, 2))) static void error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("openapi: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    errors++;
}

static json_t *load(const char *file)
{
    json_error_t e;
    json_t *j = json_load_file(file, JSON_REJECT_DUPLICATES, &e);
    if (!j) {
        error("%s:%d: %s", file, e.line, e.text);
        return NULL;
    }
    if (!json_is_object(j)) {
        error("%s: not a JSON object", file);
        json_decref(j);
        return NULL;
    }
    return j;
}

static json_t *child(json_t *parent, const char *key)
{
    json_t *c = json_object_get(parent, key);
    if (!c) {
        c = json_object();
        json_object_set_new(parent, key, c);
    }
    return c;
}

/* origin maps "path method", "kind/name" and "tag name" to the fragment that defined it. */
static void merge_paths(json_t *doc, json_t *origin, json_t *paths, const char *file)
{
    if (!paths)
        return;
    if (!json_is_object(paths)) {
        error("%s: \"paths\" is not an object", file);
        return;
    }
    const char *path, *method;
    json_t *item, *op;
    json_object_foreach(paths, path, item)
    {
        if (!json_is_object(item)) {
            error("%s: path %s is not an object", file, path);
            continue;
        }
        json_t *dst = child(child(doc, "paths"), path);
        json_object_foreach(item, method, op)
        {
            char key[1200];
            snprintf(key, sizeof(key), "%s %s", method, path);
            for (char *c = key; *c && *c != ' '; c++)
                *c = (char)toupper((unsigned char)*c); /* "GET /path", as routes are written */
            for (char *c = key; *c && *c != ' '; c++)
                *c = (char)(*c & ~0x20); /* "GET /path", as the route table writes it */
            json_t *was = json_object_get(origin, key);
            if (was) {
                error("%s: %s is already described by %s", file, key, json_string_value(was));
                continue;
            }
            json_object_set_new(origin, key, json_string(file));
            json_object_set(dst, method, op);
        }
    }
}

static void merge_components(json_t *doc, json_t *origin, json_t *comps, const char *file)
{
    if (!comps)
        return;
    const char *kind, *name;
    json_t *set, *c;
    json_object_foreach(comps, kind, set)
    {
        int known = 0;
        for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
            known |= !strcmp(kind, kinds[i]);
        if (!known || !json_is_object(set)) {
            error("%s: components/%s is not a kind of component", file, kind);
            continue;
        }
        json_t *dst = child(child(doc, "components"), kind);
        json_object_foreach(set, name, c)
        {
            json_t *had = json_object_get(dst, name);
            if (had) {
                if (!json_equal(had, c)) {
                    char key[600];
                    snprintf(key, sizeof(key), "%s/%s", kind, name);
                    error("%s: components/%s conflicts with its definition in %s", file, key,
                          json_string_value(json_object_get(origin, key)));
                }
                continue;
            }
            char key[600];
            snprintf(key, sizeof(key), "%s/%s", kind, name);
            json_object_set_new(origin, key, json_string(file));
            json_object_set(dst, name, c);
        }
    }
}

static void merge_tags(json_t *doc, json_t *origin, json_t *tags, const char *file)
{
    if (!tags)
        return;
    if (!json_is_array(tags)) {
        error("%s: \"tags\" is not an array", file);
        return;
    }
    json_t *dst = json_object_get(doc, "tags");
    if (!dst) {
        dst = json_array();
        json_object_set_new(doc, "tags", dst);
    }
    size_t i;
    json_t *t;
    json_array_foreach(tags, i, t)
    {
        const char *name = json_string_value(json_object_get(t, "name"));
        if (!name) {
            error("%s: a tag without a name", file);
            continue;
        }
        char key[600];
        snprintf(key, sizeof(key), "tag %s", name);
        json_t *was = json_object_get(origin, key);
        if (was) {
            error("%s: tag %s is already defined by %s", file, name, json_string_value(was));
            continue;
        }
        json_object_set_new(origin, key, json_string(file));
        json_array_append(dst, t);
    }
}

/* Every local $ref ("#/components/KIND/NAME") names a component of the document. */
static void check_refs(json_t *doc, json_t *v)
{
    if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e) check_refs(doc, e);
        return;
    }
    if (!json_is_object(v))
        return;
    const char *key;
    json_t *e;
    json_object_foreach(v, key, e)
    {
        const char *ref = json_string_value(e);
        if (strcmp(key, "$ref") || !ref) {
            check_refs(doc, e);
            continue;
        }
        char kind[128], name[256];
        if (sscanf(ref, "#/components/%127[^/]/%255s", kind, name) != 2 ||
            !json_object_get(json_object_get(json_object_get(doc, "components"), kind), name))
            error("$ref %s names no component of any fragment", ref);
    }
}

static int write_c(const char *file, const char *text, size_t len)
{
    FILE *f = fopen(file, "w");
    if (!f)
        return -1;
    fputs("/* generated by cmake/openapi_assemble.c from the openapi.json fragments; "
          "do not edit */\n#include \"web/api.h\"\n\nconst char wy_openapi_json[] = {",
          f);
    for (size_t i = 0; i < len; i++)
        fprintf(f, "%s%d,", i % 24 ? "" : "\n    ", (unsigned char)text[i]);
    fprintf(f, "\n    0};\nconst size_t wy_openapi_json_len = %zu;\n", len);
    return fclose(f);
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s OUT.json OUT.c BASE [FRAGMENT...]\n", argv[0]);
        return 2;
    }
    json_t *doc = load(argv[3]);
    if (!doc)
        return 1;
    json_t *origin = json_object();
    /* the base goes through the same merge as the others, so its own entries are known */
    json_t *base_paths = json_incref(json_object_get(doc, "paths"));
    json_t *base_comps = json_incref(json_object_get(doc, "components"));
    json_t *base_tags = json_incref(json_object_get(doc, "tags"));
    json_object_del(doc, "paths");
    json_object_del(doc, "components");
    json_object_del(doc, "tags");
    merge_tags(doc, origin, base_tags, argv[3]);
    merge_paths(doc, origin, base_paths, argv[3]);
    merge_components(doc, origin, base_comps, argv[3]);
    json_decref(base_paths);
    json_decref(base_comps);
    json_decref(base_tags);

    for (int i = 4; i < argc; i++) {
        json_t *frag = load(argv[i]);
        if (!frag)
            continue;
        const char *key;
        json_t *v;
        json_object_foreach(frag, key, v)
        {
            if (strcmp(key, "paths") && strcmp(key, "components") && strcmp(key, "tags"))
                error("%s: \"%s\" belongs in the base fragment %s, not in a module's", argv[i], key,
                      argv[3]);
        }
        merge_tags(doc, origin, json_object_get(frag, "tags"), argv[i]);
        merge_paths(doc, origin, json_object_get(frag, "paths"), argv[i]);
        merge_components(doc, origin, json_object_get(frag, "components"), argv[i]);
        json_decref(frag);
    }
    check_refs(doc, doc);
    json_decref(origin);
    if (errors) {
        json_decref(doc);
        return 1;
    }

    char *text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(doc);
    if (!text)
        return 1;
    size_t len = strlen(text);
    FILE *f = fopen(argv[1], "w");
    int bad = !f || fwrite(text, 1, len, f) != len || fputc('\n', f) == EOF;
    if (f && fclose(f))
        bad = 1;
    if (bad || write_c(argv[2], text, len) < 0) {
        error("cannot write %s or %s", argv[1], argv[2]);
        free(text);
        return 1;
    }
    free(text);
    return 0;
}
