#include "CDeliveryShim.h"
#include <curl/curl.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int ip_curl_global_init(void) {
    return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

static size_t ip_read_body(char *buffer, size_t size, size_t count, void *file) {
    return fread(buffer, size, count, (FILE *) file);
}

static size_t ip_discard_body(char *buffer, size_t size, size_t count, void *data) {
    (void) buffer; (void) data;
    return size * count;
}

static size_t ip_read_header(char *buffer, size_t size, size_t count, void *data) {
    ip_post_result *result = data;
    size_t length = size * count;
    const char *name = "retry-after:";
    size_t name_length = strlen(name);
    if (length > name_length && strncasecmp(buffer, name, name_length) == 0) {
        char value[64] = {0};
        size_t value_length = length - name_length < sizeof(value) - 1 ? length - name_length : sizeof(value) - 1;
        memcpy(value, buffer + name_length, value_length);
        char *end = NULL;
        long seconds = strtol(value, &end, 10);
        while (end && (*end == ' ' || *end == '\r' || *end == '\n')) end++;
        /* Only the delay-seconds form; an HTTP date is treated as absent. */
        result->retry_after = (end && *end == 0 && seconds >= 0) ? seconds : -1;
    }
    return length;
}

int ip_post_file(const char *url, const char *const *headers, int header_count, const char *body_path,
                 long long body_length, const char *pin, long connect_timeout_ms, long total_timeout_ms,
                 ip_post_result *result) {
    memset(result, 0, sizeof(*result));
    result->retry_after = -1;
    FILE *body = fopen(body_path, "rb");
    if (!body) {
        result->curl_code = -1;
        snprintf(result->error, sizeof(result->error), "cannot read the request body %s", body_path);
        return -1;
    }
    CURL *curl = curl_easy_init();
    if (!curl) {
        fclose(body);
        result->curl_code = -1;
        snprintf(result->error, sizeof(result->error), "libcurl could not start");
        return -1;
    }
    struct curl_slist *list = NULL;
    for (int i = 0; i < header_count; i++)
        list = curl_slist_append(list, headers[i]);
    /* No "Expect: 100-continue" round trip before the body. */
    list = curl_slist_append(list, "Expect:");
    struct curl_slist *resolve = pin ? curl_slist_append(NULL, pin) : NULL;

    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, ip_read_body);
    curl_easy_setopt(curl, CURLOPT_READDATA, body);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) body_length);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, ip_discard_body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, ip_read_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, result);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, connect_timeout_ms);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, total_timeout_ms);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "ImagePipeline-Postback/0.1");
    if (resolve)
        curl_easy_setopt(curl, CURLOPT_RESOLVE, resolve);

    CURLcode code = curl_easy_perform(curl);
    result->curl_code = (int) code;
    if (code != CURLE_OK)
        snprintf(result->error, sizeof(result->error), "%s", curl_easy_strerror(code));
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result->status);
    curl_easy_getinfo(curl, CURLINFO_TOTAL_TIME, &result->seconds);

    curl_slist_free_all(list);
    if (resolve) curl_slist_free_all(resolve);
    curl_easy_cleanup(curl);
    fclose(body);
    return code == CURLE_OK ? 0 : -1;
}

/* Feeds every byte of the file at path to update(state, bytes, length); -1 if it cannot be read. */
static int ip_stream_file(const char *path, void (*update)(void *, const unsigned char *, size_t), void *state) {
    FILE *file = fopen(path, "rb");
    if (!file)
        return -1;
    unsigned char buffer[65536];
    size_t read;
    while ((read = fread(buffer, 1, sizeof(buffer), file)) > 0)
        update(state, buffer, read);
    int failed = ferror(file);
    fclose(file);
    return failed ? -1 : 0;
}

static void ip_hmac_update(void *hmac, const unsigned char *bytes, size_t length) {
    g_hmac_update(hmac, bytes, length);
}

static void ip_checksum_update(void *checksum, const unsigned char *bytes, size_t length) {
    g_checksum_update(checksum, bytes, length);
}

int ip_hmac_sha256_file(const unsigned char *key, size_t key_length, const char *prefix, size_t prefix_length,
                        const char *path, unsigned char *out) {
    GHmac *hmac = g_hmac_new(G_CHECKSUM_SHA256, key, key_length);
    g_hmac_update(hmac, (const guchar *) prefix, prefix_length);
    int failed = ip_stream_file(path, ip_hmac_update, hmac);
    gsize digest_length = 32;
    g_hmac_get_digest(hmac, out, &digest_length);
    g_hmac_unref(hmac);
    return failed || digest_length != 32 ? -1 : 0;
}

int ip_sha256_file_hex(const char *path, char *out) {
    GChecksum *checksum = g_checksum_new(G_CHECKSUM_SHA256);
    int failed = ip_stream_file(path, ip_checksum_update, checksum);
    memcpy(out, g_checksum_get_string(checksum), 64);
    out[64] = 0;
    g_checksum_free(checksum);
    return failed;
}

/* CRC-32 (ISO-HDLC, as ZIP stores it), table-driven. */
static uint32_t ip_crc_table[256];
static void ip_crc_table_init(void) {
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        ip_crc_table[n] = c;
    }
}

static gpointer ip_crc_table_once(gpointer unused) {
    (void) unused;
    ip_crc_table_init();
    return NULL;
}

typedef struct {
    GChecksum *checksum;
    uint32_t crc;
} ip_file_digest;

static void ip_digest_update(void *state, const unsigned char *bytes, size_t length) {
    ip_file_digest *digest = state;
    g_checksum_update(digest->checksum, bytes, length);
    uint32_t c = digest->crc;
    for (size_t i = 0; i < length; i++)
        c = ip_crc_table[(c ^ bytes[i]) & 0xff] ^ (c >> 8);
    digest->crc = c;
}

int ip_sha256_crc32_file(const char *path, char *out, uint32_t *crc) {
    static GOnce once = G_ONCE_INIT;
    g_once(&once, ip_crc_table_once, NULL);
    ip_file_digest digest = { g_checksum_new(G_CHECKSUM_SHA256), 0xFFFFFFFFu };
    int failed = ip_stream_file(path, ip_digest_update, &digest);
    memcpy(out, g_checksum_get_string(digest.checksum), 64);
    out[64] = 0;
    g_checksum_free(digest.checksum);
    *crc = digest.crc ^ 0xFFFFFFFFu;
    return failed;
}

void ip_sha256_bytes_hex(const void *data, size_t length, char *out) {
    gchar *hex = g_compute_checksum_for_data(G_CHECKSUM_SHA256, data, length);
    memcpy(out, hex, 64);
    out[64] = 0;
    g_free(hex);
}

void ip_hmac_sha256_hex(const unsigned char *key, size_t key_length, const char *text, size_t text_length, char *out) {
    gchar *hex = g_compute_hmac_for_data(G_CHECKSUM_SHA256, key, key_length, (const guchar *) text, text_length);
    memcpy(out, hex, 64);
    out[64] = 0;
    g_free(hex);
}

typedef struct {
    FILE *file;
    long long written;
    long long limit;
    int over_limit;
} ip_download;

static size_t ip_write_download(char *buffer, size_t size, size_t count, void *data) {
    ip_download *download = data;
    size_t length = size * count;
    if (download->written + (long long) length > download->limit) {
        download->over_limit = 1;
        return 0; /* makes libcurl stop with CURLE_WRITE_ERROR */
    }
    download->written += (long long) length;
    return fwrite(buffer, 1, length, download->file);
}

int ip_get_file(const char *url, const char *pin, long long max_bytes, long connect_timeout_ms, long total_timeout_ms,
                const char *out_path, ip_get_result *result) {
    memset(result, 0, sizeof(*result));
    FILE *file = fopen(out_path, "wb");
    if (!file) {
        result->curl_code = -1;
        snprintf(result->error, sizeof(result->error), "cannot write %s", out_path);
        return -1;
    }
    CURL *curl = curl_easy_init();
    if (!curl) {
        fclose(file);
        result->curl_code = -1;
        snprintf(result->error, sizeof(result->error), "libcurl could not start");
        return -1;
    }
    ip_download download = {file, 0, max_bytes, 0};
    struct curl_slist *resolve = pin ? curl_slist_append(NULL, pin) : NULL;
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    /* Redirects are followed by the caller, one at a time, each target checked. */
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, ip_write_download);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &download);
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t) max_bytes);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, connect_timeout_ms);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, total_timeout_ms);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "ImagePipeline-Fetch/0.1");
    if (resolve)
        curl_easy_setopt(curl, CURLOPT_RESOLVE, resolve);
    CURLcode code = curl_easy_perform(curl);
    result->curl_code = (int) code;
    result->over_limit = download.over_limit || code == CURLE_FILESIZE_EXCEEDED;
    result->bytes = download.written;
    if (code != CURLE_OK)
        snprintf(result->error, sizeof(result->error), "%s", curl_easy_strerror(code));
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result->status);
    char *location = NULL;
    if (curl_easy_getinfo(curl, CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location)
        snprintf(result->location, sizeof(result->location), "%s", location);
    if (resolve) curl_slist_free_all(resolve);
    curl_easy_cleanup(curl);
    fclose(file);
    return code == CURLE_OK ? 0 : -1;
}
