// What @capnp-kit/unplugin makes of a `.capnp` import: the module object `load()` gives.
declare module '*.capnp' {
  import type { LoadedModule } from '@capnp-kit/runtime';

  const schema: LoadedModule;
  export default schema;
}
