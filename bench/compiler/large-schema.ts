/**
 * A large schema for the compiler benchmark: `structs` structs of `fieldsPerStruct` fields each
 * (every field type, lists, references to other structs, unions and groups), nested `depth`
 * levels deep. Deterministic: the same arguments give the same text.
 */
export function largeSchema(structs = 500, fieldsPerStruct = 20, depth = 5): string {
  const types = [
    'Bool',
    'Int8',
    'Int16',
    'Int32',
    'Int64',
    'UInt8',
    'UInt16',
    'UInt32',
    'UInt64',
    'Float32',
    'Float64',
    'Text',
    'Data',
    'List(Int32)',
    'List(Text)',
    'Color',
  ];
  const lines = ['@0xf1a2b3c4d5e6f701;', '', 'enum Color { red @0; green @1; blue @2; }', ''];
  const paths: string[] = [];
  const emit = (path: string[], indent: string): void => {
    const index = paths.length;
    paths.push(path.join('.'));
    lines.push(`${indent}struct ${path[path.length - 1]} {`);
    let ordinal = 0;
    let f = 0;
    while (f < fieldsPerStruct) {
      const kind = (index * 7 + f) % (types.length + 3);
      if (kind === types.length && f + 3 <= fieldsPerStruct) {
        lines.push(
          `${indent}  u${f} :union { a${f} @${ordinal++} :Int32; b${f} @${ordinal++} :Text; c${f} @${ordinal++} :Void; }`,
        );
        f += 3;
      } else if (kind === types.length + 1 && f + 2 <= fieldsPerStruct) {
        lines.push(
          `${indent}  g${f} :group { x${f} @${ordinal++} :Float64; y${f} @${ordinal++} :List(Float64); }`,
        );
        f += 2;
      } else if (kind === types.length + 2 && index > 0) {
        lines.push(`${indent}  ref${f} @${ordinal++} :${paths[(index * 13) % index]};`);
        f += 1;
      } else {
        const type = types[kind % types.length] as string;
        lines.push(
          `${indent}  f${f} @${ordinal++} :${type}${type === 'Int32' ? ` = ${index * 31 + f}` : ''};`,
        );
        f += 1;
      }
    }
    if (path.length < depth && paths.length < structs)
      emit([...path, `S${paths.length + 1}`], `${indent}  `);
    lines.push(`${indent}}`);
  };
  while (paths.length < structs) emit([`S${paths.length + 1}`], '');
  return `${lines.join('\n')}\n`;
}
