/* The smallest real program: test_loader.c loads it (static build) and
 * expects it refused (dynamic build). */
int main(void) { return 0; }
