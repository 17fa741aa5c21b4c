import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// routes → services → stores, one direction: a route module is an HTTP adapter and nothing else may lean on
// it. (`npm run check:cycles` finds import circles; this finds the wrong direction even where no circle closes.)
const SRC = dirname(fileURLToPath(import.meta.url));
const ROUTES = join(SRC, 'routes');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

function parse(path: string) {
  return ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, false);
}

/** Relative module specifiers of static imports, re-exports and dynamic imports. */
function imports(file: ts.SourceFile): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier)
      found.push((node.moduleSpecifier as ts.StringLiteral).text);
    else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    )
      found.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found.filter((s) => s.startsWith('.'));
}

function exportedNames(file: ts.SourceFile): string[] {
  const names: string[] = [];
  for (const st of file.statements) {
    if (ts.isExportDeclaration(st) || ts.isExportAssignment(st)) names.push('<export statement>');
    else if (ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) names.push(d.name.getText(file));
      else names.push((st as ts.DeclarationStatement).name?.getText(file) ?? '<anonymous>');
    }
  }
  return names;
}

/** The modules of the route plugins, without their matrix rows (test data) and tests. */
const routeModules = readdirSync(ROUTES).filter((f) => f.endsWith('.ts') && !/\.(matrix|test|int\.test)\.ts$/.test(f));

describe('layering', () => {
  it('no module outside routes/ imports a route module (app.ts registers them through routes/index.ts)', () => {
    const wrong: string[] = [];
    for (const path of sources(SRC).filter((p) => !p.startsWith(ROUTES + '/'))) {
      for (const spec of imports(parse(path))) {
        const target = resolve(dirname(path), spec);
        if (!target.startsWith(ROUTES + '/')) continue;
        if (relative(SRC, path) === 'app.ts' && relative(SRC, target) === 'routes/index.js') continue;
        wrong.push(`${relative(SRC, path)} → ${relative(SRC, target)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('a route module exports its route plugin and nothing else, and imports no other route module', () => {
    const wrong: string[] = [];
    for (const f of routeModules) {
      const file = parse(join(ROUTES, f));
      const names = exportedNames(file);
      const plugin = f === 'index.ts' ? ['registerRoutes'] : names.filter((n) => /^[a-z][A-Za-z]*Routes$/.test(n));
      if (plugin.length !== 1 || names.length !== 1) wrong.push(`${f} exports ${names.join(', ') || 'nothing'}`);
      if (f === 'index.ts') continue;
      for (const spec of imports(file))
        if (resolve(ROUTES, spec).startsWith(ROUTES + '/')) wrong.push(`${f} imports ${spec}`);
    }
    expect(wrong).toEqual([]);
  });

  it('a route module runs no queries or transactions of its own: services and stores do', () => {
    // The health check asks the database one question to say whether it answers; that is all it is for.
    const allowed = new Set(['health.ts']);
    const query = /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(|\.transaction\(\)|\bsql`/g;
    const wrong: string[] = [];
    for (const f of routeModules.filter((f) => !allowed.has(f))) {
      const found = readFileSync(join(ROUTES, f), 'utf8').match(query);
      if (found) wrong.push(`${f}: ${[...new Set(found)].join(' ')}`);
    }
    expect(wrong).toEqual([]);
  });
});
