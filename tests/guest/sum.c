/* README demo: add the integer arguments and print the total.
   `sum 2 3 5 7 11 13 17 19 23 29` prints exactly "129\n". */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  long long total = 0;
  for (int i = 1; i < argc; i++) total += strtoll(argv[i], NULL, 10);
  printf("%lld\n", total);
  return 0;
}
