import { UsageError } from './usage-error.js';

const HELP = `Usage: capnp-kit <command> [<arg>...]

The Cap'n Proto toolchain in TypeScript: a drop-in for the \`capnp\` tool.

Commands:
  compile  compile schema files (to a plugin, or -o- for the raw request)
  convert  convert messages between binary, packed, flat, canonical, text and JSON
  id       generate a new unique file ID
  types    write the TypeScript declarations of schemas (x.d.capnp.ts next to x.capnp)

See 'capnp-kit help <command>' for more on a command.
`;

/** A subcommand: its help text (if it has one) and what runs it. */
interface Command {
  readonly help?: string;
  run(args: readonly string[]): number | Promise<number>;
}

/**
 * The subcommands, each loaded only when used: `compile` needs only the compiler, and loading
 * the runtime's modules as well would add to every run's start-up time.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  compile: async () => {
    const m = await import('./compile-command.js');
    return { help: m.COMPILE_HELP, run: m.compileCommand };
  },
  convert: async () => {
    const m = await import('./convert-command.js');
    return { help: m.CONVERT_HELP, run: m.convertCommand };
  },
  id: async () => {
    const m = await import('./id-command.js');
    return { run: () => m.idCommand() };
  },
  types: async () => {
    const m = await import('./types-command.js');
    return { help: m.TYPES_HELP, run: m.typesCommand };
  },
};

/** Runs the `capnp-kit` command with `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  const load = name === undefined ? undefined : COMMANDS[name];
  try {
    if (name === undefined || name === 'help' || name === '--help') {
      const topic = args[0] === undefined ? undefined : COMMANDS[args[0]];
      process.stdout.write((await topic?.())?.help ?? HELP);
      return 0;
    }
    if (load === undefined) throw new UsageError(`no such command '${name}'`);
    return await (await load()).run(args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    const shown = load === undefined ? 'capnp-kit' : `capnp-kit ${name}`;
    process.stderr.write(`${shown}: ${e.message}\nTry '${shown} --help' for more information.\n`);
    return 1;
  }
}
