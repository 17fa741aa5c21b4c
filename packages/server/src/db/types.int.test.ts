import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../testing/test-db.js';
import type { DatabaseHandle } from './connect.js';
import { migrate } from './migrate.js';

/**
 * `db/types.ts` is written by hand, so it can drift from the migrations (it once missed two tables). This
 * test reads the file with the TypeScript compiler and compares every table and column with what the
 * migrated database reports in information_schema: the same tables, the same columns, nullable exactly
 * where the column is, and a TypeScript type of the column's kind.
 */

const TYPES_FILE = fileURLToPath(new URL('./types.ts', import.meta.url));

interface DeclaredColumn {
  name: string;
  /** The type a select gives, with aliases resolved: `Generated<T>` and `ColumnType<T, …>` read as T. */
  type: string;
  nullable: boolean;
}

/** Table name → its declared columns, read from `interface Database { table: SomeTable }`. */
function declaredTables(): Map<string, DeclaredColumn[]> {
  const source = ts.createSourceFile(TYPES_FILE, readFileSync(TYPES_FILE, 'utf8'), ts.ScriptTarget.Latest, true);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  const aliases = new Map<string, ts.TypeNode>();
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node);
    if (ts.isTypeAliasDeclaration(node)) aliases.set(node.name.text, node.type);
  });
  const selected = (node: ts.TypeNode): ts.TypeNode => {
    if (!ts.isTypeReferenceNode(node)) return node;
    const name = node.typeName.getText(source);
    if ((name === 'Generated' || name === 'ColumnType') && node.typeArguments) return selected(node.typeArguments[0]!);
    const alias = aliases.get(name);
    return alias ? selected(alias) : node;
  };
  const members = (node: ts.TypeNode): ts.TypeNode[] =>
    ts.isUnionTypeNode(node) ? node.types.flatMap((t) => members(selected(t))) : [node];
  const columnsOf = (name: string): DeclaredColumn[] => {
    const decl = interfaces.get(name);
    if (!decl) throw new Error(`types.ts has no interface ${name}`);
    const inherited = (decl.heritageClauses ?? []).flatMap((h) =>
      h.types.flatMap((t) => columnsOf(t.expression.getText(source))),
    );
    const own = decl.members.filter(ts.isPropertySignature).map((m) => {
      const parts = members(selected(m.type!));
      const isNull = (t: ts.TypeNode) => ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword;
      return {
        name: m.name.getText(source),
        type: parts.map((t) => t.getText(source)).join(' | '),
        nullable: parts.some(isNull),
      };
    });
    return [...inherited, ...own];
  };
  const tables = new Map<string, DeclaredColumn[]>();
  for (const member of interfaces.get('Database')!.members.filter(ts.isPropertySignature))
    tables.set(member.name.getText(source), columnsOf(member.type!.getText(source)));
  return tables;
}

interface ActualColumn {
  table_name: string;
  column_name: string;
  data_type: string;
  is_nullable: 'YES' | 'NO';
}

/** What a column's SQL type must look like in TypeScript; anything goes for json. */
const KIND: Record<string, RegExp> = {
  text: /string|'/,
  'character varying': /string|'/,
  uuid: /string/,
  integer: /number/,
  smallint: /number/,
  bigint: /number|string|bigint/,
  numeric: /number|string/,
  real: /number/,
  'double precision': /number/,
  boolean: /boolean/,
  'timestamp with time zone': /Date|Timestamp/,
  date: /DateOnly|string/,
  bytea: /Buffer|Uint8Array/,
  jsonb: /./,
  json: /./,
  ARRAY: /\[\]|Array</,
  inet: /string/,
};

let handle: DatabaseHandle;
let actual: ActualColumn[];

beforeAll(async () => {
  handle = await createTestDatabase();
  await migrate(handle.db);
  actual = (
    await sql<ActualColumn>`
      select c.table_name, c.column_name, c.data_type, c.is_nullable
        from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
       where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
       order by c.table_name, c.ordinal_position`.execute(handle.db)
  ).rows;
}, 120_000);
afterAll(() => handle?.close());

describe('db/types.ts against the migrated schema', () => {
  it('declares every table and no other', () => {
    const inDatabase = [...new Set(actual.map((c) => c.table_name))].sort();
    expect([...declaredTables().keys()].sort()).toEqual(inDatabase);
  });

  it('declares every column of every table, and no other', () => {
    const declared = declaredTables();
    const mismatches: string[] = [];
    for (const [table, columns] of declared) {
      const inDatabase = actual.filter((c) => c.table_name === table).map((c) => c.column_name);
      const names = columns.map((c) => c.name);
      for (const name of inDatabase) if (!names.includes(name)) mismatches.push(`${table}.${name} is not declared`);
      for (const name of names) if (!inDatabase.includes(name)) mismatches.push(`${table}.${name} does not exist`);
    }
    expect(mismatches).toEqual([]);
  });

  it('types each column by its kind, nullable exactly where the column is', () => {
    const declared = declaredTables();
    const mismatches: string[] = [];
    for (const column of actual) {
      const found = declared.get(column.table_name)?.find((c) => c.name === column.column_name);
      if (!found) continue;
      const { type, nullable } = found;
      const where = `${column.table_name}.${column.column_name} (${column.data_type}) declared ${type}`;
      const kind = KIND[column.data_type];
      if (!kind) mismatches.push(`${where}: unknown SQL type`);
      else if (!kind.test(type)) mismatches.push(`${where}: wrong kind`);
      // unknown (a json column read by the code that knows its shape) admits null and everything else.
      if (type === 'unknown') continue;
      if (column.is_nullable === 'YES' && !nullable) mismatches.push(`${where}: the column is nullable`);
      if (column.is_nullable === 'NO' && nullable) mismatches.push(`${where}: the column is not null`);
    }
    expect(mismatches).toEqual([]);
  });
});
