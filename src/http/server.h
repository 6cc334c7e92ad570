/*
 * server: the HTTP server (libmicrohttpd: a thread pool, each thread with its own epoll
 * loop, keep-alive). It reads a request, hands it to the route's handler once the body is
 * complete, and sends the answer with the headers every response carries.
 */
#ifndef WY_SERVER_H
#define WY_SERVER_H

#include <stddef.h>

typedef struct app app;
typedef struct http_server http_server;

int http_server_start(app *a, http_server **out, char *err, size_t errlen);
/* Stop accepting new connections and wait (up to ms) for the requests in flight. */
void http_server_quiesce(http_server *s, int ms);
/* Stop accepting, let requests in flight finish (up to the grace period), stop. */
void http_server_stop(http_server *s);
/* The port actually bound (for --listen 127.0.0.1:0). */
int http_server_port(http_server *s);

#endif
