# Entry point in the manner of newlib's libgloss/riscv/crt0.S: set gp,
# clear .bss, then main(argc, argv, envp = NULL) and exit with its result.
# The initial stack (Linux and riscv-pk alike) is: sp -> argc, argv[0..argc-1],
# NULL, envp..., NULL, auxv...

  .text
  .global _start
  .type   _start, @function
_start:
.option push
.option norelax
1:auipc gp, %pcrel_hi(__global_pointer$)
  addi  gp, gp, %pcrel_lo(1b)
.option pop

  la      a0, _edata
  la      a2, _end
  sub     a2, a2, a0
  li      a1, 0
  call    memset

  lw      a0, 0(sp)                  # argc (as libgloss: lw)
  addi    a1, sp, 8                  # argv
  li      a2, 0                      # envp (libgloss passes NULL)
  call    main
  call    _exit
  .size  _start, .-_start
