/*
 * fuzz_lottery_file: a lottery's draw file, or an inputs object, as `wenyun lottery verify`,
 * `draw` and `commit` read it (lottery_verify, lottery_read; src/core/lottery_file.c), and
 * what is built from what was read. Promises checked on every input:
 *   - verify answers VERIFIED only for the canonical draw file of the inputs it read: the
 *     recomputed lottery written again gives the input's bytes; otherwise it says why;
 *   - whatever the reader accepts has canonical inputs that read back to the same commitment,
 *     and a draw of it writes a file that verifies, and that one byte changed is refused;
 *   - a refusal always comes with a message.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/lottery.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int collect(void *user, const char *p, size_t n)
{
    return sb_add(user, p, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (1 << 16))
        return 0;
    const char *buf = (const char *)data;
    char msg[512] = "", err[512] = "", value[2 * LOTTERY_BEACON_MAX + 1];
    lottery *l = NULL;
    int rc = lottery_verify(buf, size, &l, msg, sizeof(msg));
    if (rc == LOTTERY_VERIFIED) {
        strbuf sb = STRBUF_INIT;
        if (!l || lottery_write(l, &sb) < 0 || sb.len != size || memcmp(sb.buf, buf, size))
            abort();
        sb_release(&sb);
    } else if (l || !msg[0] || (rc != LOTTERY_DIFFERS && rc != LOTTERY_UNREADABLE)) {
        abort();
    }
    lottery_free(l);

    if (lottery_read(buf, size, &l, value, err, sizeof(err)) < 0) {
        if (l || !err[0])
            abort();
        return 0;
    }
    strbuf in = STRBUF_INIT, file = STRBUF_INIT;
    lottery *r = NULL;
    char v2[2 * LOTTERY_BEACON_MAX + 1];
    if (lottery_write_inputs(l, collect, &in) < 0 ||
        lottery_read(in.buf, in.len, &r, v2, err, sizeof(err)) < 0 ||
        memcmp(lottery_commitment(l), lottery_commitment(r), LOTTERY_HASH))
        abort();
    const char *use = value[0] ? value : "00112233445566778899aabbccddeeff";
    if (lottery_draw(l, use, err, sizeof(err)) == 0) {
        if (lottery_write(l, &file) < 0 ||
            lottery_verify(file.buf, file.len, NULL, msg, sizeof(msg)) != LOTTERY_VERIFIED)
            abort();
        size_t at = (size_t)lottery_commitment(l)[0] * file.len / 256;
        file.buf[at] ^= 0x01;
        if (lottery_verify(file.buf, file.len, NULL, msg, sizeof(msg)) == LOTTERY_VERIFIED)
            abort();
    } else if (!err[0]) {
        abort();
    }
    sb_release(&in);
    sb_release(&file);
    lottery_free(r);
    lottery_free(l);
    return 0;
}
