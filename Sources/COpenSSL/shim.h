// Debian's OpenSSL libcrypto, for SHA-256 only (EVP digests).
#include <openssl/evp.h>
