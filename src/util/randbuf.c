/* randbuf: see randbuf.h. */
#include "util/randbuf.h"

#include <sodium.h>
#include <string.h>

#define RANDBUF_SIZE 512

static _Thread_local unsigned char buf[RANDBUF_SIZE];
static _Thread_local size_t left; /* the unused bytes are the last `left` of buf */

void randbuf_bytes(void *out, size_t n)
{
    if (n > RANDBUF_SIZE / 4) { /* large: straight from the generator */
        randombytes_buf(out, n);
        return;
    }
    if (left < n) {
        randombytes_buf(buf, sizeof(buf));
        left = sizeof(buf);
    }
    unsigned char *p = buf + sizeof(buf) - left;
    memcpy(out, p, n);
    sodium_memzero(p, n);
    left -= n;
}
