import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, parse, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { AppError, ErrorCode } from '../errors.js';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
}

/**
 * Refuses hostile documents before anything runs: too deep, too many aliases, directives or tokens.
 * graphql-armor's rules do the counting; each rejection becomes one QUERY_TOO_COMPLEX error naming
 * the limit (armor's own errors carry no code, and clients must never match on message text).
 * The cost limit, which needs list sizes, lives in the schema (Pothos complexity, builder.ts).
 */
export function useQueryLimits(limits: QueryLimits): Plugin {
  const report = (limit: string) => (context: ValidationContext | null, error: GraphQLError) =>
    context?.reportError(
      new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
        extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit, http: { status: 400 } },
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
        try {
          return parseFn(source, { ...options, maxTokens: limits.maxTokens });
        } catch (error) {
          // Only a document that parses without the limit is "too many tokens"; the rest are syntax errors.
          try {
            parse(source, options);
          } catch {
            throw error;
          }
          throw new AppError(ErrorCode.QUERY_TOO_COMPLEX, `Documents may have at most ${limits.maxTokens} tokens.`, {
            limit: 'tokens',
            max: limits.maxTokens,
            http: { status: 400 },
          });
        }
      });
    },
    onValidate({ addValidationRule }) {
      for (const rule of rules) addValidationRule(rule);
    },
  };
}
