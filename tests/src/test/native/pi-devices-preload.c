/*
 * The client Pi's device files, answered by a model on a socket: an LD_PRELOAD library for a
 * program (the daemon's JVM, Pi4J's own native code in it) run in an emulated arm64 or armhf
 * root, where no Pi and no kernel driver exist.
 *
 * qemu-user refuses every ioctl it has no translation for, and it has none for I2C or GPIO, so
 * the calls are answered here, in the guest's C library calls, before they become system calls:
 *
 *   /dev/i2c-N       open, write, read, ioctl I2C_SLAVE, I2C_SLAVE_FORCE, I2C_FUNCS, I2C_RDWR
 *   /dev/gpiochipN   open, ioctl GPIO_GET_CHIPINFO, GPIO_GET_LINEINFO, GPIO_GET_LINEEVENT (uAPI v1:
 *                    the one libgpiod 1.6, bundled by Pi4J 2.8, speaks)
 *   a line's fd      ioctl GPIOHANDLE_GET_LINE_VALUES; ppoll and read are the kernel's own (the fd
 *                    is a socket the model writes struct gpioevent_data records to)
 *   /proc/device-tree/model, /proc/cpuinfo   opened as $PI_DEVICES_MODEL, $PI_DEVICES_CPUINFO
 *                    when set (Pi4J's board detection reads them; qemu serves its own cpuinfo)
 *
 * Every faked fd is a unix socket connected to $PI_DEVICES_SOCKET; the structures are decoded
 * here, by a compiler that knows this architecture's layout (struct i2c_msg is 12 bytes on
 * armhf, 16 on arm64), and travel as one little-endian format the model reads on any host:
 *
 *   request  u32 op, u32 length, payload      reply  i32 result (>= 0, or -errno), u32 length, payload
 *
 * The model is booth.pi.PiDevices (tests/src/test/java); the operations are its Op enum's. With
 * $PI_DEVICES_TRACE set, each faked call is written to standard error.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/gpio.h>
#include <linux/i2c-dev.h>
#include <linux/i2c.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the wire format is little-endian as the Pi is: a big-endian port needs byte swapping here"
#endif

enum op {
    OP_OPEN = 1,          /* payload: the path; first request of a device's connection */
    OP_I2C_ADDRESS = 10,  /* u32 address */
    OP_I2C_WRITE = 11,    /* the bytes; result: bytes written */
    OP_I2C_READ = 12,     /* u32 count; reply: the bytes */
    OP_I2C_TRANSFER = 13, /* u32 n, then per message u16 addr, u16 flags, u16 len, u16 0, written bytes; reply: read bytes */
    OP_I2C_FUNCTIONS = 14, /* result: the functionality mask */
    OP_CHIP_INFO = 20,    /* reply: name[32], label[32], u32 lines */
    OP_LINE_INFO = 21,    /* u32 offset; reply: u32 flags, name[32], consumer[32] */
    OP_LINE_EVENTS = 22,  /* u32 offset, u32 handle flags, u32 event flags, label[32]; result: the line's id */
    OP_LINE_CONTROL = 30, /* u32 id; first request of a line's control connection */
    OP_LINE_VALUE = 31,   /* result: 0 or 1 */
    OP_LINE_STREAM = 40,  /* u32 id; first request of a line's event connection: then only events flow */
};

enum kind { NOT_FAKED = 0, I2C, CHIP, LINE };

#define FDS 8192

struct faked {
    enum kind kind;
    int control; /* LINE: the hidden connection its value requests go on; else the fd itself */
    pthread_mutex_t lock;
};

static struct faked table[FDS];
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;

static int (*real_open)(const char *, int, ...);
static int (*real_openat)(int, const char *, int, ...);
static int (*real_close)(int);
static ssize_t (*real_read)(int, void *, size_t);
static ssize_t (*real_write)(int, const void *, size_t);
static int (*real_ioctl)(int, unsigned long, ...);
static pthread_once_t resolved = PTHREAD_ONCE_INIT;

static void resolve(void) {
    real_open = dlsym(RTLD_NEXT, "open");
    real_openat = dlsym(RTLD_NEXT, "openat");
    real_close = dlsym(RTLD_NEXT, "close");
    real_read = dlsym(RTLD_NEXT, "read");
    real_write = dlsym(RTLD_NEXT, "write");
    real_ioctl = dlsym(RTLD_NEXT, "ioctl");
    for (int i = 0; i < FDS; i++) {
        pthread_mutex_init(&table[i].lock, NULL);
    }
}

static void init(void) {
    pthread_once(&resolved, resolve);
}

static void trace(const char *format, ...) {
    if (!getenv("PI_DEVICES_TRACE")) {
        return;
    }
    char line[256];
    va_list args;
    va_start(args, format);
    int n = vsnprintf(line, sizeof line - 1, format, args);
    va_end(args);
    if (n < 0) {
        return;
    }
    if (n > (int) sizeof line - 2) {
        n = sizeof line - 2;
    }
    line[n++] = '\n';
    real_write(2, line, n);
}

static struct faked *faked(int fd) {
    if (fd < 0 || fd >= FDS) {
        return NULL;
    }
    init();
    return table[fd].kind == NOT_FAKED ? NULL : &table[fd];
}

/* ---- the wire ---------------------------------------------------------------------------- */

static int send_all(int fd, const void *data, size_t n) {
    const char *p = data;
    while (n > 0) {
        ssize_t sent = send(fd, p, n, MSG_NOSIGNAL);
        if (sent < 0 && errno == EINTR) {
            continue;
        }
        if (sent <= 0) {
            return -1;
        }
        p += sent;
        n -= sent;
    }
    return 0;
}

static int receive_all(int fd, void *data, size_t n) {
    char *p = data;
    while (n > 0) {
        ssize_t got = recv(fd, p, n, 0);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            return -1;
        }
        p += got;
        n -= got;
    }
    return 0;
}

/*
 * One request and its reply on fd: the reply's payload goes to reply (up to capacity bytes; the
 * rest is an error). Returns the model's result, or -1 with errno EIO when the model is gone.
 */
static int ask(int fd, uint32_t op, const void *payload, uint32_t length, void *reply, uint32_t capacity,
               uint32_t *replied) {
    uint32_t head[2] = {op, length};
    int32_t answer[2];
    if (send_all(fd, head, sizeof head) < 0 || send_all(fd, payload, length) < 0
        || receive_all(fd, answer, sizeof answer) < 0) {
        trace("pi-devices: fd %d: the model did not answer op %u: %s", fd, op, strerror(errno));
        errno = EIO;
        return -1;
    }
    uint32_t got = (uint32_t) answer[1];
    if (got > capacity) {
        trace("pi-devices: fd %d: op %u: the model replied %u bytes, room for %u", fd, op, got, capacity);
        errno = EIO;
        return -1;
    }
    if (receive_all(fd, reply, got) < 0) {
        errno = EIO;
        return -1;
    }
    if (replied) {
        *replied = got;
    }
    if (answer[0] < 0) {
        errno = -answer[0];
        return -1;
    }
    return answer[0];
}

static int connect_model(void) {
    const char *path = getenv("PI_DEVICES_SOCKET");
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    if (!path || strlen(path) >= sizeof address.sun_path) {
        trace("pi-devices: PI_DEVICES_SOCKET is not set, or too long");
        errno = ENOENT;
        return -1;
    }
    strcpy(address.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return -1;
    }
    if (connect(fd, (struct sockaddr *) &address, sizeof address) < 0) {
        int saved = errno;
        trace("pi-devices: cannot reach the model at %s: %s", path, strerror(saved));
        real_close(fd);
        errno = ENOENT;
        return -1;
    }
    return fd;
}

/* A new connection, introduced by its first request; registered as kind when the model agrees. */
static int open_faked(enum kind kind, uint32_t op, const void *payload, uint32_t length) {
    int fd = connect_model();
    if (fd < 0) {
        return -1;
    }
    if (fd >= FDS) {
        real_close(fd);
        errno = EMFILE;
        return -1;
    }
    if (ask(fd, op, payload, length, NULL, 0, NULL) < 0) {
        int saved = errno;
        real_close(fd);
        errno = saved;
        return -1;
    }
    pthread_mutex_lock(&table_lock);
    table[fd].kind = kind;
    table[fd].control = fd;
    pthread_mutex_unlock(&table_lock);
    return fd;
}

static enum kind device_kind(const char *path) {
    if (!path) {
        return NOT_FAKED;
    }
    if (strncmp(path, "/dev/i2c-", 9) == 0) {
        return I2C;
    }
    if (strncmp(path, "/dev/gpiochip", 13) == 0) {
        return CHIP;
    }
    return NOT_FAKED;
}

/* The file to open instead of path, for the two files board detection reads; else path. */
static const char *board_file(const char *path) {
    const char *instead = NULL;
    if (path && strcmp(path, "/proc/device-tree/model") == 0) {
        instead = getenv("PI_DEVICES_MODEL");
    } else if (path && strcmp(path, "/proc/cpuinfo") == 0) {
        instead = getenv("PI_DEVICES_CPUINFO");
    }
    if (instead) {
        trace("pi-devices: %s read from %s", path, instead);
        return instead;
    }
    return path;
}

/* ---- open and close ---------------------------------------------------------------------- */

static int opened(const char *path, int flags, mode_t mode, int at, int with_at) {
    init();
    enum kind kind = device_kind(path);
    if (kind != NOT_FAKED) {
        int fd = open_faked(kind, OP_OPEN, path, strlen(path));
        trace("pi-devices: open %s -> %d%s%s", path, fd, fd < 0 ? " " : "", fd < 0 ? strerror(errno) : "");
        return fd;
    }
    path = board_file(path);
    return with_at ? real_openat(at, path, flags, mode) : real_open(path, flags, mode);
}

#define MODE_ARGUMENT(flags, mode)                  \
    mode_t mode = 0;                                \
    if ((flags) & (O_CREAT | __O_TMPFILE)) {        \
        va_list args;                               \
        va_start(args, flags);                      \
        mode = va_arg(args, mode_t);                \
        va_end(args);                               \
    }

int open(const char *path, int flags, ...) {
    MODE_ARGUMENT(flags, mode)
    return opened(path, flags, mode, 0, 0);
}

int open64(const char *path, int flags, ...) {
    MODE_ARGUMENT(flags, mode)
    return opened(path, flags | O_LARGEFILE, mode, 0, 0);
}

int __open_2(const char *path, int flags) {
    return opened(path, flags, 0, 0, 0);
}

int __open64_2(const char *path, int flags) {
    return opened(path, flags | O_LARGEFILE, 0, 0, 0);
}

int openat(int at, const char *path, int flags, ...) {
    MODE_ARGUMENT(flags, mode)
    return opened(path, flags, mode, at, 1);
}

int openat64(int at, const char *path, int flags, ...) {
    MODE_ARGUMENT(flags, mode)
    return opened(path, flags | O_LARGEFILE, mode, at, 1);
}

int __openat_2(int at, const char *path, int flags) {
    return opened(path, flags, 0, at, 1);
}

int __openat64_2(int at, const char *path, int flags) {
    return opened(path, flags | O_LARGEFILE, 0, at, 1);
}

int close(int fd) {
    init();
    struct faked *f = faked(fd);
    if (f) {
        pthread_mutex_lock(&table_lock);
        if (f->kind == LINE && f->control != fd) {
            real_close(f->control);
        }
        f->kind = NOT_FAKED;
        f->control = -1;
        pthread_mutex_unlock(&table_lock);
        trace("pi-devices: close %d", fd);
    }
    return real_close(fd);
}

/* ---- I2C ---------------------------------------------------------------------------------- */

static ssize_t i2c_write(struct faked *f, int fd, const void *data, size_t n) {
    if (n > 4096) {
        errno = EINVAL;
        return -1;
    }
    pthread_mutex_lock(&f->lock);
    int result = ask(fd, OP_I2C_WRITE, data, n, NULL, 0, NULL);
    pthread_mutex_unlock(&f->lock);
    return result;
}

static ssize_t i2c_read(struct faked *f, int fd, void *data, size_t n) {
    if (n > 4096) {
        errno = EINVAL;
        return -1;
    }
    uint32_t count = n;
    pthread_mutex_lock(&f->lock);
    int result = ask(fd, OP_I2C_READ, &count, sizeof count, data, count, NULL);
    pthread_mutex_unlock(&f->lock);
    return result;
}

/* struct i2c_rdwr_ioctl_data: the messages flattened; the read ones filled from the reply. */
static int i2c_transfer(struct faked *f, int fd, struct i2c_rdwr_ioctl_data *rdwr) {
    if (!rdwr || !rdwr->msgs || rdwr->nmsgs == 0 || rdwr->nmsgs > I2C_RDWR_IOCTL_MAX_MSGS) {
        errno = EINVAL;
        return -1;
    }
    uint8_t request[4 + I2C_RDWR_IOCTL_MAX_MSGS * 8 + 512];
    uint8_t reply[512];
    uint32_t length = 4, reading = 0;
    uint32_t n = rdwr->nmsgs;
    memcpy(request, &n, 4);
    for (uint32_t i = 0; i < n; i++) {
        struct i2c_msg *m = &rdwr->msgs[i];
        int read = (m->flags & I2C_M_RD) != 0;
        uint16_t head[4] = {m->addr, m->flags, m->len, 0};
        if (length + sizeof head + (read ? 0 : m->len) > sizeof request || reading + (read ? m->len : 0) > sizeof reply) {
            errno = EINVAL;
            return -1;
        }
        memcpy(request + length, head, sizeof head);
        length += sizeof head;
        if (read) {
            reading += m->len;
        } else {
            memcpy(request + length, m->buf, m->len);
            length += m->len;
        }
    }
    uint32_t got = 0;
    pthread_mutex_lock(&f->lock);
    int result = ask(fd, OP_I2C_TRANSFER, request, length, reply, sizeof reply, &got);
    pthread_mutex_unlock(&f->lock);
    if (result < 0) {
        return -1;
    }
    if (got != reading) {
        trace("pi-devices: I2C_RDWR: the model replied %u bytes for %u read", got, reading);
        errno = EIO;
        return -1;
    }
    uint32_t at = 0;
    for (uint32_t i = 0; i < n; i++) {
        struct i2c_msg *m = &rdwr->msgs[i];
        if (m->flags & I2C_M_RD) {
            memcpy(m->buf, reply + at, m->len);
            at += m->len;
        }
    }
    return result;
}

static int i2c_ioctl(struct faked *f, int fd, unsigned long request, void *argument) {
    uint32_t value;
    int result;
    switch (request) {
    case I2C_SLAVE:
    case I2C_SLAVE_FORCE:
        value = (uint32_t) (uintptr_t) argument; /* an int passed as the variadic argument */
        pthread_mutex_lock(&f->lock);
        result = ask(fd, OP_I2C_ADDRESS, &value, sizeof value, NULL, 0, NULL);
        pthread_mutex_unlock(&f->lock);
        return result;
    case I2C_FUNCS:
        pthread_mutex_lock(&f->lock);
        result = ask(fd, OP_I2C_FUNCTIONS, NULL, 0, NULL, 0, NULL);
        pthread_mutex_unlock(&f->lock);
        if (result >= 0) {
            *(unsigned long *) argument = (unsigned long) result;
            return 0;
        }
        return -1;
    case I2C_RDWR:
        return i2c_transfer(f, fd, argument);
    default:
        trace("pi-devices: fd %d (i2c): ioctl 0x%lx is not modelled", fd, request);
        errno = ENOTTY;
        return -1;
    }
}

/* ---- GPIO (uAPI v1) ----------------------------------------------------------------------- */

static int line_events(struct faked *f, int fd, struct gpioevent_request *r) {
    uint8_t request[12 + 32] = {0};
    uint32_t numbers[3] = {r->lineoffset, r->handleflags, r->eventflags};
    memcpy(request, numbers, sizeof numbers);
    memcpy(request + 12, r->consumer_label, sizeof r->consumer_label < 32 ? sizeof r->consumer_label : 32);
    pthread_mutex_lock(&f->lock);
    int id = ask(fd, OP_LINE_EVENTS, request, sizeof request, NULL, 0, NULL);
    pthread_mutex_unlock(&f->lock);
    if (id < 0) {
        return -1;
    }
    uint32_t line = id;
    int control = connect_model();
    if (control < 0) {
        return -1;
    }
    if (ask(control, OP_LINE_CONTROL, &line, sizeof line, NULL, 0, NULL) < 0) {
        int saved = errno;
        real_close(control);
        errno = saved;
        return -1;
    }
    int stream = open_faked(LINE, OP_LINE_STREAM, &line, sizeof line);
    if (stream < 0) {
        int saved = errno;
        real_close(control);
        errno = saved;
        return -1;
    }
    pthread_mutex_lock(&table_lock);
    table[stream].control = control;
    pthread_mutex_unlock(&table_lock);
    r->fd = stream;
    trace("pi-devices: line %u requested (%.32s): fd %d", r->lineoffset, r->consumer_label, stream);
    return 0;
}

static int chip_ioctl(struct faked *f, int fd, unsigned long request, void *argument) {
    int result;
    switch (request) {
    case GPIO_GET_CHIPINFO_IOCTL: {
        struct gpiochip_info *info = argument;
        uint8_t reply[68];
        pthread_mutex_lock(&f->lock);
        result = ask(fd, OP_CHIP_INFO, NULL, 0, reply, sizeof reply, NULL);
        pthread_mutex_unlock(&f->lock);
        if (result < 0) {
            return -1;
        }
        memset(info, 0, sizeof *info);
        memcpy(info->name, reply, 32);
        memcpy(info->label, reply + 32, 32);
        memcpy(&info->lines, reply + 64, 4);
        return 0;
    }
    case GPIO_GET_LINEINFO_IOCTL: {
        struct gpioline_info *info = argument;
        uint32_t offset = info->line_offset;
        uint8_t reply[68];
        pthread_mutex_lock(&f->lock);
        result = ask(fd, OP_LINE_INFO, &offset, sizeof offset, reply, sizeof reply, NULL);
        pthread_mutex_unlock(&f->lock);
        if (result < 0) {
            return -1;
        }
        memcpy(&info->flags, reply, 4);
        memcpy(info->name, reply + 4, 32);
        memcpy(info->consumer, reply + 36, 32);
        return 0;
    }
    case GPIO_GET_LINEEVENT_IOCTL:
        return line_events(f, fd, argument);
    default:
        trace("pi-devices: fd %d (gpiochip): ioctl 0x%lx is not modelled", fd, request);
        errno = ENOTTY;
        return -1;
    }
}

static int line_ioctl(struct faked *f, int fd, unsigned long request, void *argument) {
    if (request != GPIOHANDLE_GET_LINE_VALUES_IOCTL) {
        trace("pi-devices: fd %d (line): ioctl 0x%lx is not modelled", fd, request);
        errno = ENOTTY;
        return -1;
    }
    pthread_mutex_lock(&f->lock);
    int value = ask(f->control, OP_LINE_VALUE, NULL, 0, NULL, 0, NULL);
    pthread_mutex_unlock(&f->lock);
    if (value < 0) {
        return -1;
    }
    struct gpiohandle_data *data = argument;
    memset(data, 0, sizeof *data);
    data->values[0] = (uint8_t) value;
    return 0;
}

/* ---- the calls on a faked fd -------------------------------------------------------------- */

static int faked_ioctl(int fd, unsigned long request, void *argument, int *handled) {
    struct faked *f = faked(fd);
    *handled = f != NULL;
    if (!f) {
        return 0;
    }
    switch (f->kind) {
    case I2C:
        return i2c_ioctl(f, fd, request, argument);
    case CHIP:
        return chip_ioctl(f, fd, request, argument);
    case LINE:
        return line_ioctl(f, fd, request, argument);
    default:
        errno = ENOTTY;
        return -1;
    }
}

int ioctl(int fd, unsigned long request, ...) {
    va_list args;
    va_start(args, request);
    void *argument = va_arg(args, void *);
    va_end(args);
    int handled;
    int result = faked_ioctl(fd, request, argument, &handled);
    return handled ? result : real_ioctl(fd, request, argument);
}

#if __SIZEOF_POINTER__ == 4
/* 32-bit glibc's ioctl for programs built with 64-bit time: the same calls under another name */
int __ioctl_time64(int fd, unsigned long request, ...) {
    va_list args;
    va_start(args, request);
    void *argument = va_arg(args, void *);
    va_end(args);
    int handled;
    int result = faked_ioctl(fd, request, argument, &handled);
    if (handled) {
        return result;
    }
    static int (*real_ioctl_time64)(int, unsigned long, ...);
    if (!real_ioctl_time64) {
        real_ioctl_time64 = dlsym(RTLD_NEXT, "__ioctl_time64");
    }
    return real_ioctl_time64 ? real_ioctl_time64(fd, request, argument) : real_ioctl(fd, request, argument);
}
#endif

ssize_t write(int fd, const void *data, size_t n) {
    struct faked *f = faked(fd);
    if (f && f->kind == I2C) {
        return i2c_write(f, fd, data, n);
    }
    init();
    return real_write(fd, data, n);
}

ssize_t read(int fd, void *data, size_t n) {
    struct faked *f = faked(fd);
    if (f && f->kind == I2C) {
        return i2c_read(f, fd, data, n);
    }
    init();
    return real_read(fd, data, n); /* a line's events come straight off its socket */
}
