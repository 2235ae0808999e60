import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, parse, type DocumentNode, type ParseOptions, type Source, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { checkShape } from './document-shape.js';
import { AppError, ErrorCode, refusalError, refusalStatus } from '../../errors.js';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxQueryBytes: number;
  maxFields: number;
  maxFieldRepeats: number;
  maxFragmentSpreads: number;
}

/**
 * Refuses hostile documents before anything runs. Before parsing: too many bytes; while parsing: too many tokens;
 * right after (document-shape.ts, linear): too many fields, repeats of one field or fragments spread in one place, which would make graphql-js's
 * validation quadratic. These three throw from the parser, so no validation rule runs on such a document. Then, as
 * validation rules, too deep, too many aliases or directives: graphql-armor's rules do the counting. Each rejection
 * becomes one QUERY_TOO_COMPLEX error naming the limit (armor's own errors carry no code, and clients must never match
 * on message text). The cost limit, which needs list sizes, lives in the schema (Pothos complexity, builder.ts).
 */
export function useQueryLimits(limits: QueryLimits): Plugin {
  const report = (limit: string) => (context: ValidationContext | null, error: GraphQLError) =>
    context?.reportError(
      new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
        extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit, http: { status: refusalStatus(ErrorCode.QUERY_TOO_COMPLEX) } },
      }),
    );
  const armor = (limit: string, n: number) => ({ n, exposeLimits: true, propagateOnRejection: false, onReject: [report(limit)] });
  const rules = [
    maxDepthRule({ ...armor('depth', limits.maxDepth), ignoreIntrospection: true }),
    maxAliasesRule(armor('aliases', limits.maxAliases)),
    maxDirectivesRule(armor('directives', limits.maxDirectives)),
  ];

  return {
    onParse({ parseFn, setParseFn }) {
      setParseFn((source, options) => {
        const text = typeof source === 'string' ? source : source.body;
        // A UTF-16 unit is one to three UTF-8 bytes: only a text in between needs its bytes counted.
        if (text.length > limits.maxQueryBytes || (text.length * 3 > limits.maxQueryBytes && Buffer.byteLength(text) > limits.maxQueryBytes)) {
          throw tooComplex(`Documents may have at most ${limits.maxQueryBytes} bytes.`, 'bytes', limits.maxQueryBytes);
        }
        const document = parseWithin(parseFn, source, options, limits);
        const violation = checkShape(document, limits);
        if (violation?.limit === 'fields') {
          throw tooComplex(`Documents may select at most ${violation.max} fields, counting each fragment where it is spread.`, 'fields', violation.max);
        }
        if (violation?.limit === 'fragments') {
          throw tooComplex(`Documents may spread at most ${violation.max} fragments into one selection.`, 'fragments', violation.max);
        }
        if (violation?.limit === 'repeats') {
          throw tooComplex(`Documents may select the field "${violation.field}" at most ${violation.max} times at one path.`, 'repeats', violation.max);
        }
        return document;
      });
    },
    onValidate({ addValidationRule }) {
      for (const rule of rules) addValidationRule(rule);
    },
  };
}

type ParseFn = (source: string | Source, options?: ParseOptions) => DocumentNode;

function parseWithin(parseFn: ParseFn, source: string | Source, options: ParseOptions | undefined, { maxTokens, maxDepth }: QueryLimits): DocumentNode {
  try {
    return parseFn(source, { ...options, maxTokens });
  } catch (error) {
    // graphql-js parses recursively: nesting thousands deep (possible only with a raised MAX_QUERY_TOKENS) overflows.
    if (error instanceof RangeError) throw tooComplex(`Documents may nest at most ${maxDepth} levels.`, 'depth', maxDepth);
    // Only a document that parses without the limit is "too many tokens"; the rest are syntax errors.
    try {
      parse(source, options);
    } catch {
      throw error;
    }
    throw tooComplex(`Documents may have at most ${maxTokens} tokens.`, 'tokens', maxTokens);
  }
}

function tooComplex(message: string, limit: string, max: number): AppError {
  return refusalError(ErrorCode.QUERY_TOO_COMPLEX, message, { limit, max });
}
