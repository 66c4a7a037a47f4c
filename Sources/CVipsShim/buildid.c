/* ip_build_id: the running executable's GNU build ID (the linker's hash of its contents), as
 * hex. The server's render cache keys carry it, so a rebuilt engine, whose outputs may differ
 * by a byte, never serves results cached by another build. */
#define _GNU_SOURCE
#include "CVipsShim.h"
#include <elf.h>
#include <link.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    char *hex;
    size_t capacity;
    int found;
} IpBuildIdSearch;

static int ip_build_id_of_program(struct dl_phdr_info *info, size_t size, void *data) {
    (void) size;
    IpBuildIdSearch *search = data;
    /* The first object is the executable itself. */
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *header = &info->dlpi_phdr[i];
        if (header->p_type != PT_NOTE)
            continue;
        const unsigned char *note = (const unsigned char *) (info->dlpi_addr + header->p_vaddr);
        const unsigned char *end = note + header->p_memsz;
        while (note + sizeof(ElfW(Nhdr)) <= end) {
            const ElfW(Nhdr) *entry = (const ElfW(Nhdr) *) note;
            const unsigned char *name = note + sizeof(ElfW(Nhdr));
            const unsigned char *desc = name + ((entry->n_namesz + 3) & ~3u);
            if (desc + entry->n_descsz > end)
                break;
            if (entry->n_type == NT_GNU_BUILD_ID && entry->n_namesz == 4 && memcmp(name, "GNU", 4) == 0 &&
                entry->n_descsz * 2 + 1 <= search->capacity) {
                for (unsigned j = 0; j < entry->n_descsz; j++)
                    snprintf(search->hex + 2 * j, 3, "%02x", desc[j]);
                search->found = 1;
                return 1;
            }
            note = desc + ((entry->n_descsz + 3) & ~3u);
        }
    }
    return 1;
}

int ip_build_id(char *hex, size_t capacity) {
    IpBuildIdSearch search = {hex, capacity, 0};
    if (capacity > 0)
        hex[0] = '\0';
    dl_iterate_phdr(ip_build_id_of_program, &search);
    return search.found ? 0 : -1;
}
