/*
 * hang-thread PID NAME SECONDS: the thread named NAME of process PID stopped for SECONDS, the
 * rest of the process running on, as a thread stuck in a deadlock or a blocking call looks from
 * outside. For the booted test machine (packaging/pi-vm): the daemon's "ui" thread hung without
 * touching its other threads or its code.
 *
 * The thread is stopped by ptrace (PTRACE_SEIZE then PTRACE_INTERRUPT), which stops one thread
 * where SIGSTOP would stop the whole process. It stays stopped while this program waits; the
 * program exits 0 when the process ends (the point: something ended the hung daemon), 3 when
 * SECONDS pass with the process still alive (the thread is let go), 1 with a message on a
 * failure. Needs root (or CAP_SYS_PTRACE).
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int thread_named(const char *pid, const char *name) {
    char path[300], comm[64];
    snprintf(path, sizeof path, "/proc/%s/task", pid);
    DIR *tasks = opendir(path);
    if (!tasks)
        return -1;
    struct dirent *t;
    int found = -1;
    while (found < 0 && (t = readdir(tasks))) {
        if (t->d_name[0] < '1' || t->d_name[0] > '9')
            continue;
        snprintf(path, sizeof path, "/proc/%s/task/%s/comm", pid, t->d_name);
        FILE *f = fopen(path, "r");
        if (!f)
            continue;
        if (fgets(comm, sizeof comm, f)) {
            comm[strcspn(comm, "\n")] = 0;
            if (strcmp(comm, name) == 0)
                found = atoi(t->d_name);
        }
        fclose(f);
    }
    closedir(tasks);
    return found;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: hang-thread PID NAME SECONDS\n");
        return 2;
    }
    int pid = atoi(argv[1]);
    int tid = thread_named(argv[1], argv[2]);
    if (tid < 0) {
        fprintf(stderr, "hang-thread: process %s has no thread named '%s'\n", argv[1], argv[2]);
        return 1;
    }
    if (ptrace(PTRACE_SEIZE, tid, 0, 0) < 0 || ptrace(PTRACE_INTERRUPT, tid, 0, 0) < 0) {
        fprintf(stderr, "hang-thread: cannot stop thread %d: %s\n", tid, strerror(errno));
        return 1;
    }
    int status;
    if (waitpid(tid, &status, __WALL) < 0) {
        fprintf(stderr, "hang-thread: waiting for thread %d: %s\n", tid, strerror(errno));
        return 1;
    }
    printf("thread %d ('%s') of process %d stopped\n", tid, argv[2], pid);
    fflush(stdout);
    time_t end = time(NULL) + atoi(argv[3]);
    while (time(NULL) < end) {
        if (kill(pid, 0) < 0 && errno == ESRCH) {
            printf("process %d ended\n", pid);
            return 0;
        }
        /* a signal or event for the traced thread: keep it stopped (the process's end shows as ESRCH) */
        pid_t r = waitpid(tid, &status, __WALL | WNOHANG);
        if (r == tid && (WIFEXITED(status) || WIFSIGNALED(status))) {
            printf("process %d ended\n", pid);
            return 0;
        }
        usleep(100000);
    }
    ptrace(PTRACE_DETACH, tid, 0, 0);
    printf("process %d still alive after %s s; thread let go\n", pid, argv[3]);
    return 3;
}
