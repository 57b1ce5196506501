/**
 * POSIX path arithmetic for the compiler's virtual file system (the compiler runs in browsers,
 * so it cannot use `node:path`). Paths are arrays of segments; strings use `/`.
 */

/** Splits a path into segments, resolving `.` and `..`; false if `..` climbs above the root. */
export function splitPath(path: string, base: readonly string[] = []): string[] | undefined {
  const out = path.startsWith('/') ? [] : [...base];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(part);
  }
  return out;
}

/** The absolute path string of segments. */
export function absolute(segments: readonly string[]): string {
  return `/${segments.join('/')}`;
}

/** True if `path` starts with all of `prefix`'s segments. */
export function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  if (prefix.length > path.length) return false;
  for (let i = 0; i < prefix.length; i++) if (path[i] !== prefix[i]) return false;
  return true;
}
