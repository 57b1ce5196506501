/**
 * The pycapnp quickstart, end to end, in TypeScript. Each section runs what capnp-kit can do
 * today; a section whose capability has not landed says so instead of printing made-up output.
 */

function section(title: string): void {
  process.stdout.write(`\n== ${title}\n`);
}

function notBuilt(what: string): void {
  process.stdout.write(`   (not built yet: ${what})\n`);
}

section('Load a Cap’n Proto schema');
notBuilt('load() and the .capnp import hook arrive with the runtime');

section('Const values');
notBuilt('constants are read from a loaded schema');

section('Build a message');
notBuilt('AddressBook.newMessage() arrives with the runtime');

section('Write and read: flat, packed, multi-message');
notBuilt('serialization arrives with the runtime');

section('Text and plain-object output');
notBuilt('toString() / toObject() arrive with the runtime');

section('RPC: the calculator');
notBuilt('TwoPartyServer / TwoPartyClient arrive with RPC');
