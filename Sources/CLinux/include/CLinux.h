// Linux-only calls the Swift Glibc module does not expose: epoll, eventfd, accept4, mallopt, malloc_trim.
// Wrappers keep the packed `struct epoll_event` out of Swift.
#ifndef KALENDS_CLINUX_H
#define KALENDS_CLINUX_H

#include <stdint.h>

/// epoll event bits used by the server.
enum {
    CLINUX_EPOLLIN = 0x001,
    CLINUX_EPOLLOUT = 0x004,
    CLINUX_EPOLLERR = 0x008,
    CLINUX_EPOLLHUP = 0x010,
    CLINUX_EPOLLRDHUP = 0x2000,
    CLINUX_EPOLLONESHOT = 0x40000000,
};

/// epoll_ctl operations.
enum { CLINUX_EPOLL_CTL_ADD = 1, CLINUX_EPOLL_CTL_DEL = 2, CLINUX_EPOLL_CTL_MOD = 3 };

/// epoll_create1(EPOLL_CLOEXEC).
int clinux_epoll_create(void);

/// epoll_ctl with the event's data set to `tag`.
int clinux_epoll_ctl(int epoll, int operation, int descriptor, uint32_t events, uint64_t tag);

/// epoll_wait for up to `capacity` events; stores their bits and tags. Returns the count, 0 on timeout, -1 on error.
int clinux_epoll_wait_many(int epoll, uint32_t *events, uint64_t *tags, int capacity, int timeout_ms);

/// eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK).
int clinux_eventfd(void);

/// accept4 with SOCK_NONBLOCK | SOCK_CLOEXEC.
int clinux_accept(int listener, void *address, unsigned int *length);

/// mallopt(M_ARENA_MAX, count): at most `count` malloc arenas. Returns 1 on success, 0 on error.
int clinux_limit_malloc_arenas(int count);

/// malloc_trim(0): gives the free pages of every malloc arena back to the kernel. Returns 1 if any were.
int clinux_release_free_heap(void);

#endif
