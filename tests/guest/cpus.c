/* The CPU count a program sees, four ways (sysconf online and configured,
   get_nprocs, sched_getaffinity); cpus.sh expects 1 from each. */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/sysinfo.h>
int main(void) {
  cpu_set_t s; CPU_ZERO(&s); sched_getaffinity(0, sizeof s, &s);
  printf("onln %ld conf %ld nprocs %d affinity %d\n", sysconf(_SC_NPROCESSORS_ONLN), sysconf(_SC_NPROCESSORS_CONF), get_nprocs(), CPU_COUNT(&s));
  return 0;
}
