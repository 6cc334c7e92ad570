/*
 * fuzz_osm: the OpenStreetMap loader (src/geo/osm.c) on an extract from memory, PBF or XML as
 * the venue import reads an upload. The first byte picks what is kept: bit 0 the POIs only
 * (the venue import), bit 1 the network only, else both (the circle analysis); with bit 2 a
 * line of tag filters follows (the import's ?tags=, osm_parse_tag_filters). Limits are small
 * so that a run stays fast. A load either fails with a message or returns a network
 * that keeps the promises of osm.h: ids ascending, edges between two different known nodes,
 * coordinates on the globe, POIs with their strings.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "geo/osm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int on_globe(double lon, double lat)
{
    return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    osm_options opt = {.skip_network = data[0] & 1,
                       .skip_pois = (data[0] & 3) == 2,
                       .max_nodes = 1 << 16,
                       .max_bytes = (size_t)16 << 20};
    const uint8_t *body = data + 1;
    size_t len = size - 1;
    char tags[512];
    if (data[0] & 4) {
        const uint8_t *nl = memchr(body, '\n', len);
        size_t n = nl ? (size_t)(nl - body) : len;
        if (n >= sizeof(tags))
            return 0;
        memcpy(tags, body, n);
        tags[n] = '\0';
        opt.poi_tags = tags;
        body += nl ? n + 1 : n;
        len -= nl ? n + 1 : n;
    }
    osm_network net;
    char err[256] = "";
    int rc = osm_load_buffer(body, len, &opt, &net, err, sizeof(err));
    if (rc < 0) {
        if (!err[0] || (rc != OSM_ERROR && rc != OSM_TOO_LARGE && rc != OSM_NO_MEMORY) ||
            net.n_nodes || net.n_edges || net.n_pois)
            abort();
        osm_network_free(&net);
        return 0;
    }
    if (net.stats.nodes_read > opt.max_nodes || net.stats.bytes_read > opt.max_bytes ||
        net.n_nodes > net.stats.nodes_read || (opt.skip_network && (net.n_nodes || net.n_edges)) ||
        (opt.skip_pois && net.n_pois))
        abort();
    for (size_t i = 0; i < net.n_nodes; i++)
        if ((i && net.node_id[i] <= net.node_id[i - 1]) || !on_globe(net.lon[i], net.lat[i]))
            abort();
    for (size_t i = 0; i < net.n_edges; i++)
        if (net.edge_a[i] >= net.n_nodes || net.edge_b[i] >= net.n_nodes ||
            net.edge_a[i] == net.edge_b[i])
            abort();
    for (size_t i = 0; i < net.n_pois; i++) {
        const osm_poi *p = &net.pois[i];
        if ((p->osm_type != 'n' && p->osm_type != 'w') || !p->name || !p->category || !p->tag ||
            !strchr(p->tag, '=') || !on_globe(p->lon, p->lat))
            abort();
    }
    osm_network_free(&net);
    return 0;
}
