/* The smallest golden test: one line on stdout, status 0. */
#include <stdio.h>

int main(void) {
  printf("Hello, world!\n");
  return 0;
}
