/*
 * osm: what the circle analysis and the venue import need from an OpenStreetMap extract
 * (.osm XML or .osm.pbf, told apart by their first bytes): the walking network and the
 * cultural points of interest.
 *
 * The walking network is the set of ways whose highway class a pedestrian may use (footway,
 * pedestrian, path, steps, living_street, residential, service, unclassified, tertiary,
 * secondary, primary, trunk and their _link, track, cycleway, corridor; never motorway*),
 * minus ways closed to walkers (foot=no; access=no/private unless foot=yes/designated/
 * permissive). Each pair of consecutive way nodes is one segment. Extracts are cut at a
 * boundary, so a way may reference nodes the file does not hold: the segments touching such a
 * node are cut, never fatal (stats.segments_cut counts them). Only nodes used by a kept
 * segment are returned.
 *
 * POIs are nodes, and ways (at the centroid of their nodes), carrying one of the filter tags.
 * Relations (multipolygon buildings) are not read: a venue mapped only as a relation is
 * missed. The default filter maps tags to the venue categories of the domain:
 *   amenity=library -> library          amenity=arts_centre -> cultural_centre
 *   amenity=community_centre -> village_centre
 *   amenity=theatre -> theatre          amenity=cinema -> cinema
 *   tourism=museum -> museum
 *
 * Two passes over the input. The first reads the ways (keeping the node refs of walkable and
 * POI ways), the tagged POI nodes, and counts every node; the second keeps the coordinates of
 * the nodes those refs name, and no other (fixed point, 1e-7 degree, OSM's own precision: 16
 * bytes a node). So an import of POIs alone keeps tagged nodes and the nodes of POI ways,
 * never the millions of untagged nodes of the streets and buildings around them.
 *
 * The readers are wenyun's own (PBF: protocol buffers and zlib; XML: expat), written for
 * input from outside: every length, index and count is checked against the data it points
 * into, and the limits below hold before memory is spent. (libreadosm, used before, trusts
 * string-table indices and leaks its parser on errors: a crafted 100-byte PBF crashed it.)
 *
 * Limits (osm_options): max_nodes bounds the nodes in the file and the way refs kept;
 * max_bytes bounds the decompressed size of a PBF file (the sum of its blocks, each at most
 * 32 MiB as the format requires) or the size of an XML file. Past either the load stops with
 * OSM_TOO_LARGE and nothing is returned. A PBF element may carry at most 1,024 tags and a
 * way at most 100,000 refs; a block's string table at most 1,048,576 strings.
 */
#ifndef WY_GEO_OSM_H
#define WY_GEO_OSM_H

#include <stddef.h>
#include <stdint.h>

#define OSM_DEFAULT_POI_TAGS                                                                       \
    "amenity=library:library,amenity=arts_centre:cultural_centre,"                                 \
    "amenity=community_centre:village_centre,amenity=theatre:theatre,amenity=cinema:cinema,"       \
    "tourism=museum:museum"

#define OSM_MAX_FILTERS 32

/* One tag filter: key=value (value "*" matches any value), and the venue category it maps
 * to ("other" when the filter string does not say). */
typedef struct osm_tag_filter {
    char key[64];
    char value[64];
    char category[32];
} osm_tag_filter;

/* Parse "K=V[:category],K=V[:category],..." (NULL or "": the default set). A tag without a
 * category takes the default category of that tag when it has one, else "other". Returns the
 * number of filters, -1 on a malformed list (err says which item). */
int osm_parse_tag_filters(const char *spec, osm_tag_filter *out, size_t max, char *err,
                          size_t errlen);

typedef struct osm_poi {
    long long osm_id;
    char osm_type;        /* 'n' node, 'w' way */
    double lon, lat;      /* the node, or the centroid of the way's nodes */
    const char *name;     /* name, else name:en, else name:zh, else "" (owned by the network) */
    const char *category; /* the filter's category (owned by the network) */
    const char *tag;      /* "key=value" as in the file (owned by the network) */
} osm_poi;

/* The defaults of the limits: sized for a city's walking network (the command line, the
 * server's circle.osm_file). An import of venues over HTTP passes much smaller ones. */
#define OSM_DEFAULT_MAX_NODES ((size_t)200 * 1000 * 1000)
#define OSM_DEFAULT_MAX_BYTES ((size_t)16 << 30)

typedef struct osm_options {
    const char *poi_tags; /* see osm_parse_tag_filters; NULL: the default set */
    int skip_network;     /* POIs only */
    int skip_pois;        /* network only */
    size_t max_nodes;     /* nodes in the file, and way refs kept (0: OSM_DEFAULT_MAX_NODES) */
    size_t max_bytes;     /* decompressed PBF, or XML, bytes (0: OSM_DEFAULT_MAX_BYTES) */
} osm_options;

typedef struct osm_stats {
    size_t bytes_read;    /* decompressed PBF blocks, or XML bytes */
    size_t nodes_read;    /* nodes in the file */
    size_t ways_read;     /* ways in the file */
    size_t ways_walkable; /* ways kept for the network */
    size_t refs_missing;  /* node refs of kept ways that the file does not hold */
    size_t segments_cut;  /* segments dropped because a node is missing */
    size_t pois_dropped;  /* POI ways none of whose nodes is in the file */
} osm_stats;

typedef struct osm_network {
    size_t n_nodes;     /* nodes used by the network */
    long long *node_id; /* OSM ids, ascending */
    double *lon, *lat;
    size_t n_edges; /* segments; edge_a[i] -- edge_b[i], node indices, a != b */
    uint32_t *edge_a, *edge_b;
    osm_poi *pois; /* in file order */
    size_t n_pois;
    osm_stats stats;
    char *strings; /* storage of POI strings */
    size_t strings_len, strings_cap;
} osm_network;

/* What a load returns: 0, or one of these with a message in err. */
#define OSM_ERROR     (-1) /* missing or unreadable file, not OSM data, malformed */
#define OSM_TOO_LARGE (-2) /* past max_nodes or max_bytes */
#define OSM_NO_MEMORY (-3)

/* Load the extract at path (a regular file: it is read twice). The network is empty on
 * failure; free it either way. */
int osm_load(const char *path, const osm_options *opt, osm_network *out, char *err, size_t errlen);
/* The same from memory (an upload). */
int osm_load_buffer(const void *data, size_t len, const osm_options *opt, osm_network *out,
                    char *err, size_t errlen);
void osm_network_free(osm_network *net);

/* Is a way with these tags part of the walking network? (tags as key/value pairs) */
int osm_way_walkable(const char *const *keys, const char *const *values, size_t n);

#endif
