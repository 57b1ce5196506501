/** Runs the `capnp-kit` command with `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command] = argv;
  if (command === undefined || command === 'help' || command === '--help') {
    process.stdout.write('usage: capnp-kit <command> [options]\n');
    return 0;
  }
  process.stderr.write(`capnp-kit: unknown command '${command}'\n`);
  return 1;
}
