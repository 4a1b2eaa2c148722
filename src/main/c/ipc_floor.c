/*
 * The native floor of a blocking IPC channel: a ping-pong of ROUND_TRIPS messages of PAYLOAD bytes
 * between this process and a child it forks, each pinned to one CPU with sched_setaffinity, through
 * the same kernel path a Java channel of mmap-bench uses:
 *
 *   PIPE         two pipes, one per direction (Java: the peer's standard input and output)
 *   UNIX_SOCKET  a connected AF_UNIX stream socket pair (Java: SocketChannel over a Unix socket)
 *   SHM_FUTEX    a shared mapping; the receiver sleeps in FUTEX_WAIT on the sequence word after
 *                raising a flag, the sender wakes it only when the flag is up (Java: FutexEndpoint)
 *
 * The sender stamps the sequence number into the first and last word of the message, the
 * receiver checks it; the child echoes every message. One clock read per round trip (each round
 * trip ends where the next begins) gives the mean and the median; getrusage gives each side's
 * context switches over the timed round trips. Prints one JSON object on standard output; a
 * failure is one line on standard error and exit status 1. A child that hangs is ended by its
 * parent's alarm; a child outlives no parent (PR_SET_PDEATHSIG).
 *
 * Usage: ipc_floor CHANNEL PAYLOAD ROUND_TRIPS PARENT_CPU CHILD_CPU
 * Built by mmapbench.ipc.NativeFloor: gcc -O2 -o target/native/ipc_floor src/main/c/ipc_floor.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define WARMUP 1000
#define DEADLINE_SECONDS 20
#define CLOCK_READS 1000000

enum channel { PIPE, UNIX_SOCKET, SHM_FUTEX };

/* One direction of the futex channel: the sequence word and the flag on a line of their own, then the body. */
struct slot {
    _Alignas(128) _Atomic uint32_t seq;
    _Atomic uint32_t sleeping;
    _Alignas(128) unsigned char body[];
};

/* What the child measured over the timed round trips, handed to the parent through shared memory. */
struct child_report {
    long voluntary;
    long involuntary;
};

static enum channel channel;
static size_t payload;
static int to_child[2], to_parent[2];
static struct slot *down, *up;
static struct child_report *report;

static void die(const char *what) {
    fprintf(stderr, "ipc_floor: %s: %s\n", what, strerror(errno));
    exit(1);
}

static void pin(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set) != 0) {
        die("sched_setaffinity");
    }
}

static long futex(_Atomic uint32_t *word, int op, uint32_t value) {
    return syscall(SYS_futex, (uint32_t *) word, op, value, NULL, NULL, 0);
}

static void write_all(int fd, const unsigned char *buf, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, buf, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            die("write");
        }
        buf += w;
        n -= (size_t) w;
    }
}

static void read_all(int fd, unsigned char *buf, size_t n) {
    while (n > 0) {
        ssize_t r = read(fd, buf, n);
        if (r < 0) {
            if (errno == EINTR) continue;
            die("read");
        }
        if (r == 0) {
            fprintf(stderr, "ipc_floor: the other side closed its end\n");
            exit(1);
        }
        buf += r;
        n -= (size_t) r;
    }
}

static void futex_send(struct slot *s, const unsigned char *msg, uint32_t seq) {
    memcpy(s->body, msg, payload);
    atomic_store(&s->seq, seq);
    if (atomic_load(&s->sleeping)) {
        futex(&s->seq, FUTEX_WAKE, 1);
    }
}

static void futex_receive(struct slot *s, unsigned char *msg, uint32_t last) {
    while (atomic_load(&s->seq) == last) {
        atomic_store(&s->sleeping, 1);
        if (atomic_load(&s->seq) == last) {
            /* Refused with EAGAIN when the word changed in between: no wake-up is lost. */
            futex(&s->seq, FUTEX_WAIT, last);
        }
        atomic_store(&s->sleeping, 0);
    }
    memcpy(msg, s->body, payload);
}

static void hand_over(int towards_child, const unsigned char *msg, uint32_t seq) {
    switch (channel) {
        case SHM_FUTEX: futex_send(towards_child ? down : up, msg, seq); break;
        case PIPE: write_all(towards_child ? to_child[1] : to_parent[1], msg, payload); break;
        case UNIX_SOCKET: write_all(towards_child ? to_child[0] : to_child[1], msg, payload); break;
    }
}

static void take(int from_child, unsigned char *msg, uint32_t last) {
    switch (channel) {
        case SHM_FUTEX: futex_receive(from_child ? up : down, msg, last); break;
        case PIPE: read_all(from_child ? to_parent[0] : to_child[0], msg, payload); break;
        case UNIX_SOCKET: read_all(from_child ? to_child[0] : to_child[1], msg, payload); break;
    }
}

static void stamp(unsigned char *msg, uint32_t seq) {
    memcpy(msg, &seq, sizeof seq);
    memcpy(msg + payload - sizeof seq, &seq, sizeof seq);
}

static int carries(const unsigned char *msg, uint32_t seq) {
    uint32_t first, last;
    memcpy(&first, msg, sizeof first);
    memcpy(&last, msg + payload - sizeof last, sizeof last);
    return first == seq && last == seq;
}

static long nanos(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000L + t.tv_nsec;
}

static int by_value(const void *a, const void *b) {
    long x = *(const long *) a, y = *(const long *) b;
    return (x > y) - (x < y);
}

static void child(long round_trips, int cpu, unsigned char *msg) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    pin(cpu);
    struct rusage before, after;
    for (uint32_t seq = 1; seq <= WARMUP + round_trips; seq++) {
        if (seq == WARMUP + 1) {
            getrusage(RUSAGE_SELF, &before);
        }
        take(0, msg, seq - 1);
        if (!carries(msg, seq)) {
            fprintf(stderr, "ipc_floor: the child received a message without sequence number %u\n", seq);
            exit(1);
        }
        hand_over(0, msg, seq);
    }
    getrusage(RUSAGE_SELF, &after);
    report->voluntary = after.ru_nvcsw - before.ru_nvcsw;
    report->involuntary = after.ru_nivcsw - before.ru_nivcsw;
    exit(0);
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: ipc_floor PIPE|UNIX_SOCKET|SHM_FUTEX PAYLOAD ROUND_TRIPS PARENT_CPU CHILD_CPU\n");
        return 2;
    }
    const char *name = argv[1];
    channel = strcmp(name, "PIPE") == 0 ? PIPE : strcmp(name, "UNIX_SOCKET") == 0 ? UNIX_SOCKET
            : strcmp(name, "SHM_FUTEX") == 0 ? SHM_FUTEX : (enum channel) -1;
    payload = strtoul(argv[2], NULL, 10);
    long round_trips = strtol(argv[3], NULL, 10);
    int parent_cpu = atoi(argv[4]), child_cpu = atoi(argv[5]);
    if ((int) channel < 0 || payload < 2 * sizeof(uint32_t) || round_trips < 1) {
        fprintf(stderr, "ipc_floor: channel %s, payload %s or round trips %s is not valid: use PIPE, UNIX_SOCKET"
                " or SHM_FUTEX, at least 8 bytes, at least 1 round trip\n", argv[1], argv[2], argv[3]);
        return 2;
    }

    size_t slot_size = (sizeof(struct slot) + payload + 127) / 128 * 128;
    unsigned char *shared = mmap(NULL, 2 * slot_size + 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED) die("mmap");
    down = (struct slot *) shared;
    up = (struct slot *) (shared + slot_size);
    report = (struct child_report *) (shared + 2 * slot_size);
    if (channel == PIPE && (pipe(to_child) != 0 || pipe(to_parent) != 0)) die("pipe");
    if (channel == UNIX_SOCKET && socketpair(AF_UNIX, SOCK_STREAM, 0, to_child) != 0) die("socketpair");

    unsigned char *msg = aligned_alloc(64, (payload + 63) / 64 * 64);
    memset(msg, 0x5a, payload);
    long *at = malloc((size_t) (round_trips + 1) * sizeof(long));
    if (msg == NULL || at == NULL) die("malloc");

    pid_t pid = fork();
    if (pid < 0) die("fork");
    if (pid == 0) child(round_trips, child_cpu, msg);

    alarm(DEADLINE_SECONDS);
    pin(parent_cpu);
    struct rusage before, after;
    for (uint32_t seq = 1; seq <= WARMUP + round_trips; seq++) {
        if (seq == WARMUP + 1) {
            getrusage(RUSAGE_SELF, &before);
            at[0] = nanos();
        }
        stamp(msg, seq);
        hand_over(1, msg, seq);
        take(1, msg, seq - 1);
        if (!carries(msg, seq)) {
            fprintf(stderr, "ipc_floor: the echo of message %u carries another sequence number\n", seq);
            return 1;
        }
        if (seq > WARMUP) {
            at[seq - WARMUP] = nanos();
        }
    }
    getrusage(RUSAGE_SELF, &after);
    int status;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "ipc_floor: the child failed (status %d)\n", status);
        return 1;
    }

    double mean = (double) (at[round_trips] - at[0]) / round_trips;
    for (long i = round_trips; i > 0; i--) {
        at[i] -= at[i - 1];
    }
    qsort(at + 1, (size_t) round_trips, sizeof(long), by_value);
    long median = at[1 + round_trips / 2];
    long clock_start = nanos();
    for (int i = 0; i < CLOCK_READS; i++) {
        nanos();
    }
    double clock_read = (double) (nanos() - clock_start) / CLOCK_READS;
    long voluntary = after.ru_nvcsw - before.ru_nvcsw, involuntary = after.ru_nivcsw - before.ru_nivcsw;
    printf("{\"channel\": \"%s\", \"payload\": %zu, \"roundTrips\": %ld, \"parentCpu\": %d, \"childCpu\": %d,"
           " \"meanNs\": %.1f, \"medianNs\": %ld,"
           " \"parentContextSwitchesPerRoundTrip\": %.3f, \"childContextSwitchesPerRoundTrip\": %.3f,"
           " \"parentInvoluntaryPerRoundTrip\": %.3f, \"childInvoluntaryPerRoundTrip\": %.3f, \"clockReadNs\": %.1f}\n",
           name, payload, round_trips, parent_cpu, child_cpu, mean, median,
           (double) (voluntary + involuntary) / round_trips,
           (double) (report->voluntary + report->involuntary) / round_trips,
           (double) involuntary / round_trips, (double) report->involuntary / round_trips, clock_read);
    return 0;
}
