/* Orc's code memory, serialised.
 *
 * libvips compiles an Orc program when it builds a vertical reduce (and a few other vector
 * operations) and frees it when the operation goes. Orc 0.4.33 (Debian 12) keeps the code
 * memory in a doubly linked list of small malloc'd chunks, and both ends of a program's life
 * edit that list without a lock: orc_code_allocate_codemem splits a chunk after it has released
 * the global mutex, and orc_code_chunk_free merges and frees neighbouring chunks with none.
 * The engine builds and frees reduces on several threads at once (the outputs of one source in
 * parallel, renders side by side in the server), so two threads could free the same chunk: the
 * heap corruption seen about once in 150 runs of a twenty-size job ("malloc_consolidate():
 * unaligned fastbin chunk detected" under vips_vector_free). Four threads building and freeing
 * reduces in a loop crash within a second without this lock.
 *
 * These two definitions sit in the executable, which exports its symbols, so libvips' calls to
 * orc_program_compile and orc_program_free bind to them; each takes one lock and calls Orc's own
 * function. ip_init checks that the binding took (ip_orc_serialised) and switches libvips' vector
 * paths off when it did not, so an unprotected Orc is never used. */

#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

#include "CVipsShim.h"

typedef struct _OrcProgram OrcProgram;

int orc_program_compile(OrcProgram *program);
void orc_program_free(OrcProgram *program);

static pthread_mutex_t ip_orc_lock = PTHREAD_MUTEX_INITIALIZER;

/* Orc's own compile result for "could not compile": libvips then takes its C path. */
#define IP_ORC_COMPILE_FAILED 0x100

int orc_program_compile(OrcProgram *program) {
    static int (*orc_compile)(OrcProgram *) = NULL;
    pthread_mutex_lock(&ip_orc_lock);
    if (!orc_compile)
        orc_compile = (int (*)(OrcProgram *)) dlsym(RTLD_NEXT, "orc_program_compile");
    int result = orc_compile ? orc_compile(program) : IP_ORC_COMPILE_FAILED;
    pthread_mutex_unlock(&ip_orc_lock);
    return result;
}

void orc_program_free(OrcProgram *program) {
    static void (*orc_free)(OrcProgram *) = NULL;
    pthread_mutex_lock(&ip_orc_lock);
    if (!orc_free)
        orc_free = (void (*)(OrcProgram *)) dlsym(RTLD_NEXT, "orc_program_free");
    if (orc_free)
        orc_free(program);
    pthread_mutex_unlock(&ip_orc_lock);
}

int ip_orc_serialised(void) {
    void *bound = dlsym(RTLD_DEFAULT, "orc_program_free");
    return bound != NULL && bound == (void *) &orc_program_free && dlsym(RTLD_NEXT, "orc_program_free") != NULL;
}
