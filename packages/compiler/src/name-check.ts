import type { Declaration, Expression, Located, StructMember } from './ast.js';
import { addErrorOn, type ErrorReporter } from './error-reporter.js';

/**
 * The naming rules of declarations: duplicates in a scope, the conventions the reference
 * enforces, and what may be declared where.
 */

type ParentKind = Declaration['kind'];

const CAMEL_CASE_MESSAGE =
  "Cap'n Proto declaration names should use camelCase and must not contain underscores. (Code generators may convert names to the appropriate style for the target language.)";

function targetName(e: Expression): string {
  switch (e.kind) {
    case 'absoluteName':
    case 'relativeName':
      return e.name.value;
    case 'application':
      return targetName(e.function);
    case 'member':
      return e.name.value;
    default:
      return '';
  }
}

function isLower(c: string | undefined): boolean {
  return c !== undefined && c >= 'a' && c <= 'z';
}

function isUpper(c: string | undefined): boolean {
  return c !== undefined && c >= 'A' && c <= 'Z';
}

/**
 * Checks the declarations of one scope: duplicate names, naming conventions and what may appear
 * where (reference: `DuplicateNameDetector`). Unnamed unions share their parent's scope.
 */
export function checkNames(
  reporter: ErrorReporter,
  decls: readonly (Declaration | StructMember)[],
  parentKind: ParentKind,
  names: Map<string, Located<string>> = new Map(),
): void {
  for (const decl of decls) {
    if (decl.kind === 'file') continue;
    const name = decl.name;
    const text = name.value;
    const previous = names.get(text);
    if (previous !== undefined) {
      if (text === '' && decl.kind === 'union') {
        addErrorOn(
          reporter,
          name,
          'An unnamed union is already defined in this scope.',
          'duplicate-name',
        );
        addErrorOn(reporter, previous, 'Previously defined here.', 'duplicate-name');
      } else {
        addErrorOn(reporter, name, `'${text}' is already defined in this scope.`, 'duplicate-name');
        addErrorOn(reporter, previous, `'${text}' previously defined here.`, 'duplicate-name');
      }
    } else names.set(text, name);

    switch (decl.kind) {
      case 'using': {
        const target = targetName(decl.target);
        if (isLower(target[0])) {
          if (text.length > 0 && !isLower(text[0])) {
            addErrorOn(
              reporter,
              name,
              'Non-type names must begin with a lower-case letter.',
              'bad-name',
            );
          }
        } else if (text.length > 0 && !isUpper(text[0])) {
          addErrorOn(reporter, name, 'Type names must begin with a capital letter.', 'bad-name');
        }
        break;
      }
      case 'enum':
      case 'struct':
      case 'interface':
        if (text.length > 0 && !isUpper(text[0])) {
          addErrorOn(reporter, name, 'Type names must begin with a capital letter.', 'bad-name');
        }
        break;
      default:
        if (text.length > 0 && !isLower(text[0])) {
          addErrorOn(
            reporter,
            name,
            'Non-type names must begin with a lower-case letter.',
            'bad-name',
          );
        }
    }
    if (text.includes('_')) addErrorOn(reporter, name, CAMEL_CASE_MESSAGE, 'bad-name');

    switch (decl.kind) {
      case 'using':
      case 'const':
      case 'enum':
      case 'struct':
      case 'interface':
      case 'annotation':
        if (parentKind !== 'file' && parentKind !== 'struct' && parentKind !== 'interface') {
          addErrorOn(
            reporter,
            decl,
            "This kind of declaration doesn't belong here.",
            'misplaced-declaration',
          );
        }
        break;
      case 'enumerant':
        if (parentKind !== 'enum') {
          addErrorOn(
            reporter,
            decl,
            'Enumerants can only appear in enums.',
            'misplaced-declaration',
          );
        }
        break;
      case 'method':
        if (parentKind !== 'interface') {
          addErrorOn(
            reporter,
            decl,
            'Methods can only appear in interfaces.',
            'misplaced-declaration',
          );
        }
        break;
      case 'field':
      case 'union':
      case 'group':
        if (parentKind !== 'struct' && parentKind !== 'union' && parentKind !== 'group') {
          addErrorOn(
            reporter,
            decl,
            'This declaration can only appear in structs.',
            'misplaced-declaration',
          );
        }
        if (decl.kind !== 'field') {
          if (text === '') checkNames(reporter, decl.nestedDecls, decl.kind, names);
          else checkNames(reporter, decl.nestedDecls, decl.kind);
        }
        break;
    }
  }
}
