// libcurl's easy interface, resolved with dlsym; curl/curl.h (Debian's libcurl4-openssl-dev)
// gives the types and constants only, nothing is linked.
#include "folio_http.h"

#include <curl/curl.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static struct {
  CURLcode (*global_init)(long);
  CURL *(*easy_init)(void);
  CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
  CURLcode (*easy_perform)(CURL *);
  CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
  void (*easy_reset)(CURL *);
  void (*easy_cleanup)(CURL *);
  struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
  void (*slist_free_all)(struct curl_slist *);
  int loaded;
} curl;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_key_t handle_key;

static void cleanup_handle(void *handle) { curl.easy_cleanup((CURL *)handle); }

static void load(void) {
  void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
  if (library == NULL) return;
#define RESOLVE(field, name)                      \
  *(void **)(&curl.field) = dlsym(library, name); \
  if (curl.field == NULL) return;
  RESOLVE(global_init, "curl_global_init")
  RESOLVE(easy_init, "curl_easy_init")
  RESOLVE(easy_setopt, "curl_easy_setopt")
  RESOLVE(easy_perform, "curl_easy_perform")
  RESOLVE(easy_getinfo, "curl_easy_getinfo")
  RESOLVE(easy_reset, "curl_easy_reset")
  RESOLVE(easy_cleanup, "curl_easy_cleanup")
  RESOLVE(slist_append, "curl_slist_append")
  RESOLVE(slist_free_all, "curl_slist_free_all")
#undef RESOLVE
  if (curl.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) return;
  if (pthread_key_create(&handle_key, cleanup_handle) != 0) return;
  curl.loaded = 1;
}

typedef struct {
  unsigned char *bytes;
  size_t length;
  size_t capacity;
} buffer;

static size_t receive(char *data, size_t size, size_t count, void *context) {
  buffer *into = context;
  size_t more = size * count;
  if (into->length + more > into->capacity) {
    size_t capacity = into->capacity ? into->capacity : 16384;
    while (capacity < into->length + more) capacity *= 2;
    unsigned char *grown = realloc(into->bytes, capacity);
    if (grown == NULL) return 0;  // curl then fails the transfer
    into->bytes = grown;
    into->capacity = capacity;
  }
  memcpy(into->bytes + into->length, data, more);
  into->length += more;
  return more;
}

static folio_http_failure category(CURLcode code) {
  switch (code) {
  case CURLE_OPERATION_TIMEDOUT: return FOLIO_HTTP_TIMEOUT;
  case CURLE_COULDNT_CONNECT: return FOLIO_HTTP_REFUSED;
  case CURLE_COULDNT_RESOLVE_HOST: return FOLIO_HTTP_UNKNOWN_HOST;
  case CURLE_GOT_NOTHING:
  case CURLE_RECV_ERROR:
  case CURLE_SEND_ERROR:
  case CURLE_PARTIAL_FILE: return FOLIO_HTTP_CLOSED;
  case CURLE_SSL_CONNECT_ERROR:
  case CURLE_SSL_CERTPROBLEM:
  case CURLE_SSL_CIPHER:
  case CURLE_PEER_FAILED_VERIFICATION:
  case CURLE_SSL_CACERT_BADFILE:
  case CURLE_SSL_ISSUER_ERROR:
  case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
  case CURLE_SSL_INVALIDCERTSTATUS:
  case CURLE_SSL_CLIENTCERT: return FOLIO_HTTP_TLS;
  default: return FOLIO_HTTP_OTHER;
  }
}

void folio_http_request(
  const char *method, const char *url, const char *authorization, const void *body, size_t length,
  long timeout_ms, folio_http_response *response) {
  memset(response, 0, sizeof *response);
  pthread_once(&once, load);
  if (!curl.loaded) {
    response->failure = FOLIO_HTTP_NO_LIBCURL;
    return;
  }
  CURL *handle = pthread_getspecific(handle_key);
  if (handle == NULL) {
    handle = curl.easy_init();
    if (handle == NULL || pthread_setspecific(handle_key, handle) != 0) {
      if (handle != NULL) curl.easy_cleanup(handle);
      response->failure = FOLIO_HTTP_OTHER;
      return;
    }
  } else {
    curl.easy_reset(handle);  // the options go; the open connections stay
  }
  buffer received = {0};
  // No "Expect: 100-continue" for large bodies: one round trip, not two.
  struct curl_slist *headers = curl.slist_append(NULL, "Expect:");
  if (authorization != NULL) {
    size_t size = strlen(authorization) + sizeof "Authorization: ";
    char *line = malloc(size);
    if (line != NULL) {
      strcpy(line, "Authorization: ");
      strcat(line, authorization);
      headers = curl.slist_append(headers, line);
      free(line);
    }
  }
  curl.easy_setopt(handle, CURLOPT_URL, url);
  curl.easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl.easy_setopt(handle, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl.easy_setopt(handle, CURLOPT_WRITEFUNCTION, receive);
  curl.easy_setopt(handle, CURLOPT_WRITEDATA, &received);
  if (body != NULL) {
    headers = curl.slist_append(headers, "Content-Type: application/octet-stream");
    curl.easy_setopt(handle, CURLOPT_POSTFIELDS, body);
    curl.easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)length);
  }
  if (strcmp(method, "GET") != 0) curl.easy_setopt(handle, CURLOPT_CUSTOMREQUEST, method);
  curl.easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
  CURLcode code = curl.easy_perform(handle);
  curl.slist_free_all(headers);
  response->code = (int)code;
  if (code != CURLE_OK) {
    response->failure = category(code);
    free(received.bytes);
    return;
  }
  long status = 0;
  curl.easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
  response->status = status;
  response->body = received.bytes;
  response->length = received.length;
}

void folio_http_release(folio_http_response *response) {
  free(response->body);
  response->body = NULL;
  response->length = 0;
}
