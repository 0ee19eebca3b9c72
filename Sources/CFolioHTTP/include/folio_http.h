// One HTTP request through libcurl, loaded with dlopen on first use: a folio that never talks to
// a remote cache never maps libcurl and the two dozen libraries it pulls in (linking Foundation's
// URLSession did, costing every run of folio about 13 ms of start-up).
#ifndef FOLIO_HTTP_H
#define FOLIO_HTTP_H

#include <stddef.h>

/// What went wrong with a request, in the categories a warning names.
typedef enum {
  FOLIO_HTTP_OK = 0,
  FOLIO_HTTP_NO_LIBCURL,
  FOLIO_HTTP_TIMEOUT,
  FOLIO_HTTP_REFUSED,
  FOLIO_HTTP_UNKNOWN_HOST,
  FOLIO_HTTP_CLOSED,
  FOLIO_HTTP_TLS,
  FOLIO_HTTP_OTHER,
} folio_http_failure;

/// A request's outcome: `failure` (and libcurl's `code`), else the HTTP status and the body
/// (malloc'd; release it with folio_http_release).
typedef struct {
  folio_http_failure failure;
  int code;
  long status;
  unsigned char *body;
  size_t length;
} folio_http_response;

/// Sends `method` to `url` with `body` (NULL: none) and, when not NULL, an Authorization header;
/// the whole exchange bounded by `timeout_ms`. Safe from any thread: each thread keeps its own
/// connections open for its next request.
void folio_http_request(
  const char *method, const char *url, const char *authorization, const void *body, size_t length,
  long timeout_ms, folio_http_response *response);

/// Frees a response's body.
void folio_http_release(folio_http_response *response);

#endif
