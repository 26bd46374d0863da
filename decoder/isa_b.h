/* Zba, Zbb, Zbs and Zicond rows of the instruction table (see isa.h for the
 * columns). */
#ifndef AMANATSU_ISA_B_H
#define AMANATSU_ISA_B_H

#define ISA_B(X)

#endif
