/* nbody_up: nbody.c with every operation rounded upward (fesetround
 * FE_UPWARD, the dynamic mode RUP), as interval arithmetic does for upper
 * bounds.
 *
 * Usage: nbody_up [STEPS]   (default 1000000)
 * Exercises: directed rounding, which the host FPU in its default mode does
 * not give directly. */
#define NBODY_ROUNDING FE_UPWARD
#include "nbody.c"
