/* libjpeg's errors as the engine's JPEG writers and readers take them (jpegsave.c, jpegplanes.c):
 * libjpeg's message is kept and control jumps back to the caller's setjmp. */
#ifndef IP_JPEGERROR_H
#define IP_JPEGERROR_H
#include <stdio.h>
#include <jpeglib.h>
#include <setjmp.h>

typedef struct {
    struct jpeg_error_mgr base;
    jmp_buf exit;
    char message[JMSG_LENGTH_MAX];
} IpJpegError;

/* error_exit for an IpJpegError: formats the message into it and longjmps to `exit`. */
void ip_jpeg_error_exit(j_common_ptr cinfo);
#endif
