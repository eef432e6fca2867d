/*
 * Second oracle for Tests/Differential/recurrence/compare.py: expands RRULEs with libical
 * (Debian libical-dev), an implementation independent of python-dateutil.
 *
 * Reads the cases compare.py writes, one per line:
 *     id \t DTSTART (YYYYMMDDTHHMMSS, local) \t TZID or empty \t RRULE \t max instances \t horizon years
 * and prints one line per case:
 *     id \t comma-separated local instances     or     id \t !rejected / !timeout
 *
 * As for dateutil, the list is adjusted to RFC 5545 §3.8.5.3 ("The DTSTART property value always
 * counts as the first occurrence"): when libical does not return DTSTART first, DTSTART is
 * prepended and COUNT lowered by one.
 *
 * Each case is expanded in a forked child, so a rule that makes libical loop or crash costs only that
 * case (reported as !timeout / !crash) and cannot leave the driver's heap in a bad state.
 *
 * Build: cc -O2 -o libical_oracle libical_oracle.c $(pkg-config --cflags --libs libical)
 */
#include <libical/ical.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void format_time(struct icaltimetype t, char *out) {
    snprintf(out, 16, "%04d%02d%02dT%02d%02d%02d", t.year, t.month, t.day, t.hour, t.minute, t.second);
}

/* Expands `rule` from `start`; returns the number of instances written to `out` (15 chars each), -1 if rejected. */
static int expand(struct icalrecurrencetype rule, struct icaltimetype start, int max, int horizon_year,
                  char (*out)[16]) {
    icalrecur_iterator *iterator = icalrecur_iterator_new(rule, start);
    if (iterator == NULL) return -1;
    int count = 0;
    for (struct icaltimetype t = icalrecur_iterator_next(iterator); !icaltime_is_null_time(t);
         t = icalrecur_iterator_next(iterator)) {
        if (t.year > horizon_year || count >= max) break;
        format_time(t, out[count++]);
    }
    icalrecur_iterator_free(iterator);
    return count;
}

int main(int argc, char **argv) {
    double timeout = argc > 1 ? atof(argv[1]) : 1.0;
    setvbuf(stdout, NULL, _IOLBF, 0); /* compare.py restarts after a crash from the last line it got */
    char line[8192];
    static char values[4096][16];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = 0;
        char *fields[6] = {0};
        char *cursor = line;
        for (int i = 0; i < 6; i++) fields[i] = strsep(&cursor, "\t");
        if (fields[5] == NULL) continue;
        int max = atoi(fields[4]);
        if (max > 4096) max = 4096;
        struct icaltimetype start = icaltime_from_string(fields[1]);
        if (fields[2][0] != 0) {
            icaltimezone *zone = icaltimezone_get_builtin_timezone(fields[2]);
            if (zone == NULL) {
                printf("%s\t!rejected\n", fields[0]);
                continue;
            }
            start = icaltime_set_timezone(&start, zone);
        }
        int horizon_year = start.year + atoi(fields[5]);
        icalerror_clear_errno();
        struct icalrecurrencetype rule = icalrecurrencetype_from_string(fields[3]);
        if (icalerrno != ICAL_NO_ERROR || rule.freq == ICAL_NO_RECURRENCE) {
            printf("%s\t!rejected\n", fields[0]);
            continue;
        }
        fflush(stdout);
        int channel[2];
        if (pipe(channel) != 0) return 1;
        pid_t child = fork();
        if (child == 0) {
            close(channel[0]);
            FILE *out = fdopen(channel[1], "w");
            int count = expand(rule, start, max, horizon_year, values);
            char first[16];
            format_time(start, first);
            int offset = 0;
            if (count >= 0 && (count == 0 || strcmp(values[0], first) != 0)) {
                offset = 1;
                if (rule.count == 1) {
                    count = 0;
                } else {
                    if (rule.count > 1) rule.count -= 1;
                    count = expand(rule, start, max - 1, horizon_year, values + 1);
                }
                memcpy(values[0], first, 16);
            }
            if (count < 0) {
                fprintf(out, "!rejected");
            } else {
                for (int i = 0; i < count + offset; i++) fprintf(out, i ? ",%s" : "%s", values[i]);
            }
            fclose(out);
            _exit(0);
        }
        close(channel[1]);
        char result[4096 * 16 + 64];
        size_t length = 0;
        struct timespec begin, now;
        clock_gettime(CLOCK_MONOTONIC, &begin);
        int status = 0, done = 0, timed_out = 0;
        FILE *in = fdopen(channel[0], "r");
        /* The result is small (at most `max` instances), so the child finishes writing before it exits. */
        while (!done) {
            pid_t waited = waitpid(child, &status, WNOHANG);
            if (waited == child) {
                done = 1;
                break;
            }
            clock_gettime(CLOCK_MONOTONIC, &now);
            if ((now.tv_sec - begin.tv_sec) + (now.tv_nsec - begin.tv_nsec) / 1e9 > timeout) {
                kill(child, SIGKILL);
                waitpid(child, &status, 0);
                timed_out = 1;
                break;
            }
            usleep(50);
        }
        if (!timed_out && WIFEXITED(status)) length = fread(result, 1, sizeof result - 1, in);
        fclose(in);
        result[length] = 0;
        if (timed_out) {
            printf("%s\t!timeout\n", fields[0]);
        } else if (!WIFEXITED(status)) {
            printf("%s\t!crash\n", fields[0]);
        } else {
            printf("%s\t%s\n", fields[0], result);
        }
    }
    return 0;
}
