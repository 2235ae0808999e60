import { readFileSync } from 'node:fs';
import ts from 'typescript';

/** One environment variable as config.ts declares it. */
export interface Setting {
  name: string;
  /** The `.default(…)` argument as written, or undefined when the variable has none. */
  defaultText: string | undefined;
  /** The JSDoc above it, on one line. */
  doc: string;
}

/** Reads `envSchema`'s properties, their JSDoc and defaults from config.ts's source: the one place they are written. */
export function readSettings(configPath: string): Setting[] {
  const source = ts.createSourceFile(configPath, readFileSync(configPath, 'utf8'), ts.ScriptTarget.Latest, true);
  const settings: Setting[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && node.name.getText() === 'envSchema' && node.initializer) {
      const object = zodObjectLiteral(node.initializer);
      for (const property of object?.properties ?? []) {
        if (ts.isPropertyAssignment(property)) settings.push(setting(property));
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return settings;
}

/** The object literal of `z.object({...})`, however many calls (`.superRefine`, …) are chained after it. */
function zodObjectLiteral(expression: ts.Expression): ts.ObjectLiteralExpression | undefined {
  let found: ts.ObjectLiteralExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.getText() === 'z.object') {
      const argument = node.arguments[0];
      if (argument && ts.isObjectLiteralExpression(argument)) found = argument;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(expression);
  return found;
}

function setting(property: ts.PropertyAssignment): Setting {
  const docs = ts.getJSDocCommentsAndTags(property).filter(ts.isJSDoc);
  const doc = docs.map((d) => ts.getTextOfJSDocComment(d.comment) ?? '').join(' ').replace(/\s+/g, ' ').trim();
  return { name: property.name.getText(), defaultText: defaultOf(property.initializer), doc };
}

function defaultOf(expression: ts.Expression): string | undefined {
  let found: string | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'default') {
      found = node.arguments[0]?.getText();
    }
    ts.forEachChild(node, visit);
  };
  visit(expression);
  return found;
}

const BEGIN = '<!-- settings: generated from src/config.ts by `npm run docs:config`; do not edit by hand -->';
const END = '<!-- end of settings -->';

/** The table docs/configuration.md holds between its markers. */
export function settingsTable(settings: readonly Setting[]): string {
  const rows = settings.map(({ name, defaultText, doc }) => {
    const shown = defaultText === undefined ? 'unset' : `\`${defaultText.replace(/^'(.*)'$/, '$1').replace(/_/g, '')}\``;
    return `| \`${name}\` | ${shown} | ${doc.replace(/\|/g, '\\|')} |`;
  });
  return [BEGIN, '', '| variable | default | meaning |', '|---|---|---|', ...rows, '', END].join('\n');
}

/** `markdown` with its generated table replaced by `table`. */
export function withTable(markdown: string, table: string): string {
  const start = markdown.indexOf(BEGIN);
  const end = markdown.indexOf(END);
  if (start < 0 || end < start) throw new Error('docs/configuration.md has lost its settings markers');
  return markdown.slice(0, start) + table + markdown.slice(end + END.length);
}
