/*
 * sha256: SHA-256 by OpenSSL's libcrypto, which uses the CPU's SHA extensions (SHA-NI on
 * x86-64, the ARMv8 crypto instructions) where they exist: several times the speed of a
 * portable implementation, for what hashes a great deal (the ledgers' verification hashes
 * every entry of a book).
 */
#ifndef WY_SHA256_H
#define WY_SHA256_H

#include <stddef.h>

#define SHA256_BYTES 32

/* out = SHA-256 of the n bytes at p. */
void sha256(const void *p, size_t n, unsigned char out[SHA256_BYTES]);

#endif
