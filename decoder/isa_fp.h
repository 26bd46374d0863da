/* F and D rows of the instruction table (see isa.h for the columns), beyond
 * the loads, stores and moves listed in isa.h. */
#ifndef AMANATSU_ISA_FP_H
#define AMANATSU_ISA_FP_H

#define ISA_FP(X)

#endif
