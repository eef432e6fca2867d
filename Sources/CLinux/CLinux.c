#define _GNU_SOURCE
#include "CLinux.h"

#include <malloc.h>
#include <stddef.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

int clinux_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

int clinux_epoll_ctl(int epoll, int operation, int descriptor, uint32_t events, uint64_t tag) {
    struct epoll_event event = {.events = events, .data.u64 = tag};
    return epoll_ctl(epoll, operation, descriptor, operation == EPOLL_CTL_DEL ? NULL : &event);
}

int clinux_epoll_wait_many(int epoll, uint32_t *events, uint64_t *tags, int capacity, int timeout_ms) {
    struct epoll_event ready[64];
    if (capacity > 64) capacity = 64;
    int count = epoll_wait(epoll, ready, capacity, timeout_ms);
    for (int index = 0; index < count; index++) {
        events[index] = ready[index].events;
        tags[index] = ready[index].data.u64;
    }
    return count;
}

int clinux_eventfd(void) { return eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK); }

int clinux_accept(int listener, void *address, unsigned int *length) {
    return accept4(listener, (struct sockaddr *)address, (socklen_t *)length, SOCK_NONBLOCK | SOCK_CLOEXEC);
}

int clinux_limit_malloc_arenas(int count) { return mallopt(M_ARENA_MAX, count); }

int clinux_release_free_heap(void) { return malloc_trim(0); }
