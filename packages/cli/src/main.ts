import { COMPILE_HELP, compileCommand } from './compile-command.js';
import { CONVERT_HELP, convertCommand } from './convert-command.js';
import { idCommand } from './id-command.js';
import { UsageError } from './usage-error.js';

const HELP = `Usage: capnp-kit <command> [<arg>...]

The Cap'n Proto toolchain in TypeScript: a drop-in for the \`capnp\` tool.

Commands:
  compile  compile schema files (to a plugin, or -o- for the raw request)
  convert  convert messages between binary, packed, flat, canonical, text and JSON
  id       generate a new unique file ID

See 'capnp-kit help <command>' for more on a command.
`;

const COMMAND_HELP: Record<string, string> = { compile: COMPILE_HELP, convert: CONVERT_HELP };

/** Runs the `capnp-kit` command with `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '--help': {
        const topic = args[0];
        process.stdout.write(
          topic !== undefined && COMMAND_HELP[topic] ? COMMAND_HELP[topic] : HELP,
        );
        return 0;
      }
      case 'compile':
        return compileCommand(args);
      case 'id':
        return idCommand();
      case 'convert':
        return convertCommand(args);
      default:
        throw new UsageError(`no such command '${command}'`);
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    const name =
      command === undefined || (COMMAND_HELP[command] === undefined && command !== 'id')
        ? 'capnp-kit'
        : `capnp-kit ${command}`;
    process.stderr.write(`${name}: ${e.message}\nTry '${name} --help' for more information.\n`);
    return 1;
  }
}
