#ifndef CDELIVERYSHIM_H
#define CDELIVERYSHIM_H

#include <stddef.h>
#include <stdint.h>

/* Fixed-arity wrappers for postback delivery: libcurl's setopt is variadic, and HMAC over a
 * file is streamed through GLib's GHmac. */

/* The result of one POST. */
typedef struct {
    long status;            /* HTTP status, 0 when no response arrived */
    double seconds;         /* total time */
    long retry_after;       /* Retry-After in seconds, -1 when absent or not a number of seconds */
    int curl_code;          /* 0 on a completed exchange */
    char error[256];        /* libcurl's message when curl_code != 0 */
} ip_post_result;

/* Once per process, before any thread posts. */
int ip_curl_global_init(void);

/* POSTs the file at body_path (body_length bytes, streamed from disk) to url with the given
 * headers ("Name: value", header_count of them). pin, if not NULL, is "host:port:address"
 * (CURLOPT_RESOLVE) so the connection goes to the address that was checked. Redirects are not
 * followed; only http and https are allowed. */
int ip_post_file(const char *url, const char *const *headers, int header_count, const char *body_path,
                 long long body_length, const char *pin, long connect_timeout_ms, long total_timeout_ms,
                 ip_post_result *result);

/* HMAC-SHA256(key, prefix || contents of path) into out (32 bytes). 0 on success. */
int ip_hmac_sha256_file(const unsigned char *key, size_t key_length, const char *prefix, size_t prefix_length,
                        const char *path, unsigned char *out);

/* Lower-case hex SHA-256 of a file into out (65 bytes with the NUL). 0 on success. */
int ip_sha256_file_hex(const char *path, char *out);

/* The file's lower-case hex SHA-256 into out (65 bytes with the NUL) and its CRC-32 (as ZIP
 * stores it) into crc, in one read. 0 on success. */
int ip_sha256_crc32_file(const char *path, char *out, uint32_t *crc);

/* Lower-case hex SHA-256 of `length` bytes into out (65 bytes with the NUL). Named apart from
 * CVipsShim's ip_sha256_hex, which a program may link beside this one. */
void ip_sha256_bytes_hex(const void *data, size_t length, char *out);

/* Lower-case hex HMAC-SHA256 of `text` under `key` into out (65 bytes with the NUL). */
void ip_hmac_sha256_hex(const unsigned char *key, size_t key_length, const char *text, size_t text_length, char *out);

typedef struct {
    long status;            /* HTTP status, 0 when no response arrived */
    int curl_code;          /* 0 on a completed exchange */
    int over_limit;         /* 1 when the body passed max_bytes (the file holds a part of it) */
    long long bytes;        /* bytes written */
    char location[2048];    /* a redirect's target, when the answer is one */
    char error[256];        /* libcurl's message when curl_code != 0 */
} ip_get_result;

/* GETs `url` into the file `out_path`: no redirect is followed (the target is in `location`),
 * at most `max_bytes` are accepted, connecting to `pin` (a CURLOPT_RESOLVE entry) if given. */
int ip_get_file(const char *url, const char *pin, long long max_bytes, long connect_timeout_ms, long total_timeout_ms,
                const char *out_path, ip_get_result *result);

#endif
