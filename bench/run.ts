/** Runs every benchmark of the repository and rewrites docs/benchmarks.md with the figures. */
process.stdout.write('no benchmarks registered yet\n');
