// The quickstart's address book, twice: the schema's text for the editor, and the schema itself
// compiled at build time by @capnp-kit/unplugin, so the first page shows without a compile.
import addressbook from '../../../examples/quickstart/addressbook.capnp';
import addressbookSource from '../../../examples/quickstart/addressbook.capnp?raw';

/** The name the schema editor's file has. */
export const SCHEMA_FILE = 'addressbook.capnp';

/** The quickstart's schema text. */
export const DEFAULT_SCHEMA: string = addressbookSource;

/** The quickstart's schema, loaded from the module the unplugin made of it. */
export const DEFAULT_MODULE = addressbook;
