import type {
  AnnotationApplication,
  Expression,
  FieldDeclaration,
  GroupDeclaration,
  Located,
  Param,
  StructMember,
  UnionDeclaration,
} from './ast.js';
import { addErrorOn, CompileAborted, type ErrorReporter } from './error-reporter.js';
import type { ImplicitParams } from './generics.js';
import { groupId } from './ids.js';
import {
  GroupLayout,
  Issue344Error,
  type StructOrGroup,
  TopLayout,
  UnionLayout,
} from './layout.js';
import type {
  Annotation,
  Field,
  Node,
  SourceInfo,
  StructNode,
  Type,
  Value,
} from './schema/model.js';
import { lgSizeOf } from './schema/types.js';

/** A struct (or group) node under construction. */
export type StructNodeBuilder = Node & { which: 'struct'; struct: StructNode };

/** What the struct translator asks of the node translator. */
export interface StructTranslatorHost {
  readonly reporter: ErrorReporter;
  compileType(source: Expression, implicit: ImplicitParams): Type | undefined;
  /** Compiles a default value (now if primitive, in the final phase if a pointer). */
  compileBootstrapValue(source: Expression, type: Type, set: (v: Value) => void): void;
  defaultDefaultValue(type: Type): Value;
  compileAnnotations(
    annotations: readonly AnnotationApplication[],
    target: 'field' | 'union' | 'group' | 'param',
  ): Annotation[] | null;
  /** Registers a group node (auxiliary output of the struct). */
  addGroup(node: StructNodeBuilder, sourceInfo: SourceInfo): void;
}

/**
 * One member of a struct being translated: a field, union or group, or the struct itself (the
 * root). Field schemas are created lazily the first time a member is touched in ordinal order,
 * which is what gives the reference's field-list order and discriminant values.
 */
class MemberInfo {
  index = 0;
  childCount = 0;
  childInitializedCount = 0;
  unionDiscriminantCount = 0;
  schema: Field | undefined;
  /** For fields: the layout scope. */
  fieldScope: StructOrGroup | undefined;
  /** For unions, and scopes holding an unnamed union. */
  unionScope: UnionLayout | undefined;
  fields: Field[] | undefined;
  members: { docComment: string | null }[] | undefined;

  constructor(
    readonly parent: MemberInfo | undefined,
    readonly codeOrder: number,
    readonly isInUnion: boolean,
    readonly name: string,
    readonly kind: 'field' | 'union' | 'group' | 'root',
    readonly ordinal: Located<bigint> | undefined,
    readonly annotations: readonly AnnotationApplication[],
    readonly start: number,
    readonly end: number,
    readonly docComment: string | undefined,
    /** For groups, unions and the root: the node and its source info. */
    readonly node: StructNodeBuilder | undefined,
    readonly sourceInfo: SourceInfo | undefined,
    /** For fields. */
    readonly field?: { type: Expression; defaultValue: Expression | undefined; isParam: boolean },
  ) {}

  getSchema(): Field {
    if (this.schema !== undefined) return this.schema;
    const parent = this.parent as MemberInfo;
    this.index = parent.childInitializedCount;
    const { field, sourceInfo } = parent.addMemberSchema();
    field.discriminantValue = this.isInUnion ? parent.unionDiscriminantCount++ : 0xffff;
    field.name = this.name;
    field.codeOrder = this.codeOrder;
    if (this.docComment !== undefined) sourceInfo.docComment = this.docComment;
    this.schema = field;
    return field;
  }

  addMemberSchema(): { field: Field; sourceInfo: { docComment: string | null } } {
    const node = this.node as StructNodeBuilder;
    if (this.fields === undefined) {
      if (this.parent !== undefined) this.getSchema();
      this.fields = Array.from({ length: this.childCount }, () => newField());
      this.members = Array.from({ length: this.childCount }, () => ({ docComment: null }));
      node.struct.fields = this.fields;
      (this.sourceInfo as SourceInfo).members = this.members;
    }
    const i = this.childInitializedCount++;
    return {
      field: this.fields[i] as Field,
      sourceInfo: (this.members as { docComment: string | null }[])[i] as {
        docComment: string | null;
      },
    };
  }

  finishGroup(): void {
    const node = this.node as StructNodeBuilder;
    if (this.unionScope !== undefined) {
      this.unionScope.addDiscriminant();
      node.struct.discriminantCount = this.unionDiscriminantCount;
      node.struct.discriminantOffset = this.unionScope.discriminantOffset as number;
    }
    if (this.parent !== undefined) {
      const parentNode = this.parent.node as StructNodeBuilder;
      const id = groupId(parentNode.id, this.index);
      node.id = id;
      node.scopeId = parentNode.id;
      const schema = this.getSchema() as Field & { which: 'group' };
      (schema as { which: string }).which = 'group';
      (schema as { group: { typeId: bigint } }).group = { typeId: id };
      delete (schema as { slot?: unknown }).slot;
      const info = this.sourceInfo as SourceInfo;
      info.id = id;
      if (this.docComment !== undefined) info.docComment = this.docComment;
    }
  }
}

function newField(): Field {
  return {
    name: '',
    codeOrder: 0,
    annotations: null,
    discriminantValue: 0xffff,
    ordinal: null,
    which: 'slot',
    slot: {
      offset: 0,
      type: { which: 'void' },
      defaultValue: { which: 'void' },
      hadExplicitDefault: false,
    },
  } as Field;
}

/**
 * Translates a struct's members (or a method's parameter list) into fields, groups and layout
 * (reference: node-translator.c++ `StructTranslator`).
 */
export class StructTranslator {
  readonly #layout = new TopLayout();
  /** Members with an explicit ordinal, to be laid out in ordinal order (stable). */
  readonly #byOrdinal: { ordinal: number; member: MemberInfo }[] = [];
  readonly #allMembers: MemberInfo[] = [];
  readonly #groups: StructNodeBuilder[] = [];

  constructor(
    readonly host: StructTranslatorHost,
    readonly implicit: ImplicitParams,
  ) {}

  /** Translates struct members into `node` (a struct node) and `sourceInfo`. */
  translateMembers(
    members: readonly StructMember[],
    node: StructNodeBuilder,
    sourceInfo: SourceInfo,
  ): void {
    const root = this.#root(node, sourceInfo);
    this.#traverseTopOrGroup(members, root, this.#layout);
    this.#translateInternal(root, node);
  }

  /** Translates a method's named parameter list into the struct `node`. */
  translateParams(params: readonly Param[], node: StructNodeBuilder, sourceInfo: SourceInfo): void {
    const root = this.#root(node, sourceInfo);
    params.forEach((param, i) => {
      root.childCount++;
      const member = new MemberInfo(
        root,
        i,
        false,
        param.name.value,
        'field',
        undefined,
        param.annotations,
        param.start,
        param.end,
        undefined,
        undefined,
        undefined,
        { type: param.type, defaultValue: param.defaultValue, isParam: true },
      );
      member.fieldScope = this.#layout;
      this.#allMembers.push(member);
      this.#byOrdinal.push({ ordinal: i, member });
    });
    this.#translateInternal(root, node);
  }

  #root(node: StructNodeBuilder, sourceInfo: SourceInfo): MemberInfo {
    return new MemberInfo(
      undefined,
      0,
      false,
      '',
      'root',
      undefined,
      [],
      0,
      0,
      undefined,
      node,
      sourceInfo,
    );
  }

  #newGroupNode(
    parent: StructNodeBuilder,
    name: string,
  ): { node: StructNodeBuilder; sourceInfo: SourceInfo } {
    const displayName = `${parent.displayName}.${name}`;
    const node = {
      id: 0n,
      displayName,
      displayNamePrefixLength: displayName.length - name.length,
      scopeId: 0n,
      nestedNodes: null,
      annotations: null,
      parameters: null,
      isGeneric: parent.isGeneric,
      which: 'struct',
      struct: {
        dataWordCount: 0,
        pointerCount: 0,
        preferredListEncoding: 0,
        isGroup: true,
        discriminantCount: 0,
        discriminantOffset: 0,
        fields: null,
      },
    } as StructNodeBuilder;
    const sourceInfo: SourceInfo = { id: 0n, docComment: null, members: null };
    this.#groups.push(node);
    this.host.addGroup(node, sourceInfo);
    return { node, sourceInfo };
  }

  #fieldMember(
    parent: MemberInfo,
    codeOrder: number,
    decl: FieldDeclaration,
    scope: StructOrGroup,
    inUnion: boolean,
  ): MemberInfo {
    const member = new MemberInfo(
      parent,
      codeOrder,
      inUnion,
      decl.name.value,
      'field',
      decl.ordinal,
      decl.annotations,
      decl.start,
      decl.end,
      decl.docComment,
      undefined,
      undefined,
      { type: decl.type, defaultValue: decl.defaultValue, isParam: false },
    );
    member.fieldScope = scope;
    return member;
  }

  #groupMember(
    parent: MemberInfo,
    codeOrder: number,
    decl: UnionDeclaration | GroupDeclaration,
    inUnion: boolean,
  ): MemberInfo {
    const { node, sourceInfo } = this.#newGroupNode(
      parent.node as StructNodeBuilder,
      decl.name.value,
    );
    return new MemberInfo(
      parent,
      codeOrder,
      inUnion,
      decl.name.value,
      decl.kind,
      decl.kind === 'union' ? decl.ordinal : undefined,
      decl.annotations,
      decl.start,
      decl.end,
      decl.docComment,
      node,
      sourceInfo,
    );
  }

  #traverseUnion(
    decl: UnionDeclaration,
    members: readonly StructMember[],
    parent: MemberInfo,
    layout: UnionLayout,
    codeOrder: { n: number },
  ): void {
    if (members.length < 2) {
      addErrorOn(this.host.reporter, decl, 'Union must have at least two members.', 'union');
    }
    for (const member of members) {
      let ordinal: number | undefined;
      let info: MemberInfo | undefined;
      switch (member.kind) {
        case 'field': {
          parent.childCount++;
          info = this.#fieldMember(parent, codeOrder.n++, member, new GroupLayout(layout), true);
          this.#allMembers.push(info);
          ordinal = Number(member.ordinal.value);
          break;
        }
        case 'union':
          if (member.name.value === '') {
            addErrorOn(
              this.host.reporter,
              member,
              'Unions cannot contain unnamed unions.',
              'union',
            );
          } else {
            parent.childCount++;
            const unionLayout = new UnionLayout(new GroupLayout(layout));
            info = this.#groupMember(parent, codeOrder.n++, member, true);
            this.#allMembers.push(info);
            info.unionScope = unionLayout;
            this.#traverseUnion(member, member.nestedDecls, info, unionLayout, { n: 0 });
            if (member.ordinal !== undefined) ordinal = Number(member.ordinal.value);
          }
          break;
        case 'group': {
          parent.childCount++;
          const group = new GroupLayout(layout);
          info = this.#groupMember(parent, codeOrder.n++, member, true);
          this.#allMembers.push(info);
          this.#traverseGroup(member.nestedDecls, info, group);
          break;
        }
        default:
          break;
      }
      if (ordinal !== undefined && info !== undefined)
        this.#byOrdinal.push({ ordinal, member: info });
    }
  }

  #traverseGroup(
    members: readonly StructMember[],
    parent: MemberInfo,
    layout: StructOrGroup,
  ): void {
    if (members.length < 1) {
      this.host.reporter.addError(
        parent.start,
        parent.end,
        'Group must have at least one member.',
        'union',
      );
    }
    this.#traverseTopOrGroup(members, parent, layout);
  }

  #traverseTopOrGroup(
    members: readonly StructMember[],
    parent: MemberInfo,
    layout: StructOrGroup,
  ): void {
    const codeOrder = { n: 0 };
    for (const member of members) {
      let ordinal: number | undefined;
      let info: MemberInfo | undefined;
      switch (member.kind) {
        case 'field':
          parent.childCount++;
          info = this.#fieldMember(parent, codeOrder.n++, member, layout, false);
          this.#allMembers.push(info);
          ordinal = Number(member.ordinal.value);
          break;
        case 'union': {
          const unionLayout = new UnionLayout(layout);
          let subCodeOrder = { n: 0 };
          if (member.name.value === '') {
            info = parent;
            subCodeOrder = codeOrder;
          } else {
            parent.childCount++;
            info = this.#groupMember(parent, codeOrder.n++, member, false);
            this.#allMembers.push(info);
          }
          info.unionScope = unionLayout;
          this.#traverseUnion(member, member.nestedDecls, info, unionLayout, subCodeOrder);
          if (member.ordinal !== undefined) ordinal = Number(member.ordinal.value);
          break;
        }
        case 'group':
          parent.childCount++;
          info = this.#groupMember(parent, codeOrder.n++, member, false);
          this.#allMembers.push(info);
          this.#traverseGroup(member.nestedDecls, info, layout);
          break;
        default:
          break;
      }
      if (ordinal !== undefined && info !== undefined)
        this.#byOrdinal.push({ ordinal, member: info });
    }
  }

  /**
   * Finishes a group or union; placing a union's discriminant can trip the reference's "issue
   * 344" assertion here too, which aborts the compile (reported on the member, or at the start
   * of the file for the struct's own union: the reference prints no location for it).
   */
  #finishGroup(member: MemberInfo): void {
    try {
      member.finishGroup();
    } catch (e) {
      if (!(e instanceof Issue344Error)) throw e;
      this.host.reporter.addError(member.start, member.end, e.message, 'layout');
      throw new CompileAborted();
    }
  }

  #translateInternal(root: MemberInfo, node: StructNodeBuilder): void {
    const reporter = this.host.reporter;
    // Stable sort: members with equal ordinals keep declaration order, like std::multimap.
    const ordered = [...this.#byOrdinal].sort((a, b) => a.ordinal - b.ordinal);
    const dup = new DuplicateOrdinalDetector(reporter);
    for (const { ordinal, member } of ordered) {
      if (member.ordinal !== undefined) dup.check(member.ordinal);
      const field = member.getSchema();
      field.ordinal = ordinal;
      try {
        if (member.kind === 'field') this.#translateField(member, field);
        else if (member.kind === 'union' && !(member.unionScope as UnionLayout).addDiscriminant()) {
          addErrorOn(
            reporter,
            member.ordinal as Located<bigint>,
            'Union ordinal, if specified, must be greater than no more than one of its member ordinals (i.e. there can only be one field retroactively unionized).',
            'union',
          );
        }
      } catch (e) {
        if (!(e instanceof Issue344Error)) throw e;
        reporter.addError(
          member.start,
          member.end,
          `${e.message} (field '${member.name}')`,
          'layout',
        );
        throw new CompileAborted();
      }
    }

    this.#finishGroup(root);
    for (const member of this.#allMembers) {
      let target: 'field' | 'union' | 'group' | 'param';
      if (member.field?.isParam) target = 'param';
      else if (member.kind === 'union') {
        this.#finishGroup(member);
        target = 'union';
      } else if (member.kind === 'group') {
        this.#finishGroup(member);
        target = 'group';
      } else target = 'field';
      member.getSchema().annotations = this.host.compileAnnotations(member.annotations, target);
    }

    node.struct.dataWordCount = this.#layout.dataWordCount;
    node.struct.pointerCount = this.#layout.pointerCount;
    node.struct.preferredListEncoding = 7;
    // Groups are views of their struct's sections: they share its sizes.
    for (const group of this.#groups) {
      group.struct.dataWordCount = node.struct.dataWordCount;
      group.struct.pointerCount = node.struct.pointerCount;
      group.struct.preferredListEncoding = 7;
    }
  }

  #translateField(member: MemberInfo, field: Field): void {
    const info = member.field as NonNullable<MemberInfo['field']>;
    const type = this.host.compileType(info.type, this.implicit);
    const slot = (field as Field & { which: 'slot' }).slot;
    slot.type = type ?? { which: 'void' };
    if (type !== undefined && info.defaultValue !== undefined) {
      const dv = info.defaultValue;
      if (info.isParam && dv.kind === 'relativeName' && dv.name.value === 'null') {
        if (lgSizeOf(type) !== -2) {
          addErrorOn(
            this.host.reporter,
            dv.name,
            "Only pointer parameters can declare their default as 'null'.",
            'type-mismatch',
          );
        }
        slot.defaultValue = this.host.defaultDefaultValue(type);
      } else {
        slot.defaultValue = this.host.defaultDefaultValue(type);
        this.host.compileBootstrapValue(dv, type, (v) => {
          slot.defaultValue = v;
        });
      }
      slot.hadExplicitDefault = true;
    } else {
      slot.defaultValue = this.host.defaultDefaultValue(slot.type);
    }
    const scope = member.fieldScope as StructOrGroup;
    const lg = lgSizeOf(slot.type);
    if (lg === -2) slot.offset = scope.addPointer();
    else if (lg === -1) {
      scope.addVoid();
      slot.offset = 0;
    } else slot.offset = scope.addData(lg);
  }
}

/**
 * Checks that ordinals, visited in increasing order, are exactly 0, 1, 2, … (reference:
 * `DuplicateOrdinalDetector`).
 */
export class DuplicateOrdinalDetector {
  #expected = 0;
  #last: Located<bigint> | undefined;

  constructor(readonly reporter: ErrorReporter) {}

  check(ordinal: Located<bigint>): void {
    const value = Number(ordinal.value);
    if (value < this.#expected) {
      addErrorOn(this.reporter, ordinal, 'Duplicate ordinal number.', 'ordinal');
      if (this.#last !== undefined) {
        addErrorOn(
          this.reporter,
          this.#last,
          `Ordinal @${this.#last.value} originally used here.`,
          'ordinal',
        );
        this.#last = undefined;
      }
    } else if (value > this.#expected) {
      addErrorOn(
        this.reporter,
        ordinal,
        `Skipped ordinal @${this.#expected}.  Ordinals must be sequential with no holes.`,
        'ordinal',
      );
      this.#expected = value + 1;
    } else {
      this.#expected++;
      this.#last = ordinal;
    }
  }
}
