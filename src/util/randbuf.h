/*
 * randbuf: random bytes for the request path, from libsodium's generator (the kernel's
 * getrandom) read ahead a few hundred bytes at a time per thread, so that a request's id and
 * a booking's code cost a copy rather than a system call each. The bytes are the same
 * generator's; each is handed out once and wiped from the buffer as it goes.
 */
#ifndef WY_RANDBUF_H
#define WY_RANDBUF_H

#include <stddef.h>

void randbuf_bytes(void *out, size_t n);

#endif
