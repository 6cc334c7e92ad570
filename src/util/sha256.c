/* sha256: see sha256.h. */
#include "util/sha256.h"

#include <openssl/evp.h>
#include <pthread.h>
#include <stdlib.h>

#include "util/log.h"

/* The implementation is fetched once: OpenSSL 3's SHA256() looks it up in the providers on
 * every call, which costs more than hashing a few hundred bytes with the SHA extensions. */
static EVP_MD *md;
static pthread_once_t md_once = PTHREAD_ONCE_INIT;
/* Each thread keeps its context (freed when the thread ends). */
static pthread_key_t ctx_key;

static void free_ctx(void *ctx)
{
    EVP_MD_CTX_free(ctx);
}

static void fetch(void)
{
    md = EVP_MD_fetch(NULL, "SHA256", NULL);
    if (!md || pthread_key_create(&ctx_key, free_ctx) != 0)
        die("sha256: OpenSSL has no SHA-256");
}

void sha256(const void *p, size_t n, unsigned char out[SHA256_BYTES])
{
    pthread_once(&md_once, fetch);
    EVP_MD_CTX *ctx = pthread_getspecific(ctx_key);
    if (!ctx) {
        if (!(ctx = EVP_MD_CTX_new()) || pthread_setspecific(ctx_key, ctx) != 0)
            die("sha256: out of memory");
    }
    unsigned int len = SHA256_BYTES;
    if (EVP_DigestInit_ex2(ctx, md, NULL) != 1 || EVP_DigestUpdate(ctx, p, n) != 1 ||
        EVP_DigestFinal_ex(ctx, out, &len) != 1)
        die("sha256: OpenSSL failed to hash");
}
