/** The npm name of this package. */
export const packageName = '@capnp-kit/cli';
