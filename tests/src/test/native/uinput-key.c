/*
 * uinput-key CODE MILLISECONDS [PROCESS...]: a key held down for MILLISECONDS on a keyboard of its own, made
 * through the kernel's uinput, as a Pi's gpio-keys device reports a staff button. For the
 * booted test machine (packaging/pi-vm key), where no GPIO chip exists for gpio-keys: logind,
 * udev and the daemon see an input device with KEY_POWER and KEY_RESTART like the Pi's.
 *
 * The key goes down only once systemd-logind has the new device open (it watches every device
 * udev tags power-switch), and each PROCESS named (by its /proc comm, such as "java": the booth
 * daemon watching the keys), so that none can miss the press; exit 0 once released, 1 with
 * a message on any failure. Built static for the test machine by packaging/pi-vm.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/uinput.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

static void fail(const char *what) {
    fprintf(stderr, "uinput-key: %s: %s\n", what, strerror(errno));
    exit(1);
}

static void emit(int fd, int type, int code, int value) {
    struct input_event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = type;
    ev.code = code;
    ev.value = value;
    if (write(fd, &ev, sizeof ev) != sizeof ev)
        fail("write");
}

static void pause_ms(long ms) {
    struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
    while (nanosleep(&t, &t) < 0 && errno == EINTR)
        ;
}

/* Whether a process whose comm is COMM holds /dev/input/NODE open. */
static int has_open(const char *comm_wanted, const char *node) {
    char want[96], path[600], link[256], comm[64];
    snprintf(want, sizeof want, "/dev/input/%s", node);
    DIR *proc = opendir("/proc");
    if (!proc)
        fail("/proc");
    struct dirent *p;
    int found = 0;
    while (!found && (p = readdir(proc))) {
        if (p->d_name[0] < '1' || p->d_name[0] > '9')
            continue;
        snprintf(path, sizeof path, "/proc/%s/comm", p->d_name);
        FILE *f = fopen(path, "r");
        if (!f)
            continue;
        int is_wanted = fgets(comm, sizeof comm, f) && strncmp(comm, comm_wanted, strlen(comm_wanted)) == 0
                        && comm[strlen(comm_wanted)] == '\n';
        fclose(f);
        if (!is_wanted)
            continue;
        snprintf(path, sizeof path, "/proc/%s/fd", p->d_name);
        DIR *fds = opendir(path);
        if (!fds)
            continue;
        struct dirent *d;
        while (!found && (d = readdir(fds))) {
            snprintf(path, sizeof path, "/proc/%s/fd/%s", p->d_name, d->d_name);
            ssize_t n = readlink(path, link, sizeof link - 1);
            if (n > 0) {
                link[n] = 0;
                found = strcmp(link, want) == 0;
            }
        }
        closedir(fds);
    }
    closedir(proc);
    return found;
}

/* The event node (eventN) of the uinput device with sysfs name SYSNAME (inputN). */
static int event_node(const char *sysname, char *node, size_t size) {
    char path[256];
    snprintf(path, sizeof path, "/sys/devices/virtual/input/%s", sysname);
    DIR *dir = opendir(path);
    if (!dir)
        return 0;
    struct dirent *d;
    int found = 0;
    while (!found && (d = readdir(dir))) {
        if (strncmp(d->d_name, "event", 5) == 0) {
            snprintf(node, size, "%.31s", d->d_name);
            found = 1;
        }
    }
    closedir(dir);
    return found;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: uinput-key CODE MILLISECONDS [PROCESS...] (116 KEY_POWER, 408 KEY_RESTART)\n");
        return 2;
    }
    int code = atoi(argv[1]);
    long ms = atol(argv[2]);
    int fd = open("/dev/uinput", O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        fail("/dev/uinput");
    if (ioctl(fd, UI_SET_EVBIT, EV_KEY) < 0 || ioctl(fd, UI_SET_KEYBIT, KEY_POWER) < 0
        || ioctl(fd, UI_SET_KEYBIT, KEY_RESTART) < 0)
        fail("UI_SET_KEYBIT");
    struct uinput_setup setup;
    memset(&setup, 0, sizeof setup);
    setup.id.bustype = BUS_HOST;
    snprintf(setup.name, sizeof setup.name, "booth staff keys (uinput)");
    if (ioctl(fd, UI_DEV_SETUP, &setup) < 0 || ioctl(fd, UI_DEV_CREATE) < 0)
        fail("UI_DEV_CREATE");
    char sysname[64], node[64];
    if (ioctl(fd, UI_GET_SYSNAME(sizeof sysname), sysname) < 0)
        fail("UI_GET_SYSNAME");
    /* udev tags the device, then logind opens it (and the daemon, which looks every 2 s): up to
       30 s on a slow emulated machine */
    int waited = 0;
    for (int i = 2; i < argc; i++) {
        const char *wanted = i == 2 ? "systemd-logind" : argv[i];
        while (!(event_node(sysname, node, sizeof node) && has_open(wanted, node))) {
            if (waited >= 30000) {
                fprintf(stderr, "uinput-key: %s did not open the new key device within 30 s\n", wanted);
                return 1;
            }
            pause_ms(50);
            waited += 50;
        }
    }
    emit(fd, EV_KEY, code, 1);
    emit(fd, EV_SYN, SYN_REPORT, 0);
    pause_ms(ms);
    emit(fd, EV_KEY, code, 0);
    emit(fd, EV_SYN, SYN_REPORT, 0);
    /* readers get the release before the device goes */
    pause_ms(200);
    ioctl(fd, UI_DEV_DESTROY);
    close(fd);
    printf("held %s %d for %ld ms\n", node, code, ms);
    return 0;
}
