import type { EnvironmentModuleNode, Plugin } from 'vite';
import type { ResolvedOptions } from './options.js';
import type { SchemaModules } from './schema-modules.js';

/** True for a bare package specifier (what Vite's dependency optimizer can pre-bundle). */
function isBareSpecifier(specifier: string): boolean {
  return !/^[./]|^[a-z][a-z0-9+.-]*:/i.test(specifier);
}

/**
 * Vite's own hooks: the root directory; the runtime pre-bundled from the start (schema modules
 * import it, but the dependency scan cannot see into schemas, so the first page load would
 * otherwise find a new dependency and re-optimise); and hot updates that recompile every schema
 * module whose compile read the changed file. Vite alone would only re-execute the importers of
 * a changed schema, not recompile them, and a schema's module embeds what it took from its
 * imports (inlined constants, struct defaults laid out by imported structs).
 */
export function viteHooks(options: ResolvedOptions, schemas: SchemaModules): Partial<Plugin> {
  return {
    config: () =>
      isBareSpecifier(options.runtime) ? { optimizeDeps: { include: [options.runtime] } } : {},
    configResolved(config) {
      schemas.useBundlerRoot(config.root);
    },
    hotUpdate({ file, modules }) {
      const dependents = schemas.dependentsOf(file);
      if (dependents.length === 0) return;
      const graph = this.environment.moduleGraph;
      const more = dependents.flatMap((id) => graph.getModuleById(id) ?? []);
      const all = new Set<EnvironmentModuleNode>([...modules, ...more]);
      return [...all];
    },
  };
}
