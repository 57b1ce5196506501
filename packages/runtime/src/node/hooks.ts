import type { LoadFnOutput, LoadHook, ResolveFnOutput, ResolveHook } from 'node:module';
import { BUNDLED_SCHEME, capnpModuleSource, isCapnpUrl } from './module-source.js';

/**
 * Node module customization hooks that make `.capnp` files importable as ES modules: `resolve`
 * marks them with the format hint `capnp`, `load` compiles them into module source. The async
 * pair is for `module.register` (Node 20: run in the hooks thread), the sync pair for
 * `module.registerHooks` (Node 22.15+, 23.5+: in the loading thread). `capnp-kit-std:` URLs (the
 * bundled standard schemas, imported by schema modules) resolve to themselves: Node knows no such
 * scheme. Other URLs pass through.
 */

/** The format hint `resolve` gives `.capnp` files (not one of Node's: only `load` reads it). */
const CAPNP_FORMAT = 'capnp';

type NextResolveSync = (specifier: string, context?: unknown) => ResolveFnOutput;
type NextLoadSync = (url: string, context?: unknown) => LoadFnOutput;

function resolveBundled(specifier: string): ResolveFnOutput | undefined {
  if (!specifier.startsWith(BUNDLED_SCHEME)) return undefined;
  return { url: specifier, format: CAPNP_FORMAT as ResolveFnOutput['format'], shortCircuit: true };
}

function markCapnp(resolved: ResolveFnOutput): ResolveFnOutput {
  if (!isCapnpUrl(resolved.url)) return resolved;
  return { ...resolved, format: CAPNP_FORMAT as ResolveFnOutput['format'] };
}

function isCapnp(url: string, format: unknown): boolean {
  return format === CAPNP_FORMAT || isCapnpUrl(url);
}

function loadCapnp(url: string): LoadFnOutput {
  return { format: 'module', source: capnpModuleSource(url), shortCircuit: true };
}

/** `resolve` hook of `module.register`. */
export const resolve: ResolveHook = async (specifier, context, nextResolve) =>
  resolveBundled(specifier) ?? markCapnp(await nextResolve(specifier, context));

/** `load` hook of `module.register`: a schema with errors fails with its diagnostics. */
export const load: LoadHook = async (url, context, nextLoad) =>
  isCapnp(url, context.format) ? loadCapnp(url) : nextLoad(url, context);

/** `resolve` hook of `module.registerHooks`. */
export function resolveSync(
  specifier: string,
  context: unknown,
  nextResolve: NextResolveSync,
): ResolveFnOutput {
  return resolveBundled(specifier) ?? markCapnp(nextResolve(specifier, context));
}

/** `load` hook of `module.registerHooks`. */
export function loadSync(
  url: string,
  context: { readonly format?: unknown },
  nextLoad: NextLoadSync,
): LoadFnOutput {
  return isCapnp(url, context.format) ? loadCapnp(url) : nextLoad(url, context);
}
